// Asks once for a legacy application's own username and password (autotype). What is typed goes
// straight into the clinician's vault sealed to their card; the fields are wiped as it closes.
#pragma once

#include <lanyard/sso/secret.h>

#include <QDialog>

class QLabel;
class QLineEdit;

namespace Lanyard::Shell {

class EnrolDialog : public QDialog
{
    Q_OBJECT
public:
    EnrolDialog(const QString &applicationName, QWidget *parent = nullptr);
    ~EnrolDialog() override;

    QString username() const;
    Sso::Secret takePassword(); // the typed password; the field is wiped
    void showProblem(const QString &message);

private:
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_problem;
};

} // namespace Lanyard::Shell

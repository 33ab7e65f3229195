// The role choice for a clinician with more than one role: each role's name and organisation,
// arrows and Enter to choose.
#pragma once

#include <lanyard/sso/user.h>

#include <QWidget>

class QListWidget;

namespace Lanyard::Shell {

class RolePage : public QWidget
{
    Q_OBJECT
public:
    explicit RolePage(QWidget *parent = nullptr);
    void offer(const QList<Sso::Role> &roles);
    void clear();
    void focusList();

signals:
    void roleChosen(const QString &roleId);

private:
    void choose();
    QListWidget *m_list;
};

// "Staff Nurse — Cambridge University Hospitals NHS Foundation Trust (RGT)"
QString roleLine(const Sso::Role &role);

} // namespace Lanyard::Shell

// The demo EPR's own username/password form, for the autotype path: a legacy application that
// signs in with a password of its own instead of a token. It prints "signed-in NAME via=form" or
// "refused ... via=form", never what was typed. With focusThiefAfterKeys, after that many key
// presses in the form a second window takes the keyboard and counts the keys it gets
// ("thief-shown", "thief-key N"), for the test that typing stops when focus moves.
#pragma once

#include <QByteArray>
#include <QString>
#include <QWidget>

#include <functional>

class QLineEdit;

namespace DemoEpr {

struct LoginFormSettings
{
    QString user; // the one username it accepts
    QByteArray passwordSha256; // hex SHA-256 of the UTF-8 password it accepts
    int focusThiefAfterKeys = 0; // 0: no thief
    QString screenshot; // PNG of the filled form at submit (the password is masked)
};

class LoginForm : public QWidget
{
    Q_OBJECT

public:
    LoginForm(LoginFormSettings settings, std::function<void(const QString &)> say);
    // Fills the form and submits it at once, as if typed (the benchmark's floor).
    void submitWith(const QString &user, QByteArray &password);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();
    void stealFocus();

    LoginFormSettings m_settings;
    std::function<void(const QString &)> m_say;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    int m_keys = 0;
    QWidget *m_thief = nullptr;
};

} // namespace DemoEpr

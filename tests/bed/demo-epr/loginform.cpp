#include "loginform.h"

#include <QCryptographicHash>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace DemoEpr {

namespace {

// The window that takes the keyboard mid-typing; says each key it is given.
class FocusThief : public QLabel
{
public:
    explicit FocusThief(std::function<void(const QString &)> say)
        : QLabel(QStringLiteral("A message from another application"))
        , m_say(std::move(say))
    {
        setWindowTitle(QStringLiteral("Demo EPR — message"));
        setFocusPolicy(Qt::StrongFocus);
        resize(400, 120);
    }

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        m_say(QStringLiteral("thief-key %1").arg(++m_keys));
        event->accept();
    }

private:
    std::function<void(const QString &)> m_say;
    int m_keys = 0;
};

} // namespace

LoginForm::LoginForm(LoginFormSettings settings, std::function<void(const QString &)> say)
    : m_settings(std::move(settings))
    , m_say(std::move(say))
{
    setWindowTitle(QStringLiteral("Demo EPR — sign in"));
    auto *layout = new QFormLayout(this);
    m_user = new QLineEdit;
    m_password = new QLineEdit;
    m_user->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *signIn = new QPushButton(QStringLiteral("Sign in"));
    layout->addRow(QStringLiteral("Username"), m_user);
    layout->addRow(QStringLiteral("Password"), m_password);
    layout->addRow(signIn);
    for (QLineEdit *field : { m_user, m_password }) {
        field->installEventFilter(this);
        connect(field, &QLineEdit::returnPressed, this, &LoginForm::submit);
    }
    connect(signIn, &QPushButton::clicked, this, &LoginForm::submit);
    resize(480, 160);
    m_user->setFocus();
}

void LoginForm::submitWith(const QString &user, QByteArray &password)
{
    m_user->setText(user);
    m_password->setText(QString::fromUtf8(password));
    password.fill('\0');
    submit();
}

bool LoginForm::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && ++m_keys == m_settings.focusThiefAfterKeys)
        stealFocus();
    return QWidget::eventFilter(watched, event);
}

void LoginForm::stealFocus()
{
    m_thief = new FocusThief(m_say);
    m_thief->setAttribute(Qt::WA_DeleteOnClose);
    m_thief->move(x() + 60, y() + 60);
    m_thief->show();
    m_thief->raise();
    m_thief->activateWindow();
    m_say(QStringLiteral("thief-shown"));
}

void LoginForm::submit()
{
    if (!m_settings.screenshot.isEmpty())
        grab().save(m_settings.screenshot, "PNG");
    QByteArray password = m_password->text().toUtf8();
    const bool right = m_user->text() == m_settings.user
        && QCryptographicHash::hash(password, QCryptographicHash::Sha256).toHex()
            == m_settings.passwordSha256.toLower();
    password.fill('\0');
    m_password->clear();
    if (!right) {
        m_say(QStringLiteral("refused wrong username or password via=form"));
        return;
    }
    setWindowTitle(QStringLiteral("Demo EPR — %1").arg(m_user->text()));
    m_say(QStringLiteral("signed-in %1 via=form").arg(m_user->text()));
}

} // namespace DemoEpr

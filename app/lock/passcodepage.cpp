#include "lock/passcodepage.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace Lanyard::Shell {

PasscodePage::PasscodePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("passcodePage"));
    auto *layout = new QVBoxLayout(this);
    m_greeting = new QLabel(this);
    m_greeting->setObjectName(QStringLiteral("passcodeGreeting"));
    m_greeting->setWordWrap(true);
    m_greeting->setAlignment(Qt::AlignCenter);
    m_greeting->setTextFormat(Qt::PlainText);
    layout->addWidget(m_greeting);

    auto *prompt = new QLabel(tr("&Passcode (6 to 8 digits)"), this);
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("passcodeField"));
    m_field->setEchoMode(QLineEdit::Password);
    m_field->setMaxLength(Smartcard::Passcode::MaximumLength);
    m_field->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_field));
    m_field->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_field->setAccessibleName(tr("Smartcard passcode"));
    m_field->setContextMenuPolicy(Qt::NoContextMenu); // no copy or paste of a passcode
    prompt->setBuddy(m_field);
    layout->addWidget(prompt);
    layout->addWidget(m_field);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("passcodeMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setAccessibleName(tr("Passcode problem"));
    layout->addWidget(m_message);

    m_submit = new QPushButton(tr("Sign in"), this);
    m_submit->setObjectName(QStringLiteral("passcodeSubmit"));
    m_submit->setDefault(true);
    m_submit->setEnabled(false);
    layout->addWidget(m_submit);

    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_submit->setEnabled(text.size() >= Smartcard::Passcode::MinimumLength);
    });
    connect(m_field, &QLineEdit::returnPressed, this, &PasscodePage::submit);
    connect(m_submit, &QPushButton::clicked, this, &PasscodePage::submit);
}

void PasscodePage::ask(const QString &cardHolderName, bool unlocking)
{
    clear();
    m_greeting->setText(cardHolderName.isEmpty()
                            ? tr("Enter your smartcard passcode.")
                            : unlocking ? tr("%1, enter your passcode to unlock.").arg(cardHolderName)
                                        : tr("%1, enter your passcode to sign in.").arg(cardHolderName));
    m_message->hide();
}

void PasscodePage::rejected(const QString &message)
{
    clear();
    m_message->setText(message);
    m_message->show();
}

void PasscodePage::clear()
{
    // QLineEdit keeps its own copies; overwrite what it shows before letting it go.
    m_field->setText(QString(m_field->text().size(), QLatin1Char('0')));
    m_field->clear();
}

void PasscodePage::focusField()
{
    m_field->setFocus(Qt::OtherFocusReason);
}

void PasscodePage::submit()
{
    QString typed = m_field->text();
    if (typed.size() < Smartcard::Passcode::MinimumLength)
        return;
    clear();
    auto passcode = Smartcard::Passcode::fromTyped(typed);
    Smartcard::Passcode::wipe(typed);
    if (!passcode) {
        rejected(passcode.error().message);
        return;
    }
    if (m_onSubmit)
        m_onSubmit(std::move(passcode).value());
}

} // namespace Lanyard::Shell

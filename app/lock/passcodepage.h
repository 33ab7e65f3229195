// The passcode prompt: digits only, masked, 6 to 8 of them, Enter to go on; the tries left or
// the card-locked guidance when the card refused it. Usable by keyboard alone.
#pragma once

#include <lanyard/smartcard/passcode.h>

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Lanyard::Shell {

class PasscodePage : public QWidget
{
    Q_OBJECT
public:
    explicit PasscodePage(QWidget *parent = nullptr);

    void ask(const QString &cardHolderName, bool unlocking);
    void rejected(const QString &message);
    void clear();
    void focusField();

    // Where an entered passcode goes (a callback, not a signal: it is moved, never copied).
    using Submit = std::function<void(Smartcard::Passcode)>;
    void onSubmit(Submit submit) { m_onSubmit = std::move(submit); }

private:
    void submit();

    QLabel *m_greeting;
    QLabel *m_message;
    QLineEdit *m_field;
    QPushButton *m_submit;
    Submit m_onSubmit;
};

} // namespace Lanyard::Shell

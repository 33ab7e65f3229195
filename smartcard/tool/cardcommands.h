// The lanyard-card commands. Each returns the process exit code (exitcodes.h).
#pragma once

#include "exitcodes.h"
#include "tooloutput.h"

#include <lanyard/smartcard/certificatevalidator.h>
#include <lanyard/smartcard/tokensession.h>

#include <QHash>
#include <QStringList>

namespace Lanyard::CardTool {

using Output = Lanyard::ToolOutput;

struct Options
{
    QString modulePath; // PKCS#11 module
    QString reader; // name or index; empty: the first reader holding a card
    int eventLimit = 0; // watch: stop after this many events (0: until interrupted)
    bool passcodeFromStdin = false;
    Smartcard::CertificateValidator::Config validation;
};

class CardCommands
{
public:
    CardCommands(Options options, Output output);

    int readers();
    int watch();
    int certs();
    int login();

private:
    struct Snapshot
    {
        QStringList readers;
        QHash<QString, QByteArray> cards;
        QString problem; // set when pcscd could not be reached
    };
    Snapshot snapshot() const;
    // The reader to use: --reader by name or index, else the first one holding a card.
    Result<QString> chooseReader() const;
    Result<std::unique_ptr<Smartcard::TokenSession>> openToken() const;
    int fail(const Error &error, const QJsonObject &details = {}) const;

    Options m_options;
    Output m_output;
};

} // namespace Lanyard::CardTool

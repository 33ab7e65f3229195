// The configuration file (INI, /etc/xdg/lanyard/lanyard.conf) as the modules read it:
// SessionConfig (idp, card, session, audit, vault), ContextConfig (pds, allergies, hub) and
// PluginHostConfig (plugins), each with its durations, URLs and flags. The shell's own reader
// and `lanyard --check-config` live in the Qt Widgets library and are not fuzzed here; they read
// through these three.
//
// Each input is written to a file and read with QSettings, as Lanyard does. "$FUZZDIR" in the
// input becomes a directory holding readable files (ca.pem, module.so), so the readers get past
// their "is this file readable" checks to the settings after them.
#include "fuzzsupport.h"

#include <lanyard/context/contextconfig.h>
#include <lanyard/pluginhost/pluginhostconfig.h>
#include <lanyard/sso/sessionconfig.h>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>

namespace {
std::unique_ptr<QTemporaryDir> directory;
quint64 counter = 0;

void touch(const QString &name)
{
    QFile file(directory->filePath(name));
    if (file.open(QIODevice::WriteOnly))
        file.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    directory = std::make_unique<QTemporaryDir>();
    if (!directory->isValid())
        __builtin_trap();
    touch(QStringLiteral("ca.pem"));
    touch(QStringLiteral("module.so"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray text = Lanyard::Fuzz::bytes(data, size);
    text.replace("$FUZZDIR", directory->path().toUtf8());
    // A new name each time: QSettings caches a file's contents by name.
    const QString path = directory->filePath(QStringLiteral("lanyard-%1.conf").arg(++counter));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            __builtin_trap();
    }
    {
        QSettings settings(path, QSettings::IniFormat);
        (void)Lanyard::Sso::SessionConfig::fromSettings(settings).ok();
        (void)Lanyard::Context::ContextConfig::fromSettings(settings).ok();
        (void)Lanyard::Plugins::PluginHostConfig::fromSettings(settings).ok();
    }
    QFile::remove(path);
    return 0;
}

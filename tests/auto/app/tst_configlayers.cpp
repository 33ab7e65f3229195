// The configuration the Qt/XDG way: the workstation's file, a user's file laid over it for the
// keys the workstation leaves to users only, and every key Lanyard reads documented for IT desks.
#include <configkeys.h>
#include <layeredsettings.h>
#include <shellerror.h>

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Lanyard;
using namespace Lanyard::Shell;

class TestConfigLayers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const char *name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QString sourceFile(const QString &relative)
    {
        QFile file(qEnvironmentVariable("LANYARD_SOURCE_DIR") + QLatin1Char('/') + relative);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(relative));
        return QString::fromUtf8(file.readAll());
    }

private slots:
    void userSetsOnlyWhatIsLeftToUsers()
    {
        const ConfigFiles files{write("system.conf", "[idp]\nissuer=https://idp.trust.nhs.uk\n"
                                                      "[ui]\nlanguage=en_GB\nlock_hotkey=Ctrl+Alt+L\n"),
                                write("user.conf", "[idp]\nissuer=https://attacker.example\n"
                                                   "[ui]\nlanguage=cy\nhigh_contrast=true\nlock_hotkey=\n"
                                                   "[nonsense]\nkey=1\n")};
        auto layered = LayeredSettings::open(files);
        QVERIFY(layered);
        QSettings &settings = (*layered)->settings();
        QCOMPARE(settings.value(QStringLiteral("ui/language")).toString(), QStringLiteral("cy"));
        QCOMPARE(settings.value(QStringLiteral("ui/high_contrast")).toString(), QStringLiteral("true"));
        QCOMPARE(settings.value(QStringLiteral("idp/issuer")).toString(), QStringLiteral("https://idp.trust.nhs.uk"));
        QCOMPARE(settings.value(QStringLiteral("ui/lock_hotkey")).toString(), QStringLiteral("Ctrl+Alt+L"));
        const QString ignored = (*layered)->ignored().join(QLatin1Char('\n'));
        QCOMPARE((*layered)->ignored().size(), 3);
        QVERIFY(ignored.contains(QStringLiteral("idp/issuer is locked by the workstation's configuration")));
        QVERIFY(ignored.contains(QStringLiteral("ui/lock_hotkey is locked")));
        QVERIFY(ignored.contains(QStringLiteral("no configuration key nonsense/key")));
        // The files themselves are untouched: the merge is a private copy.
        QFile system(files.system);
        QVERIFY(system.open(QIODevice::ReadOnly));
        QVERIFY(!system.readAll().contains("cy"));
    }

    void workstationLocksEveryKey()
    {
        const ConfigFiles files{write("system.conf", "[config]\nuser_keys=\n[ui]\nlanguage=en_GB\n"),
                                write("user.conf", "[ui]\nlanguage=cy\n")};
        auto layered = LayeredSettings::open(files);
        QVERIFY(layered);
        QCOMPARE((*layered)->settings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("en_GB"));
        QCOMPARE((*layered)->ignored().size(), 1);
    }

    void workstationLeavesOneKey()
    {
        const ConfigFiles files{write("system.conf", "[config]\nuser_keys=ui/high_contrast\n"),
                                write("user.conf", "[ui]\nlanguage=cy\nhigh_contrast=yes\n")};
        auto layered = LayeredSettings::open(files);
        QVERIFY(layered);
        QCOMPARE((*layered)->settings().value(QStringLiteral("ui/high_contrast")).toString(), QStringLiteral("yes"));
        QVERIFY(!(*layered)->settings().contains(QStringLiteral("ui/language")));
    }

    void onlyPreferencesCanBeLeftToUsers()
    {
        const ConfigFiles files{write("system.conf", "[config]\nuser_keys=ui/language, idp/issuer\n"),
                                write("user.conf", "[idp]\nissuer=https://attacker.example\n")};
        auto layered = LayeredSettings::open(files);
        QVERIFY(!layered);
        QCOMPARE(layered.error().code, int(ShellError::BadSetting));
        QVERIFY(layered.error().message.contains(QStringLiteral("idp/issuer cannot be left to users")));
    }

    void noUserFileIsFine()
    {
        auto layered = LayeredSettings::open({write("system.conf", "[ui]\nlanguage=cy\n"),
                                              m_dir.filePath(QStringLiteral("absent.conf"))});
        QVERIFY(layered);
        QCOMPARE((*layered)->settings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("cy"));
        QVERIFY((*layered)->ignored().isEmpty());
    }

    void missingSystemFileSaysWhatToDo()
    {
        auto layered = LayeredSettings::open({m_dir.filePath(QStringLiteral("none.conf")), {}});
        QVERIFY(!layered);
        QCOMPARE(layered.error().code, int(ShellError::ConfigUnreadable));
        QVERIFY(layered.error().message.contains(QStringLiteral("--config FILE")));
    }

    // docs/deploying.md's table and the packaged default file name every key Lanyard reads.
    void everyKeyIsDocumented()
    {
        const QString guide = sourceFile(QStringLiteral("docs/deploying.md"));
        const QString defaults = sourceFile(QStringLiteral("installer/lanyard.conf"));
        for (const QString &key : knownConfigKeys()) {
            QVERIFY2(guide.contains(QStringLiteral("| `%1` |").arg(key)),
                     qPrintable(key + QStringLiteral(" has no row in docs/deploying.md")));
            const QString group = key.section(QLatin1Char('/'), 0, 0);
            const QString name = key.section(QLatin1Char('/'), 1);
            const QRegularExpression inGroup(
                QStringLiteral(R"(^\[%1\]\n(?:[^\[][^\n]*\n|\n)*?;?%2=)")
                    .arg(group, QRegularExpression::escape(name)),
                QRegularExpression::MultilineOption);
            QVERIFY2(inGroup.match(defaults).hasMatch(),
                     qPrintable(key + QStringLiteral(" is not in installer/lanyard.conf")));
        }
    }
};

QTEST_GUILESS_MAIN(TestConfigLayers)
#include "tst_configlayers.moc"

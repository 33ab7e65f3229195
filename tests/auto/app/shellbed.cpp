#include "shellbed.h"

#include "bedcontrol.h"
#include "demoeprapplication.h"
#include "ssobed.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>

namespace Lanyard::Tests::ShellBed {

const QString LegacyUser = QStringLiteral("acarter");
const QString LegacyPassword = QStringLiteral("Winter-2026!");

QString legacyReport(const QString &scratch)
{
    return scratch + QStringLiteral("/legacy-pas.log");
}

QString demoEprReport(const QString &scratch)
{
    return scratch + QStringLiteral("/demo-epr.log");
}

int webEprReported(const QString &event, const QString &key, const QString &value)
{
    QFile file(BedControl::value("BED_WEB_EPR_REPORT"));
    int count = 0;
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            if (e.value(QLatin1String("event")).toString() == event && e.value(key).toString() == value)
                ++count;
        }
    }
    return count;
}

int reported(const QString &reportFile, const QString &line)
{
    QFile file(reportFile);
    return file.open(QIODevice::ReadOnly) ? int(QString::fromUtf8(file.readAll()).count(line)) : 0;
}

Shell::ShellConfig config(const QString &scratch)
{
    Shell::ShellConfig c;
    c.session = SsoBed::config();
    c.session.vaultDirectory = scratch + QStringLiteral("/vaults");
    c.session.audit.path = BedControl::artefactPath(QStringLiteral("app-journey-audit.jsonl"));
    QFile::remove(c.session.audit.path);
    c.context.pds.base = QUrl(BedControl::value("BED_FHIR_BASE"));
    c.context.pds.caBundle = BedControl::value("BED_CA_BUNDLE");

    const QString applications = scratch + QStringLiteral("/applications");
    QDir().mkpath(applications);
    writeDemoEprApplication(applications, QStringLiteral(LANYARD_DEMO_EPR_BINARY), demoEprReport(scratch));

    // A legacy application with its own username and password, typed in by autotype.
    QFile legacy(applications + QStringLiteral("/legacy-pas.json"));
    if (legacy.open(QIODevice::WriteOnly)) {
        const QJsonObject typed{
            {QStringLiteral("program"), QStringLiteral(LANYARD_DEMO_EPR_BINARY)},
            {QStringLiteral("arguments"),
             QJsonArray{QStringLiteral("--login-form"), QStringLiteral("--form-user"), LegacyUser,
                        QStringLiteral("--form-password-sha256"),
                        QString::fromLatin1(QCryptographicHash::hash(LegacyPassword.toUtf8(),
                                                                     QCryptographicHash::Sha256).toHex()),
                        QStringLiteral("--report"), legacyReport(scratch)}}};
        legacy.write(QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("legacy-pas")},
                                               {QStringLiteral("name"), QStringLiteral("Legacy PAS")},
                                               {QStringLiteral("plugin"), QStringLiteral("org.lanyard.autotype")},
                                               {QStringLiteral("settings"), typed}})
                         .toJson());
    }
    // The bed's web EPR in Lanyard's browser, signed in with the card's IdP session.
    QFile web(applications + QStringLiteral("/web-epr.json"));
    if (web.open(QIODevice::WriteOnly)) {
        const QString epr = BedControl::value("BED_WEB_EPR_URL");
        const QJsonObject browse{
            {QStringLiteral("url"), epr + QStringLiteral("/")},
            {QStringLiteral("patientUrl"), epr + QStringLiteral("/patient/{nhsNumber}")},
            {QStringLiteral("followBy"), QStringLiteral("hub")},
            {QStringLiteral("windowTitle"), QStringLiteral("Web EPR")},
            {QStringLiteral("caBundle"), BedControl::value("BED_CA_BUNDLE")},
            {QStringLiteral("disableGpu"), true}};
        web.write(QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("web-epr")},
                                            {QStringLiteral("name"), QStringLiteral("Web EPR")},
                                            {QStringLiteral("plugin"), QStringLiteral("org.lanyard.web")},
                                            {QStringLiteral("followsPatient"), true},
                                            {QStringLiteral("settings"), browse}})
                      .toJson());
    }
    c.plugins.directories = {};
    c.plugins.builtinDirectory = QFileInfo(QStringLiteral(LANYARD_EXEC_PLUGIN)).absolutePath();
    c.plugins.applicationDirectories = {applications};
    c.plugins.runnerPath = QStringLiteral(LANYARD_PLUGIN_RUNNER);
    c.plugins.endTimeout = std::chrono::seconds(3);
    c.ui.workstationName = QStringLiteral("WARD7-PC03");
    return c;
}

QStringList visibleTexts()
{
    QStringList texts;
    for (QWidget *window : QApplication::topLevelWidgets()) {
        if (!window->isVisible())
            continue;
        QList<QWidget *> widgets = window->findChildren<QWidget *>();
        widgets.prepend(window);
        for (QWidget *widget : std::as_const(widgets)) {
            if (!widget->isVisible())
                continue;
            if (auto *label = qobject_cast<QLabel *>(widget))
                texts << label->text();
            else if (auto *button = qobject_cast<QAbstractButton *>(widget))
                texts << button->text();
            else if (auto *edit = qobject_cast<QLineEdit *>(widget);
                     edit && edit->echoMode() == QLineEdit::Normal)
                texts << edit->text();
            else if (auto *list = qobject_cast<QListWidget *>(widget))
                for (int i = 0; i < list->count(); ++i)
                    texts << list->item(i)->text();
            if (!widget->windowTitle().isEmpty() && widget->isWindow())
                texts << widget->windowTitle();
        }
    }
    texts.removeAll(QString());
    return texts;
}

bool saveScreen(const QString &name)
{
    QApplication::processEvents();
    const QPixmap screen = QGuiApplication::primaryScreen()->grabWindow(0);
    return screen.save(BedControl::artefactPath(QStringLiteral("app-") + name + QStringLiteral(".png")));
}

} // namespace Lanyard::Tests::ShellBed

// PluginManifest: each test plugin's manifest accepted, or refused with its own reason, read
// from the file without running the plugin's code.
#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/pluginhost/pluginmanifest.h>

#include <lanyard/plugin/clinicalappplugin.h>

#include <QFileInfo>
#include <QJsonDocument>
#include <QPluginLoader>
#include <QTest>

using namespace Lanyard;
using namespace Lanyard::Plugins;

class tst_PluginManifest : public QObject
{
    Q_OBJECT

private slots:
    void fixtures_data();
    void fixtures();
    void metaData_data();
    void metaData();
    void missingFile();
};

void tst_PluginManifest::fixtures_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id");        // accepted with this id, or
    QTest::addColumn<int>("error");         // refused with this PluginError
    QTest::addColumn<QString>("reason");    // and this in its message

    QTest::newRow("good") << QStringLiteral(FIXTURE_GOOD) << QStringLiteral("org.example.good")
                          << 0 << QString();
    QTest::newRow("duplicate") << QStringLiteral(FIXTURE_DUPLICATE)
                               << QStringLiteral("org.example.good") << 0 << QString();
    QTest::newRow("crashes in initialize")
        << QStringLiteral(FIXTURE_CRASHINIT) << QStringLiteral("org.example.crashinit") << 0
        << QString();
    QTest::newRow("wrong IID")
        << QStringLiteral(FIXTURE_WRONGIID) << QString() << int(PluginError::NotAPlugin)
        << QStringLiteral("not a Lanyard clinical application plugin (interface "
                          "\"org.lanyard.ClinicalAppPlugin/0\", expected "
                          "\"org.lanyard.ClinicalAppPlugin/1\")");
    QTest::newRow("no id") << QStringLiteral(FIXTURE_NOID) << QString()
                           << int(PluginError::BadManifest)
                           << QStringLiteral("the manifest has no \"id\"");
    QTest::newRow("api 2")
        << QStringLiteral(FIXTURE_API2) << QString() << int(PluginError::ApiTooNew)
        << QStringLiteral("built for Lanyard plugin API 2; this Lanyard supports 1 — ask the "
                          "vendor for an older build or update Lanyard");
}

void tst_PluginManifest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(int, error);
    QFETCH(QString, reason);

    const auto manifest = PluginManifest::read(path);
    if (!id.isEmpty()) {
        QVERIFY2(manifest.ok(), qPrintable(manifest.ok() ? QString() : manifest.error().message));
        QCOMPARE(manifest->id, id);
        QCOMPARE(manifest->path, path);
        QCOMPARE(manifest->api, 1);
    } else {
        QVERIFY(!manifest.ok());
        QCOMPARE(manifest.error().code, error);
        QVERIFY2(manifest.error().message.contains(reason), qPrintable(manifest.error().message));
        // The reason names the file, so the IT desk knows which one to remove.
        QVERIFY(manifest.error().message.startsWith(QFileInfo(path).fileName()));
    }
}

void tst_PluginManifest::missingFile()
{
    const auto manifest = PluginManifest::read(QStringLiteral("/nonexistent/libnothing.so"));
    QVERIFY(!manifest.ok());
    QCOMPARE(manifest.error().code, int(PluginError::NotAPlugin));
}

void tst_PluginManifest::metaData_data()
{
    QTest::addColumn<QByteArray>("json");    // the plugin's MetaData
    QTest::addColumn<QStringList>("reasons"); // empty: accepted

    QTest::newRow("full") << QByteArray(R"({"id":"org.example.demo-epr","name":"Demo EPR",
        "version":"1.0.0","api":1,"vendor":"Example Ltd","icon":"demo-epr.svg","signIn":"web",
        "followsPatient":true,"audience":"demo-epr","settings":{"server":"x"}})")
                          << QStringList();
    QTest::newRow("minimal")
        << QByteArray(R"({"id":"a.b","name":"A","version":"0.1","api":1})") << QStringList();
    QTest::newRow("empty") << QByteArray("{}")
                           << QStringList{QStringLiteral("has no manifest")};
    QTest::newRow("every problem named")
        << QByteArray(R"({"id":"Org.Example","version":"one","api":1.5,"signIn":"magic",
            "followsPatient":"yes"})")
        << QStringList{QStringLiteral("the id \"Org.Example\" is not reverse-DNS"),
                       QStringLiteral("the manifest has no \"name\""),
                       QStringLiteral("the version \"one\" is not MAJOR.MINOR.PATCH"),
                       QStringLiteral("\"api\" must be a whole number"),
                       QStringLiteral("\"signIn\" is \"magic\""),
                       QStringLiteral("\"followsPatient\" must be true or false")};
    QTest::newRow("api as string")
        << QByteArray(R"({"id":"a.b","name":"A","version":"1.0.0","api":"1"})")
        << QStringList{QStringLiteral("\"api\" must be a whole number")};
    QTest::newRow("api 0") << QByteArray(R"({"id":"a.b","name":"A","version":"1.0.0","api":0})")
                           << QStringList{QStringLiteral("\"api\" must be a whole number")};
    QTest::newRow("api 7")
        << QByteArray(R"({"id":"a.b","name":"A","version":"1.0.0","api":7})")
        << QStringList{QStringLiteral("built for Lanyard plugin API 7; this Lanyard supports 1")};
    // Found by fuzzing (tests/fuzz/corpus/plugin_manifest/crash-api-1e50): a whole number beyond
    // qint64 was cast to one (undefined behaviour) and then called not a whole number.
    QTest::newRow("api 1e50")
        << QByteArray(R"({"id":"a.b","name":"A","version":"1.0.0","api":1e50})")
        << QStringList{QStringLiteral("built for Lanyard plugin API 10000000000"),
                       QStringLiteral("this Lanyard supports 1")};
}

void tst_PluginManifest::metaData()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, reasons);

    const QJsonObject metaData{
        {QStringLiteral("IID"), QLatin1String(Lanyard_ClinicalAppPlugin_iid)},
        {QStringLiteral("MetaData"), QJsonDocument::fromJson(json).object()}};
    const auto manifest =
        PluginManifest::fromMetaData(metaData, QStringLiteral("/x/libexample.so"));
    if (reasons.isEmpty()) {
        QVERIFY2(manifest.ok(), qPrintable(manifest.ok() ? QString() : manifest.error().message));
        return;
    }
    QVERIFY(!manifest.ok());
    for (const QString &reason : reasons)
        QVERIFY2(manifest.error().message.contains(reason), qPrintable(manifest.error().message));
}

QTEST_GUILESS_MAIN(tst_PluginManifest)
#include "tst_pluginmanifest.moc"

#include "demoeprapplication.h"

#include "bedcontrol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Lanyard::Tests {

bool writeDemoEprApplication(const QString &directory, const QString &demoEprBinary,
                             const QString &report)
{
    const QJsonObject settings{
        {QStringLiteral("command"), demoEprBinary},
        {QStringLiteral("arguments"),
         QJsonArray{QStringLiteral("--issuer"), BedControl::value("BED_IDP_ISSUER"),
                    QStringLiteral("--ca"), BedControl::value("BED_CA_BUNDLE"),
                    QStringLiteral("--hub-url"), QStringLiteral("{hubUrl}"),
                    QStringLiteral("--hub-topic"), QStringLiteral("{hubTopic}"),
                    QStringLiteral("--report"), report}},
        {QStringLiteral("argumentsWithPatient"),
         QJsonArray{QStringLiteral("--nhs-number"), QStringLiteral("{nhsNumber}")}},
        {QStringLiteral("stdin"), QJsonArray{QStringLiteral("{token}"), QStringLiteral("{hubToken}")}}};
    QFile file(directory + QStringLiteral("/demo-epr.json"));
    return file.open(QIODevice::WriteOnly)
           && file.write(QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("demo-epr")},
                                                   {QStringLiteral("name"), QStringLiteral("Demo EPR")},
                                                   {QStringLiteral("plugin"), QStringLiteral("org.lanyard.exec")},
                                                   {QStringLiteral("audience"), QStringLiteral("demo-epr")},
                                                   {QStringLiteral("followsPatient"), true},
                                                   {QStringLiteral("settings"), settings}})
                             .toJson())
                  > 0;
}

} // namespace Lanyard::Tests

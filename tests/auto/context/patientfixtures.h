// The patient part's fixture files: NHS England's PDS examples (tests/data/pds) and Lanyard's own
// (tests/data/patients), found through LANYARD_SOURCE_DIR, which the test helper sets.
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace PatientFixtures {

inline QString dataDir(const QString &folder)
{
    return qEnvironmentVariable("LANYARD_SOURCE_DIR") + QStringLiteral("/tests/data/") + folder;
}

// The file's JSON object; empty when it cannot be read, which the tests' checks then catch.
inline QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline QJsonObject pdsExample(const QString &relativePath)
{
    return readJson(dataDir(QStringLiteral("pds/")) + relativePath);
}

inline QJsonObject patientFixture(const QString &fileName)
{
    return readJson(dataDir(QStringLiteral("patients/")) + fileName);
}

} // namespace PatientFixtures

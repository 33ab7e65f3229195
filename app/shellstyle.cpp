#include "shellstyle.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Lanyard::Shell {

void applyStyle(QApplication &app, bool highContrast)
{
    QFile sheet(highContrast ? QStringLiteral(":/lanyard/styles/lanyard-high-contrast.qss")
                             : QStringLiteral(":/lanyard/styles/lanyard.qss"));
    if (sheet.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(sheet.readAll()));
}

QIcon lanyardIcon()
{
    return QIcon(QStringLiteral(":/lanyard/icons/lanyard.svg"));
}

QString installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto *lanyard = new QTranslator(&app);
    // The .qm files are built into the program (qt_add_translations).
    // English (UK) is the source language; its file carries the plural forms, so it is the
    // fallback for any language Lanyard has no translation for.
    if (lanyard->load(locale, QStringLiteral("lanyard"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || lanyard->load(QStringLiteral(":/i18n/lanyard_en_GB")))
        QApplication::installTranslator(lanyard);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    return locale.name();
}

} // namespace Lanyard::Shell

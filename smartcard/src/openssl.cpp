#include "openssl.h"

#include <QLocale>
#include <QStringList>

#include <openssl/err.h>

#include <ctime>

namespace Lanyard::Smartcard::Internal {

X509Ptr x509FromDer(const QByteArray &der)
{
    auto bytes = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *end = bytes;
    X509Ptr certificate(d2i_X509(nullptr, &end, long(der.size())));
    if (certificate && end != bytes + der.size())
        certificate.reset(); // trailing bytes: not one DER certificate
    return certificate;
}

QByteArray x509ToDer(X509 *certificate)
{
    unsigned char *buffer = nullptr;
    const int length = i2d_X509(certificate, &buffer);
    if (length <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return der;
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

QString nameEntry(const X509_NAME *name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QString nhsDate(const QDateTime &dateTime)
{
    return QLocale::c().toString(dateTime.date(), QStringLiteral("dd-MMM-yyyy"));
}

} // namespace Lanyard::Smartcard::Internal

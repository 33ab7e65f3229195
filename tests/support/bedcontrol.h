// Drives the test bed from a Qt Test: cards in and out of the virtual readers, pcscd stopped
// and started, tokens locked. The bed itself is started by the ctest fixture "bed".
#pragma once

#include <QString>
#include <QStringList>

namespace Lanyard::Tests {

class BedControl
{
public:
    // The bed's environment value (from bed.env, which `bed exec` exported), or empty.
    static QString value(const char *name);
    static bool isUp();

    static bool insertCard(const QString &clinicianId, int reader = 0);
    static bool removeCard(int reader = 0);
    static bool stopPcscd();
    static bool startPcscd();
    static bool lockToken(const QString &clinicianId);
    static bool unlockToken(const QString &clinicianId);

    // An access token from a real sign-in of the clinician to the bed's IdP (tests/bed/get-token.sh:
    // the card certificate's file, PKCE), as Lanyard holds after sign-in. Empty, with a warning,
    // if that failed.
    static QByteArray accessToken(const QString &clinician);
    // A token for one application's audience, exchanged (RFC 8693) from a real sign-in of the
    // clinician (tests/bed/get-token.sh: card certificate, PKCE); a JWT unless asked otherwise.
    // Empty, with a warning, if any step failed.
    static QByteArray applicationToken(const QString &clinician, const QString &audience,
                                       bool jwt = true);

    // The IdP's browser session after a real card sign-in of the clinician (tests/bed/get-token.sh
    // bed_idp_session: the certificate's file, PKCE): the cookie jar's Netscape lines, as Lanyard
    // gives the web plugin in LaunchRequest::identitySession. Empty, with a warning, on failure.
    static QByteArray identitySessionCookies(const QString &clinician);

    // Where a test saves screenshots and other artefacts; created on demand.
    static QString artefactPath(const QString &fileName);

private:
    static bool run(const QStringList &arguments);
};

} // namespace Lanyard::Tests

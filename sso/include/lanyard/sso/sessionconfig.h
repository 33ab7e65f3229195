// What a session needs to know: the identity service, the card's PKCS#11 module and trust, and
// the workstation's policies (DOMAIN.md "What the best peers do"; GNOME's removal-action).
#pragma once

#include <lanyard/smartcard/certificatevalidator.h>
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/idpsettings.h>

#include <QSettings>

#include <chrono>
#include <optional>

namespace Lanyard::Sso {

struct SessionPolicy
{
    enum class CardRemoval { Lock, Logout };        // session/card_removal = lock | logout
    enum class UserSwitch { EndPrevious, KeepLocked }; // session/user_switch = end | keep-locked
    CardRemoval cardRemoval = CardRemoval::Lock;
    UserSwitch userSwitch = UserSwitch::EndPrevious;
    std::chrono::seconds idleTimeout{600};  // session/idle_timeout; 0 = never
    std::chrono::seconds idleWarning{30};   // session/idle_warning: countdown before the lock
    std::chrono::seconds gracePeriod{0};    // session/grace_period: same card back, no passcode
};

struct SessionConfig
{
    IdpSettings idp;
    SessionPolicy policy;
    QString pkcs11Module;
    // Checked on the workstation before the passcode is asked for, when set (card/trust_anchors).
    std::optional<Smartcard::CertificateValidator::Config> certificateCheck;
    // audit/path (default /var/log/lanyard/audit.jsonl), audit/syslog (default false).
    AuditLog::Config audit;
    // vault/directory: where each clinician's password vault (autotype) is kept; empty: none.
    QString vaultDirectory;

    // Reads the [idp], [card], [session] and [audit] groups (keys in docs/sso.md). Every problem is
    // reported with its key and what to write instead; the first one is the error.
    static Result<SessionConfig> fromSettings(QSettings &settings);
};

} // namespace Lanyard::Sso

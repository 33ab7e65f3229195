# Tests of the audit log and lanyard-audit. None needs the bed.
lanyard_add_test(NAME sso.auditlog SOURCES tst_auditlog.cpp LIBRARIES Lanyard::Sso)
lanyard_add_test(NAME sso.auditsyslog SOURCES tst_auditsyslog.cpp LIBRARIES Lanyard::Sso)
lanyard_add_test(NAME sso.lanyardaudit SOURCES tst_lanyardaudit.cpp LIBRARIES Lanyard::Sso Lanyard::TestSupport)
target_compile_definitions(tst_sso_lanyardaudit PRIVATE
    LANYARD_AUDIT_BINARY="$<TARGET_FILE:lanyard-audit>")
add_dependencies(tst_sso_lanyardaudit lanyard-audit)

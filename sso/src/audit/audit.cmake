# The hash-chained audit log (docs/audit.md) and lanyard-audit, which verifies and shows it.
target_sources(lanyard_sso PRIVATE
    include/lanyard/sso/auditlog.h
    src/audit/auditlogging.h src/audit/auditlogging.cpp
    src/audit/auditevent.cpp
    src/audit/auditchain.h src/audit/auditchain.cpp
    src/audit/auditfile.h src/audit/auditfile.cpp
    src/audit/syslogsink.h src/audit/syslogsink.cpp
    src/audit/auditlog.cpp
    src/audit/auditverify.cpp
)

# lanyard-audit, for IT desks and information governance.
qt_add_executable(lanyard-audit
    tool/audit/main.cpp
    tool/audit/exitcodes.h
    tool/audit/auditcommands.h tool/audit/auditcommands.cpp
)
target_compile_definitions(lanyard-audit PRIVATE LANYARD_VERSION="${PROJECT_VERSION}")
target_link_libraries(lanyard-audit PRIVATE Lanyard::Sso Lanyard::ToolSupport Lanyard::BuildFlags)
install(TARGETS lanyard-audit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)

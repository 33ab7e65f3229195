# One helper registers every test.
#
#   lanyard_add_test(NAME <name> SOURCES <files...> [LIBRARIES <targets...>]
#                    [BED] [CARD] [LABELS <labels...>] [TIMEOUT <s>])
#     A Qt Test executable tst_<name>, registered with ctest as <name>.
#   lanyard_add_script_test(NAME <name> COMMAND <cmd...> [BED] [CARD] [LABELS ...] [TIMEOUT <s>])
#     Any command (a shell test of the bed, say), registered the same way.
#
# BED: the test needs the test bed (ctest fixture "bed"); it runs through `bed exec`, which puts
#      the bed's addresses, CA bundle, DISPLAY and token configuration in its environment.
# CARD: the test inserts or removes cards or restarts pcscd; such tests share one pcscd, so ctest
#      runs them one at a time (RESOURCE_LOCK pcscd).
set(LANYARD_BED_SCRIPT "${PROJECT_SOURCE_DIR}/tests/bed/bed")
set(LANYARD_BED_DIR "${PROJECT_BINARY_DIR}/bed")
set(LANYARD_TEST_ARTEFACTS "${PROJECT_BINARY_DIR}/test-artefacts")

# Sanitized builds (LANYARD_WITH_SANITIZERS): every test runs through tests/sanitizers/run-test,
# which collects the reports of every instrumented process the test starts and fails the test on
# any. Leaks inside libraries that are not Lanyard's are suppressed in tests/sanitizers/lsan.supp;
# instrumented code is slower, so every timeout is multiplied by LANYARD_TEST_TIMEOUT_FACTOR.
# A program may have options of its own in tests/sanitizers/PROGRAM.asan-options (read last; the
# format allows no comments):
#   lanyard          fast_unwind_on_malloc=0: malloc stacks unwound in full. The system libraries
#                    have no frame pointers, and a stack cut at the first of them (OpenSSL's
#                    CRYPTO_zalloc, say) hides who called it, so no suppression could tell Qt's
#                    leak from Lanyard's. Everywhere else the fast unwinder stays: full unwinding
#                    of every malloc of a TLS handshake makes the test programs miss the bed's
#                    timings (context.pdsclient).
#   lanyard-browser  new_delete_type_mismatch=0: Chromium inside Qt WebEngine deletes some of
#                    its own objects through a smaller static type (~WebContentsAdapter), all
#                    within libQt6WebEngineCore;
#                    detect_leaks=0: Chromium leaves its singletons to the exit on purpose, in
#                    libQt6WebEngineCore, fontconfig, udev and modules unloaded before the
#                    check, and no suppression by library can tell those from a leak in
#                    browserwindow.cpp called back from WebEngine. Every address check stays;
#                    the browser's other parts are leak-checked in plugins.webparts.
set(LANYARD_TEST_ENVIRONMENT)
set(LANYARD_TEST_TIMEOUT_FACTOR 1)
if(LANYARD_WITH_SANITIZERS)
    set(LANYARD_TEST_TIMEOUT_FACTOR 3)
    set(_supp "${PROJECT_SOURCE_DIR}/tests/sanitizers")
    list(APPEND LANYARD_TEST_ENVIRONMENT
        "ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:include_if_exists=${_supp}/%b.asan-options"
        "LSAN_OPTIONS=suppressions=${_supp}/lsan.supp:print_suppressions=0"
        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endif()

function(_lanyard_register_test name)
    cmake_parse_arguments(T "BED;CARD" "TIMEOUT" "COMMAND;LABELS" ${ARGN})
    set(command ${T_COMMAND})
    if(T_BED OR T_CARD)
        set(command "${LANYARD_BED_SCRIPT}" exec "${LANYARD_BED_DIR}" ${command})
    endif()
    if(LANYARD_WITH_SANITIZERS)
        set(command "${PROJECT_SOURCE_DIR}/tests/sanitizers/run-test" ${name} ${command})
    endif()
    add_test(NAME ${name} COMMAND ${command})
    set(labels ${T_LABELS})
    if(T_BED OR T_CARD)
        list(APPEND labels bed)
        set_property(TEST ${name} APPEND PROPERTY FIXTURES_REQUIRED bed)
    endif()
    if(T_CARD)
        set_property(TEST ${name} APPEND PROPERTY RESOURCE_LOCK pcscd)
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    math(EXPR T_TIMEOUT "${T_TIMEOUT} * ${LANYARD_TEST_TIMEOUT_FACTOR}")
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "${labels}"
        ENVIRONMENT "LANYARD_TEST_ARTEFACTS=${LANYARD_TEST_ARTEFACTS};LANYARD_BED_SCRIPT=${LANYARD_BED_SCRIPT};LANYARD_SOURCE_DIR=${PROJECT_SOURCE_DIR};QT_QPA_PLATFORM=offscreen")
    if(LANYARD_TEST_ENVIRONMENT)
        set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT ${LANYARD_TEST_ENVIRONMENT})
    endif()
endfunction()

function(lanyard_add_test)
    cmake_parse_arguments(T "BED;CARD" "NAME;TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    set(target tst_${T_NAME})
    string(REPLACE "." "_" target "${target}")
    qt_add_executable(${target} ${T_SOURCES})
    target_link_libraries(${target} PRIVATE Qt6::Test Lanyard::BuildFlags ${T_LIBRARIES})
    set(flags)
    foreach(flag BED CARD)
        if(T_${flag})
            list(APPEND flags ${flag})
        endif()
    endforeach()
    _lanyard_register_test(${T_NAME} COMMAND $<TARGET_FILE:${target}> ${flags}
        LABELS ${T_LABELS} TIMEOUT ${T_TIMEOUT})
endfunction()

function(lanyard_add_script_test)
    cmake_parse_arguments(T "BED;CARD" "NAME;TIMEOUT" "COMMAND;LABELS" ${ARGN})
    set(flags)
    foreach(flag BED CARD)
        if(T_${flag})
            list(APPEND flags ${flag})
        endif()
    endforeach()
    _lanyard_register_test(${T_NAME} COMMAND ${T_COMMAND} ${flags}
        LABELS ${T_LABELS} TIMEOUT ${T_TIMEOUT})
endfunction()

# One interface target carries warnings, hardening and sanitizers; every Lanyard target links it
# PRIVATE, so none of this leaks to plugin authors through the SDK.
add_library(lanyard_build_flags INTERFACE)
add_library(Lanyard::BuildFlags ALIAS lanyard_build_flags)

target_compile_options(lanyard_build_flags INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wcast-align -Wformat=2 -Wimplicit-fallthrough
    $<$<COMPILE_LANGUAGE:CXX>:-Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual>
    -fstack-protector-strong
    $<$<BOOL:${LANYARD_WERROR}>:-Werror>)
target_compile_definitions(lanyard_build_flags INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
target_link_options(lanyard_build_flags INTERFACE -Wl,-z,relro,-z,now -Wl,--as-needed)

if(LANYARD_WITH_SANITIZERS)
    target_compile_options(lanyard_build_flags INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(lanyard_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# Fuzz builds (clang): every Lanyard library gets libFuzzer's coverage instrumentation and the
# sanitizers, so the fuzzers in tests/fuzz/ see the code they drive and its memory errors.
if(LANYARD_WITH_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "LANYARD_WITH_FUZZERS needs clang (CC=clang CXX=clang++): libFuzzer is "
                            "part of clang")
    endif()
    target_compile_options(lanyard_build_flags INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(lanyard_build_flags INTERFACE -fsanitize=address,undefined)
endif()

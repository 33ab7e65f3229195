# The plugin host: manifests, the catalogue, and plugins run through real lanyard-plugin-runner
# processes. Test plugins are built from one template, each with its own manifest.
set(_fixture_source_dir ${CMAKE_CURRENT_SOURCE_DIR}/fixtures)
set(_fixture_targets)
set(_fixture_definitions)
foreach(spec
        "good|org.lanyard.ClinicalAppPlugin/1"
        "quiet|org.lanyard.ClinicalAppPlugin/1"
        "wrongiid|org.lanyard.ClinicalAppPlugin/0"
        "noid|org.lanyard.ClinicalAppPlugin/1"
        "api2|org.lanyard.ClinicalAppPlugin/1"
        "duplicate|org.lanyard.ClinicalAppPlugin/1"
        "crashinit|org.lanyard.ClinicalAppPlugin/1"
        "crashlaunch|org.lanyard.ClinicalAppPlugin/1"
        "hang|org.lanyard.ClinicalAppPlugin/1"
        "webrecorder|org.lanyard.ClinicalAppPlugin/1"
        "webthirdparty|org.lanyard.ClinicalAppPlugin/1"
        "typerecorder|org.lanyard.ClinicalAppPlugin/1")
    string(REPLACE "|" ";" spec "${spec}")
    list(GET spec 0 NAME)
    list(GET spec 1 IID)
    set(CLASS "Fixture_${NAME}")
    set(JSON "${_fixture_source_dir}/${NAME}.json")
    set(generated ${CMAKE_CURRENT_BINARY_DIR}/fixtures/src/${NAME}.cpp)
    configure_file(${_fixture_source_dir}/fixture.cpp.in ${generated} @ONLY)
    set(target lanyard_fixture_${NAME})
    qt_add_plugin(${target} SHARED CLASS_NAME ${CLASS})
    target_sources(${target} PRIVATE ${generated} ${_fixture_source_dir}/recordingplugin.h
        ${JSON})
    target_include_directories(${target} PRIVATE ${_fixture_source_dir})
    target_link_libraries(${target} PRIVATE Lanyard::PluginApi Lanyard::BuildFlags)
    # Each in a directory of its own: the tests copy the ones they need into plugin directories.
    set_target_properties(${target} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fixtures/${NAME})
    string(TOUPPER ${NAME} upper)
    list(APPEND _fixture_targets ${target})
    list(APPEND _fixture_definitions "FIXTURE_${upper}=\"$<TARGET_FILE:${target}>\"")
endforeach()

lanyard_add_test(NAME plugins.host.manifest SOURCES tst_pluginmanifest.cpp
    LIBRARIES Lanyard::PluginHost)
target_compile_definitions(tst_plugins_host_manifest PRIVATE ${_fixture_definitions})
add_dependencies(tst_plugins_host_manifest ${_fixture_targets})

lanyard_add_test(NAME plugins.host.host SOURCES tst_pluginhost.cpp
    LIBRARIES Lanyard::PluginHost OpenSSL::Crypto TIMEOUT 180)
target_compile_definitions(tst_plugins_host_host PRIVATE ${_fixture_definitions}
    LANYARD_PLUGIN_RUNNER="$<TARGET_FILE:lanyard-plugin-runner>")
add_dependencies(tst_plugins_host_host ${_fixture_targets} lanyard-plugin-runner)

# Application manifests (JSON naming an installed plugin) run by the built-in exec plugin.
lanyard_add_test(NAME plugins.host.applicationmanifest SOURCES tst_applicationmanifest.cpp
    LIBRARIES Lanyard::PluginHost TIMEOUT 120)
target_compile_definitions(tst_plugins_host_applicationmanifest PRIVATE
    LANYARD_EXEC_PLUGIN="$<TARGET_FILE:lanyard_exec_plugin>"
    LANYARD_PLUGIN_RUNNER="$<TARGET_FILE:lanyard-plugin-runner>"
    APPLICATIONS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/applications")
add_dependencies(tst_plugins_host_applicationmanifest lanyard_exec_plugin lanyard-plugin-runner)

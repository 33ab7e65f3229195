# The plugin SDK as an author meets it. No test bed.
set(LANYARD_DEMO_EPR_DIR ${PROJECT_SOURCE_DIR}/examples/demo-epr-plugin)

# The example's plugin, built in tree and under Lanyard's own warnings, so the kit and the example
# can be tested without installing anything.
qt_add_plugin(lanyard_test_demoeprplugin CLASS_NAME DemoEprPlugin)
target_sources(lanyard_test_demoeprplugin PRIVATE
    ${LANYARD_DEMO_EPR_DIR}/demoeprplugin.h
    ${LANYARD_DEMO_EPR_DIR}/demoeprplugin.cpp
    ${LANYARD_DEMO_EPR_DIR}/demo-epr.json)
target_link_libraries(lanyard_test_demoeprplugin PRIVATE Lanyard::PluginApi Lanyard::BuildFlags)

# A plugin whose manifest asks for API 2: the kit must refuse it before loading its code.
qt_add_plugin(lanyard_test_api2plugin CLASS_NAME Api2Plugin)
target_sources(lanyard_test_api2plugin PRIVATE data/api2plugin.cpp data/api2plugin.json)
target_link_libraries(lanyard_test_api2plugin PRIVATE Lanyard::PluginApi Lanyard::BuildFlags)

set_target_properties(lanyard_test_demoeprplugin lanyard_test_api2plugin PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/testplugins)

# The example's own test, as an author runs it, against the in-tree build.
lanyard_add_test(NAME plugins.example
    SOURCES ${LANYARD_DEMO_EPR_DIR}/tests/tst_demoeprplugin.cpp
    LIBRARIES Lanyard::PluginTestKit)
target_compile_definitions(tst_plugins_example PRIVATE
    DEMO_EPR_PLUGIN_FILE="$<TARGET_FILE:lanyard_test_demoeprplugin>")
add_dependencies(tst_plugins_example lanyard_test_demoeprplugin)

lanyard_add_test(NAME plugins.testkit SOURCES tst_pluginharness.cpp
    LIBRARIES Lanyard::PluginTestKit)
target_compile_definitions(tst_plugins_testkit PRIVATE
    DEMO_EPR_PLUGIN_FILE="$<TARGET_FILE:lanyard_test_demoeprplugin>"
    API2_PLUGIN_FILE="$<TARGET_FILE:lanyard_test_api2plugin>")
add_dependencies(tst_plugins_testkit lanyard_test_demoeprplugin lanyard_test_api2plugin)

# The installed SDK: install component "sdk" into a fresh prefix, build the example out of tree
# against that prefix alone, run its test. Catches a header, target or package config that works
# in tree but not for an author.
lanyard_add_script_test(NAME plugins.sdk TIMEOUT 180 COMMAND
    bash ${CMAKE_CURRENT_SOURCE_DIR}/test-sdk-install.sh
    ${PROJECT_BINARY_DIR} ${LANYARD_DEMO_EPR_DIR} ${CMAKE_COMMAND} ${CMAKE_CTEST_COMMAND}
    ${CMAKE_MAKE_PROGRAM})

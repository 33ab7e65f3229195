# The Windows installer: an .msi built by WiX 3 through CPack (cpack -G WIX) on a Windows build
# machine with Qt 6 and the WiX toolset. Not built here (Debian has no WiX); the settings are
# checked by the install.windows test and the steps are in docs/deploying.md.
set(CPACK_GENERATOR WIX)
set(CPACK_PACKAGE_INSTALL_DIRECTORY Lanyard)
set(CPACK_PACKAGE_FILE_NAME lanyard-${PROJECT_VERSION}-win64)
# Never change the upgrade code: it is how a new .msi finds and replaces the old one (a major
# upgrade on every version, so an IT desk rolls forward or back by installing the other .msi).
set(CPACK_WIX_UPGRADE_GUID "CC77EC75-B071-4392-B55E-0E9D921F3350")
set(CPACK_WIX_PRODUCT_GUID "*")
# WiX shows the licence from a .txt file (CPack turns it into RTF).
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt)
set(CPACK_WIX_PROGRAM_MENU_FOLDER Lanyard)
set(CPACK_PACKAGE_EXECUTABLES lanyard Lanyard)
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT ${PROJECT_HOMEPAGE_URL})
set(CPACK_WIX_PROPERTY_ARPCOMMENTS "Clinician smartcard single sign-on for shared workstations")
# Lanyard starts at every sign-in to Windows (the autostart entry's counterpart), all users.
set(CPACK_WIX_PATCH_FILE ${CMAKE_CURRENT_SOURCE_DIR}/windows/autostart.xml)
# The runtime only: the SDK is for plugin authors, who build from source.
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "Lanyard")
set(CPACK_COMPONENT_RUNTIME_REQUIRED ON)

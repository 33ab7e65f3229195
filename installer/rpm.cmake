# The .rpm packages (cpack -G RPM; build them on the distribution they are for, so the paths
# GNUInstallDirs chooses and the libraries rpm finds are that distribution's): lanyard and
# lanyard-devel. Requires are computed by rpm from the programs (sonames), with pcsc-lite,
# ca-certificates, libcurl and qt6-qtsvg named. The configuration is %config(noreplace): upgrades keep it,
# and removal keeps an edited one as lanyard.conf.rpmsave; the audit log is not the package's and
# stays.
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RPM_PACKAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_RUNTIME_PACKAGE_NAME lanyard)
set(CPACK_RPM_RUNTIME_PACKAGE_SUMMARY "Clinician smartcard single sign-on for shared workstations")
# libcurl (loaded on first use) and Qt's SVG plugins (the icon) are named: rpm cannot find them.
set(CPACK_RPM_RUNTIME_PACKAGE_REQUIRES
    "pcsc-lite, ca-certificates, libcurl.so.4()(64bit), libcurl >= 7.85.0, qt6-qtsvg")
set(CPACK_RPM_RUNTIME_PACKAGE_SUGGESTS "opensc")
set(CPACK_RPM_RUNTIME_USER_FILELIST
    "%config(noreplace) ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg/lanyard/lanyard.conf"
    "%config(noreplace) ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg/autostart/org.lanyard.Lanyard.desktop")
set(CPACK_RPM_RUNTIME_POST_INSTALL_SCRIPT_FILE ${CMAKE_CURRENT_SOURCE_DIR}/rpm/post-install.sh)
set(CPACK_RPM_SDK_PACKAGE_NAME lanyard-devel)
set(CPACK_RPM_SDK_PACKAGE_SUMMARY "The Lanyard plugin SDK")
set(CPACK_RPM_SDK_PACKAGE_REQUIRES "qt6-qtbase-devel")
# Folders every system already owns stay out of the packages' file lists.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg/autostart
    /usr/share/applications /usr/share/xsessions /usr/lib/systemd /usr/lib/systemd/user /usr/libexec /usr/share/metainfo
    /usr/share/icons /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps /usr/share/man /usr/share/man/man1
    /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/cmake
    /usr/include)
# No /usr/lib/.build-id links (they would clash with the distribution's debug packages), and no
# rpm post-processing: CPack has stripped the programs, and the SDK's test kit keeps its debug
# information for plugin authors' debuggers.
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none
%define __os_install_post %{nil}
%define packager ${CPACK_PACKAGE_CONTACT}")

#!/usr/bin/env bash
# The Windows installer's settings (installer/windows.cmake), checked where WiX cannot run: WiX
# is the generator, the upgrade code is the one every release must keep, the licence is the
# project's, and the autostart patch is well-formed and patches the component lanyard.exe gets.
#   test-windows-installer.sh SOURCE_DIR
set -uo pipefail
src=${1:?usage: test-windows-installer.sh SOURCE_DIR}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

# windows.cmake as the installer's CMakeLists.txt includes it, and what it set.
cat > "$dir/print.cmake" <<CMAKE
set(PROJECT_SOURCE_DIR "$src")
set(PROJECT_VERSION 1.2.3)
set(PROJECT_HOMEPAGE_URL https://example.invalid)
set(CMAKE_CURRENT_SOURCE_DIR "$src/installer")
set(CMAKE_CURRENT_BINARY_DIR "$dir")
include("$src/installer/windows.cmake")
foreach(name CPACK_GENERATOR CPACK_WIX_UPGRADE_GUID CPACK_WIX_PRODUCT_GUID CPACK_RESOURCE_FILE_LICENSE
             CPACK_PACKAGE_EXECUTABLES CPACK_WIX_PATCH_FILE CPACK_COMPONENTS_ALL CPACK_PACKAGE_FILE_NAME)
    message(STATUS "\${name}=\${\${name}}")
endforeach()
CMAKE
vars=$(cmake -P "$dir/print.cmake" 2>&1)
value() { sed -n "s/^-- $1=//p" <<<"$vars"; }
echo "$vars" | sed 's/^/# /'
check "WiX builds the .msi" test "$(value CPACK_GENERATOR)" = WIX
# Changing it would install a second Lanyard beside the first instead of upgrading it.
check "the upgrade code is Lanyard's, unchanged" test "$(value CPACK_WIX_UPGRADE_GUID)" = CC77EC75-B071-4392-B55E-0E9D921F3350
check "every build is a new product: a major upgrade either way" test "$(value CPACK_WIX_PRODUCT_GUID)" = "*"
check "the file is named for the version" test "$(value CPACK_PACKAGE_FILE_NAME)" = lanyard-1.2.3-win64
licence=$(value CPACK_RESOURCE_FILE_LICENSE)
check "the licence is a .txt (WiX shows it as RTF)" has '\.txt$' "$licence"
check "and it is the project's" cmp -s "$licence" "$src/LICENSE"
check "the Start-menu entry starts lanyard" test "$(value CPACK_PACKAGE_EXECUTABLES)" = "lanyard;Lanyard"
check "only the runtime is installed" test "$(value CPACK_COMPONENTS_ALL)" = runtime
patch=$(value CPACK_WIX_PATCH_FILE)
check "the autostart patch is well-formed XML" xmllint --noout "$patch"
# CPack names a file's component CM_CP_<component>.<install path with dots>.
check "it patches lanyard.exe's component" \
  test "$(xmllint --xpath 'string(/CPackWiXPatch/CPackWiXFragment/@Id)' "$patch")" = CM_CP_runtime.bin.lanyard.exe
check "with the all-users Run key" \
  test "$(xmllint --xpath 'string(//RegistryValue/@Key)' "$patch")" = 'Software\Microsoft\Windows\CurrentVersion\Run'
check "starting the installed lanyard.exe" has 'INSTALL_ROOT\]bin\\lanyard.exe' "$(xmllint --xpath 'string(//RegistryValue/@Value)' "$patch")"
finish

#!/usr/bin/env bash
# The .rpm packages built with CPack (cpack -G RPM): lanyard and lanyard-devel, Requires computed
# by rpm from the programs with pcsc-lite named, the configuration %config(noreplace), the
# post-install step, rpmlint with no error but the missing release signature, and an install and
# removal in a scratch rpm database that keeps an edited configuration.
#   test-rpm.sh BUILD_DIR
set -uo pipefail
build=${1:?usage: test-rpm.sh BUILD_DIR}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

(cd "$dir" && cpack -G RPM --config "$build/CPackConfig.cmake" > cpack.log 2>&1) || { tail -20 "$dir/cpack.log"; exit 1; }
rpm=$(ls "$dir"/lanyard-[0-9]*.rpm 2>/dev/null) devel=$(ls "$dir"/lanyard-devel-*.rpm 2>/dev/null)
check "lanyard and lanyard-devel are built" test -f "$rpm" -a -f "$devel"
requires=$(rpm -qpR "$rpm" 2>/dev/null)
check "rpm found Qt's libraries in the programs" has "^libQt6Widgets.so.6()(64bit)" "$requires"
check "and libp11 and pcsc-lite's" bash -c "grep -q '^libp11.so.3' <<<\"\$0\" && grep -q '^libpcsclite.so.1' <<<\"\$0\"" "$requires"
check "libcurl, loaded on first use, is named" has "^libcurl.so.4()(64bit)$" "$requires"
check "and Qt's SVG plugins, for the icon" has "^qt6-qtsvg$" "$requires"
check "it requires pcsc-lite and ca-certificates by name" bash -c "grep -qx pcsc-lite <<<\"\$0\" && grep -qx ca-certificates <<<\"\$0\"" "$requires"
files=$(rpm -qpl "$rpm" 2>/dev/null)
for path in /usr/bin/lanyard /usr/bin/lanyard-card /usr/bin/lanyard-context /usr/bin/lanyard-audit \
            /usr/lib/x86_64-linux-gnu/lanyard/plugins/liblanyard_web_plugin.so \
            /usr/share/xsessions/lanyard-kiosk.desktop /usr/lib/systemd/user/lanyard-kiosk.service \
            /usr/share/metainfo/org.lanyard.Lanyard.metainfo.xml /etc/xdg/lanyard/lanyard.conf; do
  check "lanyard holds $path" has "^$path\$" "$files"
done
check "it owns no folder the system owns" bash -c "! grep -Eqx '/etc/xdg|/usr/share/applications|/usr/lib/systemd/user|/usr/include' <<<\"\$0\"" "$files"
flags=$(rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' "$rpm" 2>/dev/null)
check "the configuration is %config(noreplace)" has "^cn /etc/xdg/lanyard/lanyard.conf$" "$flags"
check "the post-install step enables pcscd and makes the audit folder" \
  bash -c "rpm -qp --scripts '$rpm' 2>/dev/null | grep -q 'systemctl enable --now pcscd.socket' && rpm -qp --scripts '$rpm' 2>/dev/null | grep -q 'install -d -m 0750 /var/log/lanyard'"
check "lanyard-devel holds the SDK's CMake package" has "cmake/Lanyard/LanyardConfig.cmake" "$(rpm -qpl "$devel" 2>/dev/null)"
lint=$(rpmlint "$rpm" "$devel" 2>&1)
echo "$lint" | grep -E ': (E|W): ' | sed 's/^/# rpmlint: /'
check "rpmlint: no error but the release signature" bash -c "! grep ': E: ' <<<\"\$0\" | grep -vq 'E: no-signature'" "$lint"

# Install into a scratch database and root (no scripts: the root has no shell), edit the
# configuration, remove: the edit is kept as lanyard.conf.rpmsave.
root=$dir/root
mkdir -p "$root"
rpm --root "$root" --initdb
rpm -i --nodeps --noscripts --root "$root" "$rpm" 2>/dev/null
check "rpm installs it" test -x "$root/usr/bin/lanyard"
echo "; changed by the IT desk" >> "$root/etc/xdg/lanyard/lanyard.conf"
rpm -e --noscripts --root "$root" lanyard 2>/dev/null
check "removal takes the programs" test ! -e "$root/usr/bin/lanyard"
check "and keeps the edited configuration as lanyard.conf.rpmsave" grep -q "changed by the IT desk" "$root/etc/xdg/lanyard/lanyard.conf.rpmsave"
finish

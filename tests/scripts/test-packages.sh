#!/usr/bin/env bash
# The packages an IT desk installs, built with CPack from the build: lanyard and lanyard-dev, their
# dependencies computed (pcscd named, Qt's libraries found by dpkg-shlibdeps), what each holds, the
# configuration a conffile kept on removal, and lintian with no errors.
#   test-packages.sh BUILD_DIR
set -uo pipefail
build=${1:?usage: test-packages.sh BUILD_DIR}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

(cd "$dir" && cpack --config "$build/CPackConfig.cmake" > cpack.log 2>&1) || { tail -20 "$dir/cpack.log"; exit 1; }
deb=$(ls "$dir"/lanyard_*.deb 2>/dev/null) dev=$(ls "$dir"/lanyard-dev_*.deb 2>/dev/null)
check "lanyard and lanyard-dev are built" test -f "$deb" -a -f "$dev"
depends=$(dpkg-deb -f "$deb" Depends)
echo "# Depends: $depends"
check "it depends on pcscd" has "pcscd" "$depends"
check "Qt's libraries were found by dpkg-shlibdeps" has "libqt6widgets6 (>=" "$depends"
check "so were libp11 and pcsc-lite" bash -c "grep -q libp11 <<<\"\$0\" && grep -q libpcsclite1 <<<\"\$0\"" "$depends"
check "libcurl4, loaded on first use, is named with its version" has "libcurl4 (>= 7.85.0)" "$depends"
check "and Qt's SVG plugins, for the icon" has "libqt6svg6" "$depends"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/lanyard ./usr/bin/lanyard-card ./usr/bin/lanyard-context ./usr/bin/lanyard-audit \
            ./usr/bin/lanyard-plugin-runner ./usr/lib/x86_64-linux-gnu/lanyard/plugins/liblanyard_exec_plugin.so \
            ./usr/lib/x86_64-linux-gnu/lanyard/plugins/lanyard-browser \
            ./usr/share/applications/org.lanyard.Lanyard.desktop ./etc/xdg/autostart/org.lanyard.Lanyard.desktop \
            ./usr/share/icons/hicolor/scalable/apps/org.lanyard.Lanyard.svg \
            ./usr/share/metainfo/org.lanyard.Lanyard.metainfo.xml ./usr/share/man/man1/lanyard.1.gz \
            ./etc/xdg/lanyard/lanyard.conf ./usr/share/doc/lanyard/copyright; do
  check "lanyard holds $path" has "^$path\$" "$contents"
done
check "nothing of the tests or the bed is packaged" bash -c "! grep -Eq 'tst_|demo-epr|/bed|fixture' <<<\"\$0\"" "$contents"
check "the configuration is a conffile (kept on removal)" \
  bash -c "dpkg-deb --ctrl-tarfile '$deb' | tar -xO ./conffiles | grep -qx /etc/xdg/lanyard/lanyard.conf"
# The shared kiosk: an X session that is Lanyard, under a user unit that restarts it.
root=$dir/root
dpkg-deb -x "$deb" "$root"
check "the kiosk X session entry is installed" test -f "$root/usr/share/xsessions/lanyard-kiosk.desktop"
check "it starts the kiosk session script" grep -qx "Exec=/usr/libexec/lanyard/lanyard-kiosk-session" "$root/usr/share/xsessions/lanyard-kiosk.desktop"
check "which is executable" test -x "$root/usr/libexec/lanyard/lanyard-kiosk-session"
unit=$root/usr/lib/systemd/user/lanyard-kiosk.service
check "the user unit restarts Lanyard whenever it stops" grep -qx "Restart=always" "$unit"
# systemd's own check of the unit, with its program where the package put it.
sed "s#^ExecStart=/usr/bin/lanyard#ExecStart=$root/usr/bin/lanyard#" "$unit" > "$dir/lanyard-kiosk.service"
runtime=$(mktemp -d) && chmod 700 "$runtime"
check "systemd-analyze verify accepts the unit" \
  env XDG_RUNTIME_DIR="$runtime" MANPATH="$root/usr/share/man" systemd-analyze verify --user "$dir/lanyard-kiosk.service"
rm -rf "$runtime"
check "appstreamcli validates the AppStream metadata" \
  appstreamcli validate --no-net "$root/usr/share/metainfo/org.lanyard.Lanyard.metainfo.xml"
dev_contents=$(dpkg-deb -c "$dev" | awk '{print $6}')
check "lanyard-dev holds the SDK headers" has "include/lanyard/plugin/clinicalappplugin.h" "$dev_contents"
check "and the CMake package" has "lib/x86_64-linux-gnu/cmake/Lanyard/LanyardConfig.cmake" "$dev_contents"
lintian_out=$(lintian --tag-display-limit 0 "$deb" "$dev" 2>&1 | grep -v 'root privileges')
echo "$lintian_out" | sed 's/^/# lintian: /'
check "lintian: no errors" bash -c "! grep -q '^E:' <<<\"\$0\"" "$lintian_out"
finish

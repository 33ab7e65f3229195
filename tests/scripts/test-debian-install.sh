#!/usr/bin/env bash
# The .deb as an IT desk installs it: a fresh Debian 12 made with debootstrap from Debian's own
# archive, `apt-get install ./lanyard_*.deb` (its dependencies come from Debian), then there:
# lanyard --version, --check-config on the packaged file and on a broken one, lanyard-card readers
# against the bed's pcscd; then remove (configuration and audit log stay) and purge (they go).
#   test-debian-install.sh BUILD_DIR
# The downloaded packages are kept in BUILD_DIR/debootstrap-cache for the next run; the system
# itself is made afresh every time.
set -uo pipefail
build=${1:?usage: test-debian-install.sh BUILD_DIR}
dir=$(mktemp -d)
root=$dir/root
cleanup() {
  for m in run/pcscd dev/pts dev proc; do umount -l "$root/$m" 2>/dev/null; done
  rm -rf --one-file-system "$dir"
}
trap cleanup EXIT
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
in_root() { $sudo chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

(cd "$dir" && cpack -G DEB --config "$build/CPackConfig.cmake" > cpack.log 2>&1) || { tail -20 "$dir/cpack.log"; exit 1; }
deb=$(ls "$dir"/lanyard_*.deb)

# Debian's archive, as this machine reaches it.
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
mirror=${mirror:-http://deb.debian.org/debian}
cache=$build/debootstrap-cache
mkdir -p "$cache"
start=$SECONDS
if ! $sudo debootstrap --variant=minbase --cache-dir="$cache" bookworm "$root" "$mirror" > "$dir/debootstrap.log" 2>&1; then
  tail -20 "$dir/debootstrap.log"; echo "not ok - debootstrap made a Debian 12 system"; exit 1
fi
echo "# debootstrap: $((SECONDS - start)) s from $mirror"
$sudo mount -t proc proc "$root/proc"
$sudo mount --bind /dev "$root/dev"
$sudo mount --bind /dev/pts "$root/dev/pts"
$sudo cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' | $sudo tee "$root/usr/sbin/policy-rc.d" >/dev/null  # no daemons in a chroot
$sudo chmod +x "$root/usr/sbin/policy-rc.d"
$sudo cp "$deb" "$root/tmp/"

start=$SECONDS
in_root apt-get update -qq > "$dir/apt.log" 2>&1
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" >> "$dir/apt.log" 2>&1
status=$?
echo "# apt-get install: $((SECONDS - start)) s"
[ $status -eq 0 ] || tail -30 "$dir/apt.log"
check "apt installs the package and its dependencies from Debian" test $status -eq 0
check "pcscd came with it" bash -c "chroot '$root' dpkg-query -W -f='\${Status}' pcscd | grep -q 'install ok installed'"
check "and libcurl4, which Lanyard loads itself" bash -c "chroot '$root' dpkg-query -W -f='\${Status}' libcurl4 | grep -q 'install ok installed'"
check "and the OpenSC module it recommends" test -e "$root/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
check "the audit log's folder is made, root only" test "$(stat -c %a "$root/var/log/lanyard")" = 750

out=$(in_root lanyard --version 2>&1)
check "lanyard --version: $out" has "^lanyard [0-9]" "$out"
out=$(in_root lanyard --check-config 2>&1); status=$?
echo "$out" | sed 's/^/# /'
check "--check-config on the packaged file: no problems" test $status -eq 0
printf '[idp]\nissuer=http://plain.example\n[session]\nidle_timeout=soon\n' | $sudo tee "$root/tmp/broken.conf" >/dev/null
out=$(in_root lanyard --check-config /tmp/broken.conf 2>&1); status=$?
echo "$out" | sed 's/^/# /'
check "--check-config on a broken file: exit 1" test $status -eq 1
check "naming the bad line" has "broken.conf:4: Configuration key session/idle_timeout" "$out"

# The bed's pcscd, seen from inside the installed system.
$sudo mkdir -p "$root/run/pcscd"
$sudo mount --bind /run/pcscd "$root/run/pcscd"
out=$(in_root lanyard-card readers 2>&1); status=$?
echo "$out" | sed 's/^/# /'
check "lanyard-card readers lists the readers" bash -c "[ $status -eq 0 ] && grep -q 'Virtual PCD' <<<\"\$0\"" "$out"
$sudo umount -l "$root/run/pcscd"

# Remove: the programs go, the configuration (edited) and the audit log stay; purge takes both.
echo "; edited by the IT desk" | $sudo tee -a "$root/etc/xdg/lanyard/lanyard.conf" >/dev/null
echo '{"seq":1}' | $sudo tee "$root/var/log/lanyard/audit.jsonl" >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq lanyard >> "$dir/apt.log" 2>&1
check "apt-get remove takes the programs" test ! -e "$root/usr/bin/lanyard"
check "and keeps the configuration" grep -q "edited by the IT desk" "$root/etc/xdg/lanyard/lanyard.conf"
check "and the audit log" test -s "$root/var/log/lanyard/audit.jsonl"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq lanyard >> "$dir/apt.log" 2>&1
check "apt-get purge takes the configuration" test ! -e "$root/etc/xdg/lanyard"
check "and the audit log" test ! -e "$root/var/log/lanyard"
finish

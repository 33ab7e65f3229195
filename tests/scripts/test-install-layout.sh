#!/usr/bin/env bash
# What `cmake --install` puts where (the runtime component): the programs in bin, Lanyard's own
# plugins and lanyard-browser together in lib/.../lanyard/plugins, each program answering
# --version without a display, and none loading libcurl before it is used. The packages (.deb, .rpm) are built from this layout.
#   test-install-layout.sh BUILD_DIR VERSION
set -uo pipefail
build=${1:?usage: test-install-layout.sh BUILD_DIR VERSION}
version=${2:?usage: test-install-layout.sh BUILD_DIR VERSION}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

cmake --install "$build" --prefix "$dest" --component runtime > /dev/null
plugins=$(dirname "$(find "$dest" -name liblanyard_exec_plugin.so | head -1)")
for program in lanyard lanyard-plugin-runner lanyard-card lanyard-context lanyard-audit; do
  check "bin/$program is installed and executable" test -x "$dest/bin/$program"
done
check "the built-in plugins are in one directory under lib ($plugins)" \
  bash -c "[[ '$plugins' == '$dest'/lib*/lanyard/plugins ]]"
for plugin in exec autotype web; do
  check "$plugin plugin installed there" test -f "$plugins/liblanyard_${plugin}_plugin.so"
done
check "lanyard-browser beside the web plugin" test -x "$plugins/lanyard-browser"
for program in lanyard lanyard-card lanyard-context lanyard-audit; do
  check "$program --version says $version with no display" \
    bash -c "env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM= '$dest/bin/$program' --version | grep -qx '$program $version'"
done
for program in lanyard lanyard-card lanyard-context; do # libcurl is loaded on first use
  check "$program does not load libcurl at start" \
    bash -c "! readelf -d '$dest/bin/$program' | grep NEEDED | grep -q libcurl"
done
check "nothing of the tests or the bed is installed" \
  bash -c "! find '$dest' \\( -name 'tst_*' -o -name '*demo-epr*' -o -name '*bed*' -o -name '*fixture*' \\) | grep -q ."
finish

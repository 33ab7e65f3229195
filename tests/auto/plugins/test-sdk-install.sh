#!/bin/bash
# plugins.sdk: the SDK as a plugin author gets it. Installs the "sdk" component of a Lanyard
# build into an empty prefix, builds the demo plugin out of tree against that prefix alone, and
# runs the plugin's own test (the test kit loading the built plugin and checking its manifest).
#   test-sdk-install.sh BUILD_DIR EXAMPLE_DIR CMAKE CTEST NINJA
set -euo pipefail

build=$1 example=$2 cmake=$3 ctest=$4 ninja=$5
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lanyard-sdk.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

fail() { echo "plugins.sdk: $*" >&2; exit 1; }

"$cmake" --install "$build" --component sdk --prefix "$prefix" >"$tmp/install.log" \
    || { cat "$tmp/install.log"; fail "cmake --install --component sdk failed"; }

# The SDK ships exactly its own headers: the interface, its types, result.h and the test kit.
for header in lanyard/plugin/clinicalappplugin.h lanyard/plugin/plugintypes.h \
        lanyard/result.h lanyard/plugintestkit/pluginharness.h; do
    [[ -f $prefix/include/$header ]] || fail "include/$header was not installed"
done
unexpected=$(cd "$prefix/include" && find . -name '*.h' | sort | grep -v -x \
    -e ./lanyard/plugin/clinicalappplugin.h -e ./lanyard/plugin/plugintypes.h \
    -e ./lanyard/result.h -e ./lanyard/plugintestkit/pluginharness.h || true)
[[ -z $unexpected ]] || fail "internal headers leaked into the SDK: $unexpected"
config=$(find "$prefix" -name LanyardConfig.cmake)
[[ -n $config ]] || fail "LanyardConfig.cmake was not installed"
[[ -f $(dirname "$config")/LanyardConfigVersion.cmake ]] || fail "no LanyardConfigVersion.cmake"

# A sanitized Lanyard build (LANYARD_WITH_SANITIZERS) installs an instrumented test kit (a static
# library): the example must then link the sanitizers' runtimes as well.
flags=()
if grep -q '^LANYARD_WITH_SANITIZERS:BOOL=ON$' "$build/CMakeCache.txt"; then
    flags=(-DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer")
fi

# Out of tree, against the prefix only: no package registry, no Lanyard source or build tree.
"$cmake" -S "$example" -B "$tmp/build" -G Ninja -DCMAKE_MAKE_PROGRAM="$ninja" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON "${flags[@]}" >"$tmp/configure.log" 2>&1 \
    || { cat "$tmp/configure.log"; fail "configuring the example against the SDK failed"; }
grep -q "Lanyard_DIR:PATH=$prefix/" "$tmp/build/CMakeCache.txt" \
    || fail "find_package(Lanyard) did not find the installed SDK"
"$cmake" --build "$tmp/build" -j2 >"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log"; fail "building the example against the SDK failed"; }
root=$(cd "$example/../.." && pwd)
if grep -q -e "$root/plugins/" -e "$root/common/" -e "$build/" "$tmp/build/build.ninja"; then
    fail "the example's build refers to Lanyard's source or build tree"
fi

"$ctest" --test-dir "$tmp/build" --output-on-failure || fail "the example's own test failed"

# A newer major version must not be satisfied by this one (SameMajorVersion).
mkdir -p "$tmp/major"
cat >"$tmp/major/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.22)
project(major LANGUAGES CXX)
find_package(Lanyard 1.0 QUIET)
if(Lanyard_FOUND)
    message(FATAL_ERROR "Lanyard 0.x satisfied a request for 1.0")
endif()
CMAKE
"$cmake" -S "$tmp/major" -B "$tmp/major/build" -G Ninja -DCMAKE_MAKE_PROGRAM="$ninja" \
    -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/major.log" 2>&1 \
    || { cat "$tmp/major.log"; fail "the package version check is wrong"; }
echo "plugins.sdk: the installed SDK builds and tests the example"

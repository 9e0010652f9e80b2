#!/usr/bin/env bash
# setup.sh: makes a Debian 12 machine ready for hotpatch and builds it.
#
# Installs the packages that are missing (as root, or through sudo), then
# configures build/ if it is not configured yet and builds it.  Safe to run
# again: with everything in place it only runs the (incremental) build.
# Works from any directory.
#
# Environment:
#   HOTPATCH_BUILD_DIR  build directory (default: <repo>/build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}

# Everything the build, the tests and the realworld suite need:
#   clang-19 llvm-19-dev libclang-19-dev lld-19  the compiler and the plugin API
#   liblld-19-dev                                lld as a library (resident toolchain)
#   libz3-dev libzstd-dev zlib1g-dev             what the static LLVM and clang
#                                                libraries link against (the
#                                                static lib/hotpatch-toolchain)
#   llvm-19-tools                                lit, FileCheck, split-file
#   libxxhash-dev libffi-dev                     libraries the runtime uses
#   libmimalloc-dev                              the allocator hcc preloads into
#                                                lib/hotpatch-toolchain
#   cmake ninja-build make python3               the build and lit
#   dpkg-dev                                     `apt-get source` for realworld
#   patch                                        prepare-lua.sh and prepare-gzip.sh revert Debian patches
#   gzip                                         zlib.test reads minigzip's output
#   clang-tidy-19 clang-format-19                scripts/lint.sh (and scripts/format.sh)
#   libclang-rt-19-dev                           sanitizers and libFuzzer
#   groff-base                                   nroff: the man page's test renders it
#   apache2-utils curl                           the HTTP server example: ab loads
#                                                it while it is patched, curl asks
#                                                it (demo.sh httpd, realworld tests)
#   zlib1g-dev                                   git.test and the benchmark build
#                                                git (its only library left on)
#   meson autoconf automake                      lit_tests/buildsystems: a Meson
#                                                project, and an autotools one
#                                                whose configure is generated
#                                                at test time
#   python3-dev                                  Python.h and python3-config: the
#                                                hosts tests build a C extension
#                                                module that python3 loads
#   libsdl2-dev xvfb                             the game example (examples/game)
#                                                and its test, which runs it on
#                                                a virtual X display
#   ccache distcc                                lit_tests/buildsystems: builds
#                                                through ccache, and through a
#                                                distccd the test starts
#   gcc-12-plugin-dev                            the GCC plugin (plugin-gcc/) and
#                                                its tests (lit_tests/gcc/)
#   valgrind                                     lit_tests/runtime/valgrind.c: an hcc
#                                                program runs under memcheck; the
#                                                benchmark's instruction counts
# The other Debian sources the realworld suite builds (lua5.4, zlib, mawk,
# ed, gzip, nginx) need no other build dependency: their tarballs carry the
# files that autoconf, bison or makeinfo would generate, and nginx is built
# without the modules that need libraries.
PACKAGES=(clang-19 llvm-19-dev libclang-19-dev lld-19 liblld-19-dev llvm-19-tools
          libxxhash-dev libffi-dev libmimalloc-dev cmake ninja-build make python3
          dpkg-dev patch gzip clang-tidy-19 clang-format-19 libclang-rt-19-dev groff-base
          libz3-dev libzstd-dev
          apache2-utils curl zlib1g-dev meson autoconf automake python3-dev
          libsdl2-dev xvfb
          ccache distcc
          gcc-12-plugin-dev valgrind)

say() { echo "setup: $*" >&2; }
die() { echo "setup: error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run '$*' and sudo is not installed: run this script as root"
  fi
}

missing_packages() {
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
      echo "$pkg"
    fi
  done
}

install_missing() {
  command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script needs Debian 12 (bookworm)"
  local missing
  missing=$(missing_packages | tr '\n' ' ')
  missing=${missing% }
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    die "missing packages: $missing; run this script as root (sudo is not installed)"
  fi
  say "installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp)
  # shellcheck disable=SC2086 # one word per package
  if ! { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "could not install: $missing (apt output above; check network and /etc/apt/sources.list*)"
  fi
  rm -f "$log"
}

configure_and_build() {
  mkdir -p "$BUILD_DIR"
  local log=$BUILD_DIR/setup.log
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    say "configuring $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >"$log" 2>&1 \
      || { cat "$log" >&2; die "cmake configure of $BUILD_DIR failed (output above)"; }
  fi
  if ! ninja -C "$BUILD_DIR" -n 2>/dev/null | grep -q '^ninja: no work to do'; then
    say "building $BUILD_DIR"
  fi
  cmake --build "$BUILD_DIR" >"$log" 2>&1 \
    || { tail -n 60 "$log" >&2; die "build failed (last lines above; full log: $log)"; }
}

install_missing
configure_and_build

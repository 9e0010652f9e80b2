#!/usr/bin/env bash
# make-git.sh GIT_SOURCE_DIR CC [MAKE_TARGET...]
#
# Builds Debian's git source with its own Makefile and compiler CC, on a
# machine that has only what scripts/setup.sh installs: every optional
# dependency is switched off (no libcurl, expat, OpenSSL, gettext, Perl,
# Python or Tcl/Tk; SHA-1 is git's own sha1dc), which leaves zlib
# (zlib1g-dev) as the only library git needs.  Git's default CFLAGS are
# kept (-g -O2 -Wall).  Runs make -j(nproc) in GIT_SOURCE_DIR with the
# targets given (default: all).  Used by realworld/git.test and by the
# benchmark's large-program latency case.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: make-git.sh GIT_SOURCE_DIR CC [MAKE_TARGET...]" >&2; exit 2; }
dir=$1
cc=$2
shift 2
exec make -C "$dir" -j"$(nproc)" CC="$cc" \
  NO_CURL=1 NO_EXPAT=1 NO_OPENSSL=1 NO_GETTEXT=1 NO_PERL=1 NO_PYTHON=1 NO_TCLTK=1 \
  "${@:-all}"

#!/usr/bin/env bash
# prepare-gzip.sh GZIP_SOURCE_DIR
#
# Makes Debian's gzip source build with its own `./configure && make` and
# nothing but a C compiler.
#
# Two of Debian's patches edit files that the release tarball generates
# from them: disable-Werror.patch edits configure.ac (it only matters with
# --enable-gcc-warnings) and gzip_reproducible_build.diff edits
# doc/gzip.texi.  Being newer than configure and doc/gzip.info, they would
# make `make` run autoconf, automake and makeinfo.  Both patches are
# reverted, and the two files dated like aclocal.m4 so that the tarball's
# generated files count as up to date; Debian's test patch is kept.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: prepare-gzip.sh GZIP_SOURCE_DIR" >&2; exit 2; }
cd "$1"
patch -R -p1 -s <debian/patches/disable-Werror.patch
patch -R -p1 -s <debian/patches/gzip_reproducible_build.diff
touch -r aclocal.m4 configure.ac doc/gzip.texi

#!/usr/bin/env bash
# prepare-lua.sh LUA_SOURCE_DIR
#
# Makes Debian's lua5.4 source buildable with Lua's own Makefile and any CC.
#
# Debian's 0001-build-system.patch rewrites the Makefiles to build through
# libtool, whose script debian/rules generates with autoreconf, and to compile
# every file a second time as C++.  That would put autoconf, automake, libtool
# and a C++ compiler on the path of a test about a C compiler, so the patch is
# reverted: upstream's `make linux CC=...` then builds src/lua from the same
# sources, with Debian's other patches (module paths, CVE fixes) kept.
# debian/rules also generates the multiarch header that Debian's luaconf.h
# patch includes; it is generated here the same way.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: prepare-lua.sh LUA_SOURCE_DIR" >&2; exit 2; }
cd "$1"
patch -R -p1 -s <debian/patches/0001-build-system.patch
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
cat >src/lua5.4-deb-multiarch.h <<EOH
#ifndef _LUA_DEB_MULTIARCH_
#define _LUA_DEB_MULTIARCH_
#define DEB_HOST_MULTIARCH "$multiarch"
#endif
EOH

#!/usr/bin/env bash
# fetch-source.sh PACKAGE CACHE_DIR DEST_DIR
#
# Gives a realworld test a fresh, writable copy of a Debian source package
# (Debian's patches applied) in DEST_DIR.
#
# The package is fetched once with `apt-get source` into CACHE_DIR/PACKAGE
# (a directory of the build tree, never of the git tree) and copied from
# there on every later call.  lit runs tests in parallel, so the download and
# the apt configuration are serialised with flock.
#
# If apt knows no deb-src entry, one is added as
# /etc/apt/sources.list.d/hotpatch-deb-src.sources, mirroring the Debian
# `deb` entries already configured (URIs, Suites, Components, Signed-By), and
# the package lists are updated.  This needs root (or password-less sudo).
#
# The newest version apt knows is tried first; when the archive does not
# serve its source (a security update's source can answer 404), the
# release's version is fetched (`apt-get source PACKAGE/bookworm`).  The
# version used is printed on stderr and kept in CACHE_DIR/PACKAGE.version.
set -euo pipefail

die() { echo "fetch-source: error: $*" >&2; exit 1; }

[ $# -eq 3 ] || die "usage: fetch-source.sh PACKAGE CACHE_DIR DEST_DIR"
package=$1
cache=$2
dest=$3

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else die "need root to run '$*' (no sudo): run it once by hand, or set HOTPATCH_REALWORLD=0"
  fi
}

# True when some enabled apt source has a deb-src entry.
have_deb_src() {
  grep -Eqs '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list && return 0
  grep -Eqs '^[[:space:]]*Types:.*deb-src' /etc/apt/sources.list.d/*.sources && return 0
  return 1
}

# Prints deb822 stanzas with `Types: deb-src` for every Debian `deb` entry
# (one-line or deb822).  Third-party repositories are left out: most publish
# no sources and would make `apt-get update` fail.
deb_src_stanzas() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && uris ~ /debian/) {
          printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n", uris, suites, comps
          if (signed != "") printf "Signed-By: %s\n", signed
          printf "\n"
        }
        types = uris = suites = comps = signed = ""
      }
      /^[[:space:]]*$/ { flush(); next }
      /^#/ { next }
      /^Types:/      { sub(/^Types:[[:space:]]*/, "");      types = $0 }
      /^URIs:/       { sub(/^URIs:[[:space:]]*/, "");       uris = $0 }
      /^Suites:/     { sub(/^Suites:[[:space:]]*/, "");     suites = $0 }
      /^Components:/ { sub(/^Components:[[:space:]]*/, ""); comps = $0 }
      /^Signed-By:/  { sub(/^Signed-By:[[:space:]]*/, "");  signed = $0 }
      END { flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI SUITE COMPONENT...; options other than signed-by are dropped.
    awk '
      $1 != "deb" { next }
      {
        signed = ""; i = 2
        if ($2 ~ /^\[/) {
          while (i <= NF) {
            if ($i ~ /signed-by=/) { s = $i; sub(/.*signed-by=/, "", s); sub(/\]$/, "", s); signed = s }
            if ($i ~ /\]$/) { i++; break }
            i++
          }
        }
        if ($i !~ /debian/) next
        comps = ""
        for (j = i + 2; j <= NF; j++) comps = comps (comps == "" ? "" : " ") $j
        printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n", $i, $(i + 1), comps
        if (signed != "") printf "Signed-By: %s\n", signed
        printf "\n"
      }
    ' "$f"
  done
}

ensure_deb_src() {
  have_deb_src && return 0
  local stanzas
  stanzas=$(deb_src_stanzas)
  [ -n "$stanzas" ] || die "no Debian 'deb' entry in /etc/apt/sources.list* to derive a deb-src entry from"
  echo "fetch-source: adding /etc/apt/sources.list.d/hotpatch-deb-src.sources" >&2
  printf '%s\n' "$stanzas" | as_root tee /etc/apt/sources.list.d/hotpatch-deb-src.sources >/dev/null
  as_root apt-get update -qq >&2 || die "apt-get update failed after adding deb-src entries"
}

# The suite of the installed release (bookworm), whose sources the archive
# keeps for the whole life of the release.
release_suite() {
  local codename=
  [ -r /etc/os-release ] && codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || codename=$(lsb_release -sc 2>/dev/null || true)
  echo "$codename"
}

# apt-get source SPEC into DIR, quietly; every attempt's output is appended
# to $log (CACHE_DIR/PACKAGE.apt-get-source.log).
fetch_into() {
  local dir=$1 spec=$2
  echo "fetch-source: apt-get source $spec" >>"$log"
  (cd "$dir" && rm -rf -- ./* && apt-get source -qq "$spec") >>"$log" 2>&1
}

# Fetches PACKAGE into DIR, newest first.  The newest version apt knows may
# be a security or point update whose source the archive does not serve
# (seen: 404 for zlib's bookworm-security source), so the release's own
# version (PACKAGE/bookworm) is the fallback; package lists older than the
# archive also give 404s, hence one `apt-get update` before the fallback.
# Prints the spec that worked.
fetch_newest_or_release() {
  local dir=$1 release
  release=$(release_suite)
  if fetch_into "$dir" "$package"; then echo "$package"; return 0; fi
  as_root apt-get update -qq >>"$log" 2>&1 || echo "fetch-source: apt-get update failed" >>"$log"
  if fetch_into "$dir" "$package"; then echo "$package"; return 0; fi
  if [ -n "$release" ] && fetch_into "$dir" "$package/$release"; then
    echo "$package/$release"
    return 0
  fi
  return 1
}

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
pkg_dir=$cache/$package
stamp=$pkg_dir/.hotpatch-source-dir

exec 9>"$cache/.lock"
flock 9

if [ ! -f "$stamp" ]; then
  command -v dpkg-source >/dev/null || die "dpkg-source missing: apt-get install dpkg-dev"
  ensure_deb_src
  rm -rf "$pkg_dir"
  mkdir -p "$pkg_dir"
  log=$cache/$package.apt-get-source.log
  : >"$log"
  if ! spec=$(fetch_newest_or_release "$pkg_dir"); then
    cat "$log" >&2
    die "'apt-get source $package' failed, for the newest version and for the release's ($package/$(release_suite)); check the network and the deb-src entries, or set HOTPATCH_REALWORLD=0 to skip the realworld tests"
  fi
  srcdir=$(find "$pkg_dir" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [ -n "$srcdir" ] || die "'apt-get source $package' unpacked nothing in $pkg_dir"
  basename "$srcdir" >"$stamp"
  echo "$(basename "$srcdir") ($spec)" >"$cache/$package.version"
  echo "fetch-source: $package: using $(basename "$srcdir") (apt-get source $spec)" >&2
fi

flock -u 9

rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
cp -a "$pkg_dir/$(cat "$stamp")" "$dest"

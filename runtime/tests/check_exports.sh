#!/bin/sh
# check_exports.sh NM LIBRARY: the shared runtime exports exactly the public
# API of hotpatch.h, the registration entry point and the debugger's symbols
# (hotpatch_debug.h), nothing internal.
nm=$1
library=$2
expected='__hotpatch_control_ready
__hotpatch_debug_descriptor
__hotpatch_debug_notify
__hotpatch_register_module
__hotpatch_register_patch
hotpatch_debug_dump
hotpatch_debug_redirect
hotpatch_generation
hotpatch_on_reload
hotpatch_reload_count
hotpatch_resume_arm
hotpatch_resume_clear
hotpatch_resumed
hotpatch_safepoint
hotpatch_set_mode'
# AddressSanitizer adds an ODR indicator (__odr_asan_gen_<name>) for every
# exported global: the sanitizer's symbol, not part of our interface.
actual=$("$nm" -D --defined-only "$library" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' |
  grep -v '^__odr_asan_gen_' | sort)
if [ "$actual" != "$expected" ]; then
  echo "check_exports: $library exports:"
  echo "$actual"
  echo "check_exports: expected exactly:"
  echo "$expected"
  exit 1
fi
echo "check_exports: ok"

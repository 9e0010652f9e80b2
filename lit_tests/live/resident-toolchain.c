// Patches are compiled and linked by the resident toolchain: hcc patch
// runs each job in lib/hotpatch-toolchain, the toolchain linked statically,
// started before it knows what to compile (HOTPATCH_TOOLCHAIN_EXE=0: it
// loads the library, as hcc run does, and forks for each job). The object
// either compiles is byte for byte the one the clang executable compiles
// (HOTPATCH_RESIDENT=0) from the same source and baseline, and so is the
// one lib/hotpatch-toolchain compiles with glibc's malloc instead of the
// mimalloc hcc preloads into it (HOTPATCH_MIMALLOC=0); a clang other than
// the one the toolchain is (HOTPATCH_CLANG) runs as an executable; a wrong
// HOTPATCH_RESIDENT is an error that patches nothing.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: printf '#!/bin/sh\nexec %clang "$@"\n' > other-clang.sh && chmod +x other-clang.sh
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: hcc: stages: detect {{[0-9.]+}} ms, compile {{[0-9.]+}} ms, link {{[0-9.]+}} ms, apply {{[0-9.]+}} ms (resident clang and ld.lld; [[JOBS:[0-9]+]] in hotpatch-toolchain standbys, [[JOBS]] allocating with mimalloc)
// CHECK: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: patch exit=0
// CHECK: out: v2
// CHECK: hcc: reverted
// CHECK: hcc: stages: {{.*}} (clang and ld.lld executables)
// CHECK: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: out: v2
// CHECK: hcc: reverted
// CHECK: hcc: stages: {{.*}} (resident clang and ld.lld)
// CHECK: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: out: v2
// CHECK: hcc: reverted
// CHECK: hcc: stages: {{.*}} (resident clang and ld.lld; {{[0-9]+}} in hotpatch-toolchain standbys)
// CHECK: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: out: v2
// CHECK-NEXT: same object
// CHECK-NEXT: same object
// CHECK-NEXT: same object
// CHECK-NEXT: sh exit=0
// CHECK: hcc: error: HOTPATCH_RESIDENT is 'maybe'; set it to 1 (the default) or 0
// CHECK-NEXT: sh exit=1
// CHECK: out: v2
// CHECK: hcc: note: compiling patches with the clang executable: cannot use {{.*}}hotpatch-toolchain.so: it runs {{.*}}clang, not {{.*}}other-clang.sh
// CHECK: hcc: stages: {{.*}} (clang and ld.lld executables)
// CHECK: hcc: patched lib.c: scenario_command (generation 2,
// CHECK: out: v3
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch --verbose
send go
expect ^v2
hcc revert --pid PID
# The same source and baseline again, compiled by the clang executable.
sh HOTPATCH_RESIDENT=0 "$HCC" patch --verbose --pid $PID 2>&1 | grep -v '^hcc:   '
send go
expect ^v2
# And by the library, forked.
hcc revert --pid PID
sh HOTPATCH_TOOLCHAIN_EXE=0 "$HCC" patch --verbose --pid $PID 2>&1 | grep -v '^hcc:   '
send go
expect ^v2
# And by lib/hotpatch-toolchain with glibc's malloc.
hcc revert --pid PID
sh HOTPATCH_MIMALLOC=0 "$HCC" patch --verbose --pid $PID 2>&1 | grep -v '^hcc:   '
send go
expect ^v2
sh for n in 2 3 4; do cmp .hotpatch/patches/$PID-*/1/0.o .hotpatch/patches/$PID-*/$n/0.o && echo same object; done
copy v3.c lib.c
sh HOTPATCH_RESIDENT=maybe "$HCC" patch --pid $PID
send go
expect ^v2
sh HOTPATCH_CLANG=$PWD/other-clang.sh "$HCC" patch --verbose --pid $PID 2>&1 | grep -v '^hcc:   '
send go
expect ^v3
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v1"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v2"); }

//--- v3.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v3"); }

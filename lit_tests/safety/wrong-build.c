// A patch hcc built for one program carries that program's build-id
// (section hotpatch_target), and a process of another build refuses it
// before loading any of it: nothing changes there.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// The other build differs by one link input, so its build-id differs.
// RUN: %hcc -O2 -c other.c -o other.o && %hcc loop.o lib.o other.o -o other
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: hcc: patched lib.c:
// CHECK: out: v2
// CHECK: sh exit=0
// CHECK: out: v1
// CHECK: error cannot load patch {{.*}}/patch.so: it was built for build-id {{[0-9a-f]+}}, which is not the build of this process
// CHECK: out: v1
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^v
copy v2.c lib.c
patch
send go
expect ^v
sh llvm-readelf -p hotpatch_target .hotpatch/patches/*/1/patch.so | grep -q "$(llvm-readelf -n prog | awk '/Build ID/ {print $3}')"
close
start ./other
expect ^ready
send go
expect ^v
sh python3 $HPCTL $PID apply $(ls $PWD/.hotpatch/patches/*/1/patch.so | head -1)
send go
expect ^v
close

//--- other.c
int other_build_marker = 1;

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v1"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v2"); }

// hcc run keeps a precompiled preamble of each unit it patched (the
// #include lines at the top of the file) and the next compile of the unit
// parses only the rest. Checked here: the preamble is built after the
// first patch and kept (still fitting) after the second; the object a
// compile with the preamble writes is byte for byte the one the clang
// executable writes from the same source and baseline; a header edited to
// the same size with its old modification time (which clang's own check of
// the preamble cannot see) is compiled anew, not from the stale preamble;
// an edit of the include lines themselves builds a new preamble; and
// HOTPATCH_PREAMBLE=0 keeps none.  lib.c calls a function the header
// defines (the front end reads its declaration from the preamble only when
// the facts of the patch's functions ask for it: the same object either
// way).  loop.c is copied with its old time
// (cp -p): a copy made in the clock tick of its compile looks changed at
// generation 0, and its preamble would be reported first.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp -p %S/Inputs/loop.c loop.c && cp v1.c lib.c && cp h.v1.h lib.h
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
// RUN: cp v1.c lib.c && cp h.v1.h lib.h
// RUN: HOTPATCH_PREAMBLE=0 %drive script-off | FileCheck --check-prefix=OFF %s
//
// CHECK: out: v1 x1
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: err: hcc: precompiled preamble of lib.c built
// CHECK: out: v2 x1
// CHECK: err: hcc: patched lib.c: scenario_command (generation 2,
// CHECK-NEXT: err: hcc: precompiled preamble of lib.c kept
// CHECK: out: v3 x1
// CHECK: hcc: reverted to generation 1
// CHECK: hcc: stages: {{.*}} (clang and ld.lld executables)
// CHECK: out: v3 x1
// CHECK-NEXT: same object
// Same size, old time: compiled from the new header, the preamble rebuilt.
// CHECK: err: hcc: patched lib.c: scenario_command (generation 3,
// CHECK-NEXT: err: hcc: precompiled preamble of lib.c built
// CHECK: out: v3 x7
// CHECK: err: hcc: patched lib.c: scenario_command (generation 4,
// CHECK-NEXT: err: hcc: precompiled preamble of lib.c built
// CHECK: out: v4 x7 abc
// CHECK: exit=0
//
// OFF: err: hcc: patched lib.c: scenario_command (generation 1,
// OFF-NOT: preamble
// OFF: out: v2 x1
// OFF: exit=0

//--- script
hccrun --verbose -- ./prog
expect-err watching
send go
expect ^v1
copy v2.c lib.c
expect-err preamble
send go
expect ^v2
copy v3.c lib.c
expect-err preamble
send go
expect ^v3
# The same source and baseline again, compiled by the clang executable
# (attempt 3) as the resident clang with the preamble compiled it (2).
hcc revert --pid PID
sh HOTPATCH_RESIDENT=0 "$HCC" patch --verbose --pid $PID 2>&1 | grep 'hcc: stages'
send go
expect ^v3
sh cmp .hotpatch/patches/$PID-*/2/0.o .hotpatch/patches/$PID-*/3/0.o && echo same object
sh cp h.v2.h new.h && touch -r lib.h new.h && mv new.h lib.h
expect-err preamble
send go
expect ^v3
copy v4.c lib.c
expect-err preamble
send go
expect ^v4
close

//--- script-off
hccrun --verbose -- ./prog
expect-err watching
copy v2.c lib.c
expect-err patched
send go
expect ^v2
close

//--- h.v1.h
#define FACTOR 1
static __attribute__((noinline)) int doubled(int x) { return 2 * x; }
static __attribute__((noinline)) int twice(int x) { return doubled(x); }

//--- h.v2.h
#define FACTOR 7
static __attribute__((noinline)) int doubled(int x) { return 2 * x; }
static __attribute__((noinline)) int twice(int x) { return doubled(x); }

//--- v1.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v1 x%d\n", twice(FACTOR) / 2); }

//--- v2.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v2 x%d\n", twice(FACTOR) / 2); }

//--- v3.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v3 x%d\n", twice(FACTOR) / 2); }

//--- v4.c
#include <stdio.h>
#include <string.h>
#include "lib.h"
void scenario_command(const char *command) {
  (void)command;
  printf("v4 x%d %s\n", twice(FACTOR) / 2, strcmp("a", "b") < 0 ? "abc" : "cba");
}

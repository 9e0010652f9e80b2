// A build records, beside the unit's closures file, its functions' bodies
// after the inliner (InlinedBodies.cpp). A patch compile gives those bodies
// to the unchanged functions that changed code may inline, instead of
// running the inliner's passes on them: here sum, and weight, which the
// build dropped (inlined everywhere) but sum's recorded body had inlined.
// The changed function (scaled) inlines them as the build's compile did:
// only scaled changes (the others' hashes are the build's), and the patch's
// code is the same as with HOTPATCH_INLINED_BODIES=0, which runs the
// inliner's passes on them. A -g build records none (docs/design.md says
// why), and its patches go the longer way.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: ls .hotpatch/closures | FileCheck %s --check-prefix=FILES
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,RECORDED --implicit-check-not=changed
// RUN: FileCheck %s --check-prefix=CODE < patch.s && mv patch.s recorded.s
// RUN: cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o && %hcc loop.o lib.o -o prog
// RUN: env HOTPATCH_INLINED_BODIES=0 %drive script | FileCheck %s \
// RUN:   --implicit-check-not=changed --implicit-check-not="not optimised at all"
// RUN: diff recorded.s patch.s
// RUN: rm -r .hotpatch/closures && cp v1.c lib.c
// RUN: %hcc -O2 -g -c loop.c -o loop.o && %hcc -O2 -g -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: ls .hotpatch/closures | FileCheck %s --check-prefix=DEBUG
// RUN: %drive script | FileCheck %s \
// RUN:   --implicit-check-not=changed --implicit-check-not="not optimised at all"
//
// CODE: <scaled.hp.impl>:
// FILES: {{^[0-9a-f]{16}\.bc$}}
// FILES: {{^[0-9a-f]{16}\.txt$}}
// DEBUG-NOT: .bc
// DEBUG: {{^[0-9a-f]{16}\.txt$}}
// DEBUG-NOT: .bc
// CHECK: out: total=92085 scaled=92086
// CHECK: hcc: not optimised after the inliner: 1 kept only to be inlined, the same as what runs
// RECORDED-NEXT: hcc: not optimised at all: 2 kept to be inlined, given their bodies after the inliner, recorded by the build
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed scaled
// CHECK: hcc: patched lib.c: scaled (generation 1,
// CHECK: out: total=92085 scaled=184170
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^out
copy v2.c lib.c
patch --verbose
sh llvm-objdump-19 -d --no-show-raw-insn .hotpatch/patches/$PID-*/1/*.o | grep -v 'file format' > patch.s
send go
expect ^out
close

//--- v1.c
#include <stdio.h>
#include <string.h>
int table[64];
static const char *const names[] = {"zero", "one", "two"};
static int weight(int i) { return (int)strlen(names[i % 3]) + i; }
int sum(int n) {
  int s = 0;
  for (int i = 0; i < n && i < 64; i++)
    s += table[i] * weight(i);
  return s;
}
int scaled(int n) { return sum(n) + 1; }
void scenario_command(const char *command) {
  (void)command;
  for (int i = 0; i < 64; i++)
    table[i] = i;
  /* Through pointers, so that scenario_command does not inline them. */
  int (*volatile t)(int) = sum, (*volatile s)(int) = scaled;
  printf("out: total=%d scaled=%d\n", t(64), s(64));
}

//--- v2.c
#include <stdio.h>
#include <string.h>
int table[64];
static const char *const names[] = {"zero", "one", "two"};
static int weight(int i) { return (int)strlen(names[i % 3]) + i; }
int sum(int n) {
  int s = 0;
  for (int i = 0; i < n && i < 64; i++)
    s += table[i] * weight(i);
  return s;
}
int scaled(int n) { return sum(n) * 2; }
void scenario_command(const char *command) {
  (void)command;
  for (int i = 0; i < 64; i++)
    table[i] = i;
  /* Through pointers, so that scenario_command does not inline them. */
  int (*volatile t)(int) = sum, (*volatile s)(int) = scaled;
  printf("out: total=%d scaled=%d\n", t(64), s(64));
}

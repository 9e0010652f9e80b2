// An unchanged function that a changed one references (and may inline) is
// optimised only as far as the inliner: its body is needed there, as in a
// full compile, but the passes after the inliner would only make code the
// patch drops. Its hash is carried over, so it is not patched although its
// body stopped short of its final form (sum's loop is vectorised after the
// inliner). With HOTPATCH_SKIP_AFTER_INLINER=0 it is optimised to the end,
// and the patch is the same.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,SKIP --implicit-check-not=changed
// RUN: cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o && %hcc loop.o lib.o -o prog
// RUN: env HOTPATCH_SKIP_AFTER_INLINER=0 %drive script \
// RUN:   | FileCheck %s --check-prefixes=CHECK,FULL --implicit-check-not=changed
//
// CHECK: out: total=2016 scaled=2017
// SKIP: hcc: not optimised after the inliner: 1 kept only to be inlined, the same as what runs
// FULL-NOT: not optimised after the inliner
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed scaled
// CHECK: hcc: patched lib.c: scaled (generation 1,
// CHECK: out: total=2016 scaled=4032
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^out
copy v2.c lib.c
patch --verbose
send go
expect ^out
close

//--- v1.c
#include <stdio.h>
int table[64];
int sum(int n) {
  int s = 0;
  for (int i = 0; i < n && i < 64; i++)
    s += table[i];
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
int table[64];
int sum(int n) {
  int s = 0;
  for (int i = 0; i < n && i < 64; i++)
    s += table[i];
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

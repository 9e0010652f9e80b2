// hcc patch --dry-run says what a patch would do and does nothing: which
// unit it would recompile and which file made it dirty (a header, then the
// source), the functions the edit changes, adds and removes, exit 0; the
// process keeps running its code and its state, and the next real patch
// still sees the edit as new and applies it, the counter's value kept.  A
// comment edit would recompile and change nothing (old_rule, which the
// process still has and the sources no longer define, stays "removed").
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c && cp x.v1.h x.h
// Saved before the build: a save in the build's clock tick counts as an edit.
// RUN: touch -d '1 hour ago' loop.c lib.c x.h
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: old count=1 base=10
// CHECK-NEXT: hcc: dry run: recompile lib.c: x.h changed
// CHECK-NEXT: hcc: dry run: lib.c:
// CHECK-NEXT: hcc: dry run:   changed scenario_command
// CHECK-NEXT: hcc: dry run: would apply as generation 1 of process {{[0-9]+}}; state kept: every existing global and static keeps its value
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: old count=2 base=10
// CHECK-NEXT: hcc: dry run: recompile lib.c: it changed
// CHECK-NEXT: hcc: dry run: lib.c:
// CHECK-NEXT: hcc: dry run:   changed scenario_command
// CHECK-NEXT: hcc: dry run:   new new_rule
// CHECK-NEXT: hcc: dry run:   removed old_rule
// CHECK-NEXT: hcc: dry run: would apply as generation 1 of process
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: old count=3 base=10
// CHECK-NEXT: {{[0-9]+}} generation=0 {{.*}}prog
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: hcc: patched lib.c: scenario_command, new_rule (new) (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: new count=4 base=100
// CHECK-NEXT: hcc: dry run: recompile lib.c: it changed
// CHECK-NEXT: hcc: dry run: lib.c: no functional change
// CHECK-NEXT: hcc: dry run:   removed old_rule
// CHECK-NEXT: hcc: dry run: no functional change for process {{[0-9]+}} (generation 1)
// CHECK-NEXT: patch exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^old
copy x.v2.h x.h
patch --dry-run
send go
expect ^old
copy v2.c lib.c
patch --dry-run
send go
expect ^old
hcc status --pid PID
patch
send go
expect ^new
copy v2-comment.c lib.c
patch --dry-run
close

//--- x.v1.h
#define X_BASE 10

//--- x.v2.h
#define X_BASE 100

//--- v1.c
#include <stdio.h>
#include "x.h"
static int count;
int old_rule(int v) { return v; }
void scenario_command(const char *command) {
  (void)command;
  printf("old count=%d base=%d\n", old_rule(++count), X_BASE);
}

//--- v2.c
#include <stdio.h>
#include "x.h"
static int count;
int new_rule(int v) { return v; }
void scenario_command(const char *command) {
  (void)command;
  printf("new count=%d base=%d\n", new_rule(++count), X_BASE);
}

//--- v2-comment.c
#include <stdio.h>
#include "x.h"
/* the rule is a function of the count */
static int count;
int new_rule(int v) { return v; }
void scenario_command(const char *command) {
  (void)command;
  printf("new count=%d base=%d\n", new_rule(++count), X_BASE);
}

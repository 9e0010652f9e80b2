// LLVM's inliner gives the only call of a static function a bonus of 15,000
// off its cost ("last call to a static"): plain clang inlines `work`, 128
// volatile stores, into its one caller and deletes it.  An impl's slot
// takes its address, a second use, so hcc's inliner would not; the plugin
// gives the call the bonus anyway (InlineRecord.cpp), and `work` is gone
// from the object as with plain clang (NM), unlike with the switch off
// (NM0).  `shared` has two callers: no bonus, kept out of line.
//
// A patch compile deletes the unchanged functions it need not optimise, so
// it sees fewer callers than the build did: editing `leaf` optimises
// `in_g` again (its closure holds `leaf`; HOTPATCH_KEEP_UNAFFECTED=0, else
// `in_g`, which inlined nothing edited, would keep the build's body) while
// `in_h` is skipped, and `shared` then looks like a static with one call.  Given the bonus there,
// `in_g` would inline it and be patched although nothing in it changed;
// a patch compile gives the bonus only to the calls its build gave it (the
// closures file's `last-call` rows), so only `leaf` is patched.  Editing
// `work` patches its one caller, which inlined it.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: HOTPATCH_LAST_CALL_BONUS=0 %hcc -O2 -c lib.c -o lib0.o
// RUN: llvm-nm lib0.o | FileCheck %s --check-prefix=NM0
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: llvm-nm lib.o | FileCheck %s --check-prefix=NM
// RUN: cat .hotpatch/closures/*.txt | FileCheck %s --check-prefix=ROWS
// RUN: env HOTPATCH_KEEP_UNAFFECTED=0 %drive script | FileCheck %s
//
// NM0: {{ t work.hp.impl$}}
//
// NM-NOT: {{ work(\.hp\.impl)?$}}
// NM: {{ t shared.hp.impl$}}
// NM-NOT: {{ work(\.hp\.impl)?$}}
//
// ROWS: last-call work.hp.impl run_work.hp.impl
// ROWS-NOT: last-call shared
//
// CHECK: out: work=105 g=25 h=9
// CHECK-NEXT: hcc: patched lib.c: leaf (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: work=105 g=30 h=9
// CHECK-NEXT: hcc: patched lib.c: run_work (generation 2,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: work=205 g=30 h=9
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^work
copy v2.c lib.c
patch
send go
expect ^work
copy v3.c lib.c
patch
send go
expect ^work
close

//--- v1.c
#include <stdio.h>
#define TOUCH4(x) sink = (x); sink = (x) + 1; sink = (x) + 2; sink = (x) + 3;
#define TOUCH16(x) TOUCH4(x) TOUCH4(x) TOUCH4(x) TOUCH4(x)
#define TOUCH64(x) TOUCH16(x) TOUCH16(x) TOUCH16(x) TOUCH16(x)
static volatile int sink;
static int work(int n) {
  TOUCH64(n) TOUCH64(n)
  return n + 100;
}
int run_work(int n) { return work(n); }
static int shared(int n) {
  TOUCH64(n) TOUCH64(n)
  return n * 2;
}
__attribute__((noinline)) int leaf(int n) { return n * 3; }
int in_g(int n) { return shared(n) + leaf(n); }
int in_h(int n) { return shared(n) - 1; }
void scenario_command(const char *command) {
  (void)command;
  // Called through pointers: this function learns nothing of them (their
  // inferred return ranges change with `work`'s constant).
  int (*volatile w)(int) = run_work, (*volatile g)(int) = in_g,
                 (*volatile h)(int) = in_h;
  int a = w(5), b = g(5);
  printf("work=%d g=%d h=%d\n", a, b, h(5));
}

//--- v2.c
#include <stdio.h>
#define TOUCH4(x) sink = (x); sink = (x) + 1; sink = (x) + 2; sink = (x) + 3;
#define TOUCH16(x) TOUCH4(x) TOUCH4(x) TOUCH4(x) TOUCH4(x)
#define TOUCH64(x) TOUCH16(x) TOUCH16(x) TOUCH16(x) TOUCH16(x)
static volatile int sink;
static int work(int n) {
  TOUCH64(n) TOUCH64(n)
  return n + 100;
}
int run_work(int n) { return work(n); }
static int shared(int n) {
  TOUCH64(n) TOUCH64(n)
  return n * 2;
}
__attribute__((noinline)) int leaf(int n) { return n * 4; }
int in_g(int n) { return shared(n) + leaf(n); }
int in_h(int n) { return shared(n) - 1; }
void scenario_command(const char *command) {
  (void)command;
  // Called through pointers: this function learns nothing of them (their
  // inferred return ranges change with `work`'s constant).
  int (*volatile w)(int) = run_work, (*volatile g)(int) = in_g,
                 (*volatile h)(int) = in_h;
  int a = w(5), b = g(5);
  printf("work=%d g=%d h=%d\n", a, b, h(5));
}

//--- v3.c
#include <stdio.h>
#define TOUCH4(x) sink = (x); sink = (x) + 1; sink = (x) + 2; sink = (x) + 3;
#define TOUCH16(x) TOUCH4(x) TOUCH4(x) TOUCH4(x) TOUCH4(x)
#define TOUCH64(x) TOUCH16(x) TOUCH16(x) TOUCH16(x) TOUCH16(x)
static volatile int sink;
static int work(int n) {
  TOUCH64(n) TOUCH64(n)
  return n + 200;
}
int run_work(int n) { return work(n); }
static int shared(int n) {
  TOUCH64(n) TOUCH64(n)
  return n * 2;
}
__attribute__((noinline)) int leaf(int n) { return n * 4; }
int in_g(int n) { return shared(n) + leaf(n); }
int in_h(int n) { return shared(n) - 1; }
void scenario_command(const char *command) {
  (void)command;
  // Called through pointers: this function learns nothing of them (their
  // inferred return ranges change with `work`'s constant).
  int (*volatile w)(int) = run_work, (*volatile g)(int) = in_g,
                 (*volatile h)(int) = in_h;
  int a = w(5), b = g(5);
  printf("work=%d g=%d h=%d\n", a, b, h(5));
}

// A patch compile refused with kind "retry" (docs/design.md, "Unaffected
// callers") stops early and emits nothing but declarations: FinalizePass
// turns every definition into one, and drops what must name a definition
// or keep its initialiser -- an alias, an ifunc, the constructor and used
// lists. The unit has all of those, and a thread-local and a constructor;
// the first compile must end cleanly (a compiler killed by a signal there
// is reported even though the second compile makes the patch), and the
// patch made by the second compile runs. (C only: the alias and the ifunc
// name symbols by their C spelling.)
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --implicit-check-not="killed by signal"
//
// CHECK: out: plus_one=13 alias=13 chosen=8 calls=0 started=1
// CHECK: hcc: compiled again, keeping nothing unaffected and parsing every body: lib.c: the optimiser inferred other memory effects for double_it than the build did, seen as the inliner's walk reached its caller twice
// CHECK: hcc: patched lib.c: {{.*}}(generation 1,
// CHECK: out: plus_one=14 alias=14 chosen=8 calls=4 started=1
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
int calls;
static _Thread_local int per_thread = 1;
static int started;
__attribute__((constructor)) static void start(void) { started = per_thread; }
__attribute__((used)) static const char tag[] = "retry-emits-nothing";
__attribute__((noinline)) int double_it(int x) { return x * 2; }
static int twice(int x) { return double_it(x) + double_it(x); }
int plus_one(int x) { return twice(x) + 1; }
int plus_alias(int x) __attribute__((alias("plus_one")));
static int add_five(int x) { return x + 5; }
static int (*resolve_chosen(void))(int) { return add_five; }
int chosen(int x) __attribute__((ifunc("resolve_chosen")));
void scenario_command(const char *command) {
  (void)command;
  int (*volatile p)(int) = plus_one, (*volatile a)(int) = plus_alias;
  int (*volatile c)(int) = chosen;
  int r = p(3), s = a(3);
  printf("out: plus_one=%d alias=%d chosen=%d calls=%d started=%d\n", r, s,
         c(3), calls, started);
}

//--- v2.c
#include <stdio.h>
int calls;
static _Thread_local int per_thread = 1;
static int started;
__attribute__((constructor)) static void start(void) { started = per_thread; }
__attribute__((used)) static const char tag[] = "retry-emits-nothing";
__attribute__((noinline)) int double_it(int x) {
  calls++;
  return x * 2;
}
static int twice(int x) { return double_it(x) + double_it(x); }
int plus_one(int x) { return twice(x) + 2; }
int plus_alias(int x) __attribute__((alias("plus_one")));
static int add_five(int x) { return x + 5; }
static int (*resolve_chosen(void))(int) { return add_five; }
int chosen(int x) __attribute__((ifunc("resolve_chosen")));
void scenario_command(const char *command) {
  (void)command;
  int (*volatile p)(int) = plus_one, (*volatile a)(int) = plus_alias;
  int (*volatile c)(int) = chosen;
  int r = p(3), s = a(3);
  printf("out: plus_one=%d alias=%d chosen=%d calls=%d started=%d\n", r, s,
         c(3), calls, started);
}

// walk and step call each other, so an edit of step changes the closure
// hash of both (docs/design.md, "Unaffected callers"). walk's own code did
// not change, nor did what the build inlined into it (scale), so the code
// the build made of it is still right while step's inferred attributes are
// what the build inferred: the patch compile keeps walk as the build made it
// instead of optimising it again, and only step changes. Then step starts
// counting its calls in a global: walk's build code may rely on step
// reading no memory, so the compile is refused with kind "retry" and hcc
// compiles the unit again keeping nothing unaffected, which patches walk too
// (its hash holds step's attributes). step is in walk's call graph SCC, so
// the check after the inliner's walk is the one that sees it. With HOTPATCH_KEEP_UNAFFECTED=0 the
// first edit optimises walk again, to the code the process runs.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,KEEP
// RUN: cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o && %hcc loop.o lib.o -o prog
// RUN: env HOTPATCH_KEEP_UNAFFECTED=0 %drive script | FileCheck %s \
// RUN:   --check-prefixes=CHECK,OFF --implicit-check-not="kept as the build"
//
// CHECK: out: walk=49 calls=0
// KEEP: hcc: kept as the build made them: 1 of them, whose callees were edited but whose code holds no edited code
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed step
// CHECK-NEXT: hcc: patched lib.c: step (generation 1,
// CHECK: out: walk=58 calls=0
// KEEP: hcc: compiled again, keeping nothing unaffected and parsing every body: lib.c: the optimiser inferred other attributes or another constant return for {{[_A-Za-z0-9]*}}step{{[A-Za-z0-9]*}} than the build did{{$}}
// OFF-NOT: compiled again
// CHECK: hcc: module lib.c:lib.o
// CHECK-DAG: hcc:   changed step
// CHECK-DAG: hcc:   changed walk
// CHECK: hcc: patched lib.c: {{.*}}(generation 2,
// CHECK: out: walk=58 calls=3
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
copy v3.c lib.c
patch --verbose
send go
expect ^out
close

//--- v1.c
#include <stdio.h>
int calls;
static int scale(int x) { return x * 3 + 1; }
__attribute__((noinline)) int step(int n);
__attribute__((noinline)) int walk(int n) {
  if (n <= 0)
    return 1;
  return scale(n) + step(n - 1);
}
int step(int n) {
  if (n <= 0)
    return 2;
  return walk(n - 1) + n;
}
void scenario_command(const char *command) {
  (void)command;
  int (*volatile w)(int) = walk;
  printf("out: walk=%d calls=%d\n", w(6), calls);
}

//--- v2.c
#include <stdio.h>
int calls;
static int scale(int x) { return x * 3 + 1; }
__attribute__((noinline)) int step(int n);
__attribute__((noinline)) int walk(int n) {
  if (n <= 0)
    return 1;
  return scale(n) + step(n - 1);
}
int step(int n) {
  if (n <= 0)
    return 2;
  return walk(n - 1) + 2 * n;
}
void scenario_command(const char *command) {
  (void)command;
  int (*volatile w)(int) = walk;
  printf("out: walk=%d calls=%d\n", w(6), calls);
}

//--- v3.c
#include <stdio.h>
int calls;
static int scale(int x) { return x * 3 + 1; }
__attribute__((noinline)) int step(int n);
__attribute__((noinline)) int walk(int n) {
  if (n <= 0)
    return 1;
  return scale(n) + step(n - 1);
}
int step(int n) {
  calls++;
  if (n <= 0)
    return 2;
  return walk(n - 1) + 2 * n;
}
void scenario_command(const char *command) {
  (void)command;
  int (*volatile w)(int) = walk;
  printf("out: walk=%d calls=%d\n", w(6), calls);
}

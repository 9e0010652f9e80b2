// A function returns a constant; the optimiser propagates it into the
// caller (interprocedural constant propagation and range facts). The
// constant changes: the caller, whose text did not change, is patched too
// and uses the new value. The function is `noinline`, so the caller's
// knowledge comes from what the optimiser inferred, not from inlining.
// gcc-12 propagates no return value across functions: its caller's code
// does not depend on the constant, and only the function is patched (by
// the gcc executable, as `--verbose` says).
//
// RUN: rm -rf %t && mkdir -p %t/O2/.hotpatch %t/O3/.hotpatch
// RUN: split-file %s %t/O2 && split-file %s %t/O3
// RUN: cd %t/O2 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
// RUN: cd %t/O3 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O3 -c loop.c -o loop.o && %hcc -O3 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
//
// CHECK: out: limit=3 filled=3 big=no
// GCC: hcc: stages: {{.*}} {{\(gcc (executable, resident ld.lld(; [0-9]+ in hotpatch-toolchain standbys(, [0-9]+ allocating with mimalloc)?)?|and ld.lld executables)\)$}}
// CHECK: hcc: module lib.c:lib.o
// CLANG-NEXT: hcc:   changed fill
// CLANG: hcc: patched lib.c: {{.*}}(generation 1,
// GCC: hcc: patched lib.c: limit (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: limit=5 filled=5 big=yes
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^limit
copy v2.c lib.c
patch --verbose
send go
expect ^limit
close

//--- v1.c
#include <stdio.h>
__attribute__((noinline)) static int limit(void) { return 3; }
static char buf[8];
int fill(void) {
  int n = 0;
  for (int i = 0; i < limit(); i++)
    buf[n++] = 'x';
  return n > 4 ? -n : n;
}
void scenario_command(const char *command) {
  (void)command;
  int (*volatile f)(void) = fill;
  int n = f();
  printf("limit=%d filled=%d big=%s\n", limit(), n < 0 ? -n : n,
         n < 0 ? "yes" : "no");
}

//--- v2.c
#include <stdio.h>
__attribute__((noinline)) static int limit(void) { return 5; }
static char buf[8];
int fill(void) {
  int n = 0;
  for (int i = 0; i < limit(); i++)
    buf[n++] = 'x';
  return n > 4 ? -n : n;
}
void scenario_command(const char *command) {
  (void)command;
  int (*volatile f)(void) = fill;
  int n = f();
  printf("limit=%d filled=%d big=%s\n", limit(), n < 0 ? -n : n,
         n < 0 ? "yes" : "no");
}

// An hcc program runs under valgrind's memcheck, which reads the debug
// information of every object the process loads and gives up on the whole
// process at the first it cannot read (valgrind 3.19 and clang-19's default
// DWARF 5): the runtime library is built with DWARF 4 for that.  The run
// goes through the runtime's work (registration, the control thread, a
// lookup entering the registry, a slot written) and memcheck must find no
// error in it.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %hcc -O2 main.c -o prog
// RUN: valgrind -q --error-exitcode=99 ./prog 2>&1 | FileCheck %s

// CHECK-NOT: Giving up
// CHECK:     fib(20) = 6765
// CHECK-NEXT: redirect fib: 0
// CHECK-NEXT: fib(19) = -1
// CHECK-NOT: {{.}}

//--- main.c
#include <hotpatch.h>
#include <stdio.h>

// noinline, and another argument the second time: a call the optimiser
// inlined or merged would keep the old result (see env-off.c).
__attribute__((noinline)) int fib(int n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
static int minus_one(int n) { (void)n; return -1; }

int main(void) {
  printf("fib(20) = %d\n", fib(20));
  printf("redirect fib: %d\n", hotpatch_debug_redirect("fib", (void *)minus_one));
  printf("fib(19) = %d\n", fib(19));
  return 0;
}

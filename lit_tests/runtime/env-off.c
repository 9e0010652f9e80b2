// HOTPATCH=off makes the runtime inert: no module is registered, so the
// dump is empty and a redirect finds nothing, and the program still
// computes exactly what it computes with the runtime on.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %hcc -O2 main.c -o prog
// RUN: ./prog | FileCheck --check-prefix=ON %s
// RUN: env HOTPATCH=off ./prog | FileCheck --check-prefix=OFF %s

// With the runtime on, the module is there and the redirect works.
// ON:      fib(20) = 6765
// ON-NEXT: dump:
// ON-NEXT: module {{(.*/)?}}main.c hash={{[0-9a-f]{32}$}}
// ON:      end of dump
// ON-NEXT: redirect fib: 0 (errno 0)
// ON-NEXT: fib(19) = -1

// Off: nothing between the dump markers, ENOENT (2), unchanged result.
// OFF:      fib(20) = 6765
// OFF-NEXT: dump:
// OFF-NEXT: end of dump
// OFF-NEXT: redirect fib: -1 (errno 2)
// OFF-NEXT: fib(19) = 4181

//--- main.c
#include <errno.h>
#include <hotpatch.h>
#include <stdio.h>

// noinline, and the second call has another argument: a call the optimiser
// inlined, or merged with an earlier call of this pure function, keeps the
// old result, and this test is about the registry, not about optimisation.
__attribute__((noinline)) int fib(int n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
static int minus_one(int n) { (void)n; return -1; }

int main(void) {
  printf("fib(20) = %d\n", fib(20));
  printf("dump:\n");
  fflush(stdout);
  hotpatch_debug_dump(stdout);
  printf("end of dump\n");
  errno = 0;
  int rc = hotpatch_debug_redirect("fib", (void *)minus_one);
  printf("redirect fib: %d (errno %d)\n", rc, rc ? errno : 0);
  printf("fib(19) = %d\n", fib(19));
  return 0;
}

// An instrumented program behaves exactly like its plain clang-19 build, at
// every optimisation level and code model, for the C features most likely to
// break a stub: varargs, struct arguments and returns by value, recursion,
// weak symbols, static inline header functions, callbacks handed to libc and
// pthreads, and function-pointer identity across files.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for opt in -O0 -O1 -O2 -O3 -Os "-O2 -g" "-O0 -g" "-O2 -fPIE -pie" "-O2 -fPIC"; do \
// RUN:   %clang $opt -pthread main.c lib.c weak.c -o plain && \
// RUN:   %clang $opt -pthread -fplugin=%plugin main.c lib.c weak.c -o inst && \
// RUN:   ./plain > plain.out && ./inst > inst.out && \
// RUN:   diff plain.out inst.out && echo "same $opt" || exit 1; \
// RUN: done > levels.out
// RUN: FileCheck --check-prefix=LEVELS %s < levels.out
// RUN: %clang -O2 -pthread -fplugin=%plugin main.c lib.c weak.c -o inst && ./inst | FileCheck %s
//
// The instrumented build really has stubs: the body moved to main.hp.impl.
// An external function's slot is a hidden global, which GNU ld keeps
// global in the symbol table and ld.lld makes local: never dynamic.
// RUN: llvm-nm inst | FileCheck --check-prefix=SYMS %s
// RUN: llvm-nm -D inst | FileCheck --check-prefix=DYNSYMS %s
//
// LEVELS: same -O0
// LEVELS: same -O1
// LEVELS: same -O2
// LEVELS: same -O3
// LEVELS: same -Os
// LEVELS: same -O2 -g
// LEVELS: same -O0 -g
// LEVELS: same -O2 -fPIE -pie
// LEVELS: same -O2 -fPIC
//
// CHECK: sum 15 fmt [x=7 y=2.50 s=ok]
// CHECK-NEXT: big 7 14 21 | mid 3.5
// CHECK-NEXT: fib 6765 even(10)=1 odd(7)=1
// CHECK-NEXT: weak strong-wins inline 49
// CHECK-NEXT: qsort 1 2 3 5 8 9 bsearch 5 at 3
// CHECK-NEXT: thread 42
// CHECK-NEXT: signal 1
// CHECK-NEXT: same-address 1 1 1
// CHECK-NEXT: atexit ran
//
// SYMS-DAG: t main.hp.impl
// SYMS-DAG: T main
// SYMS-DAG: {{[dD]}} main.hp.slot
// DYNSYMS-NOT: hp.slot

//--- common.h
#include <stdarg.h>
struct big { long a, b, c; };
struct mid { float x; double y; };
int sum(int n, ...);
void vfmt(char *out, const char *f, ...);
struct big make_big(long x);
struct mid halve(struct mid m);
int is_even(int n);
int is_odd(int n);
const char *weak_name(void);
typedef int (*cmp_fn)(const void *, const void *);
cmp_fn lib_cmp(void);
int lib_cmp_int(const void *a, const void *b);
static inline int square(int x) { return x * x; }

//--- main.c
#include "common.h"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static void *worker(void *arg) { *(int *)arg = 42; return arg; }
static volatile sig_atomic_t got;
static void on_signal(int sig) { got = sig == SIGUSR1; }
static void at_exit(void) { printf("atexit ran\n"); }

int main(void) {
  char buf[64];
  vfmt(buf, "x=%d y=%.2f s=%s", 7, 2.5, "ok");
  printf("sum %d fmt [%s]\n", sum(5, 1, 2, 3, 4, 5), buf);
  struct big b = make_big(7);
  struct mid m = halve((struct mid){7.0f, 0});
  printf("big %ld %ld %ld | mid %.1f\n", b.a, b.b, b.c, m.y);
  printf("fib %d even(10)=%d odd(7)=%d\n", fib(20), is_even(10), is_odd(7));
  printf("weak %s inline %d\n", weak_name(), square(7));
  int v[] = {5, 3, 9, 1, 8, 2};
  qsort(v, 6, sizeof v[0], lib_cmp_int);
  int key = 5;
  int *at = bsearch(&key, v, 6, sizeof v[0], lib_cmp());
  printf("qsort %d %d %d %d %d %d bsearch %d at %d\n", v[0], v[1], v[2], v[3],
         v[4], v[5], *at, (int)(at - v));
  pthread_t t;
  int out = 0;
  pthread_create(&t, NULL, worker, &out);
  pthread_join(t, NULL);
  printf("thread %d\n", out);
  signal(SIGUSR1, on_signal);
  raise(SIGUSR1);
  printf("signal %d\n", (int)got);
  cmp_fn here = lib_cmp_int;
  int (*s)(int, ...) = sum;
  printf("same-address %d %d %d\n", here == lib_cmp(), s == &sum,
         (void *)make_big == (void *)&make_big);
  atexit(at_exit);
  return 0;
}

//--- lib.c
#include "common.h"
#include <stdio.h>

int sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++)
    s += va_arg(ap, int);
  va_end(ap);
  return s;
}
void vfmt(char *out, const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  vsprintf(out, f, ap);
  va_end(ap);
}
struct big make_big(long x) { return (struct big){x, 2 * x, 3 * x}; }
struct mid halve(struct mid m) { return (struct mid){m.x, m.x / 2.0}; }
int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }
int lib_cmp_int(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}
cmp_fn lib_cmp(void) { return lib_cmp_int; }
__attribute__((weak)) const char *weak_name(void) { return "weak-wins"; }
int twice(int x) { return 2 * square(x); }

//--- weak.c
const char *weak_name(void) { return "strong-wins"; }

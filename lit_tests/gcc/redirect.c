// The indirection of a gcc build survives -O2 as it does in a clang build
// (lit_tests/runtime/redirect-o2.c): after hotpatch_debug_redirect("f", g),
// the call from another file, a call through a pointer taken before the
// redirect and the direct calls all reach g, although gcc would gladly
// inline f (`return x + 1`) everywhere.  The calls of main and of a thread
// start routine always go through the slot (their frames never return to
// pick up new code), so each of their calls is redirected at every -O
// level.  An alias of f (__attribute__((alias))) is f's stub, so it follows
// the redirect too.  A static function is redirected through its id
// "<module-id>:s".
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %gcchp -O2 -c a.c -o a.o
// RUN: %gcchp -O2 -c b.c -o b.o
// RUN: gcc-12 a.o b.o %gcclink -o prog
// RUN: ./prog | FileCheck %s
// RUN: %gcchp -O0 a.c b.c %gcclink -o prog-O0
// RUN: ./prog-O0 | FileCheck %s
// RUN: %gcchp -O3 -fPIE -pie a.c b.c %gcclink -o prog-O3
// RUN: ./prog-O3 | FileCheck %s

// CHECK:      before: from-b=2 pointer=2 direct-noinline=12 direct=2 static=3
// CHECK-NEXT: redirect f: 0
// CHECK-NEXT: redirect h: 0
// CHECK-NEXT: after: from-b=100 pointer=100 direct-noinline=1000
// CHECK-NEXT: after: direct=100 alias=100
// CHECK-NEXT: redirect static: 0
// CHECK-NEXT: static after: pointer=200 direct=200
// CHECK-NEXT: thread: direct=100

//--- a.c
#include <hotpatch.h>
#include <pthread.h>
#include <stdio.h>

int f(int x) { return x + 1; }
int f_alias(int x) __attribute__((alias("f")));
__attribute__((noinline)) int h(int x) { return x + 10; }
static __attribute__((noinline)) int s(int x) { return x + 2; }
static int g(int x) { return x * 100; }
int call_f_from_b(int x);

static void *thread_start(void *unused) {
  printf("thread: direct=%d\n", f(1));
  return unused;
}

int main(void) {
  int (*p)(int) = f;
  int (*ps)(int) = s;
  printf("before: from-b=%d pointer=%d direct-noinline=%d direct=%d static=%d\n",
         call_f_from_b(1), p(1), h(2), f(1), s(1));
  printf("redirect f: %d\n", hotpatch_debug_redirect("f", (void *)g));
  printf("redirect h: %d\n", hotpatch_debug_redirect("h", (void *)g));
  printf("after: from-b=%d pointer=%d direct-noinline=%d\n", call_f_from_b(1),
         p(1), h(10));
  printf("after: direct=%d alias=%d\n", f(1), f_alias(1));
  printf("redirect static: %d\n", hotpatch_debug_redirect("a.c:s", (void *)g));
  printf("static after: pointer=%d direct=%d\n", ps(2), s(2));
  pthread_t t;
  pthread_create(&t, NULL, thread_start, NULL);
  pthread_join(t, NULL);
  return 0;
}

//--- b.c
int f(int x);

int call_f_from_b(int x) { return f(x); }

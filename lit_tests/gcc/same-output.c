// A program built with gcc-12 and the GCC plugin behaves like its plain
// gcc-12 build, at -O0 and -O2: calls within and across files, through
// pointers taken in code and in static initialisers, static functions,
// static locals, thread-locals, constants, varargs, recursion, a function
// with its address compared, and one opted out with HOTPATCH_NO_PATCH.
// Every function of the instrumented build is reached through its slot:
// its symbol is the stub, a jump through F.hp.slot.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: gcc-12 -I%hpinc -w -O0 a.c b.c -o plain-O0 && ./plain-O0 > plain-O0.txt
// RUN: gcc-12 -I%hpinc -w -O2 a.c b.c -o plain-O2 && ./plain-O2 > plain-O2.txt
// RUN: %gcchp -O0 a.c b.c %gcclink -o hp-O0 && ./hp-O0 > hp-O0.txt
// RUN: %gcchp -O2 a.c b.c %gcclink -o hp-O2 && ./hp-O2 > hp-O2.txt
// RUN: FileCheck %s < plain-O2.txt
// RUN: diff plain-O0.txt hp-O0.txt
// RUN: diff plain-O2.txt hp-O2.txt
//
// Stubs, slots and impls in the binary; none for the opted-out function.
// RUN: nm hp-O2 > syms.txt
// RUN: FileCheck --check-prefix=SYMS %s < syms.txt
// RUN: not grep 'raw_sum\.hp\.' syms.txt
// RUN: objdump -d --no-show-raw-insn hp-O2 | grep -A1 '<add>:$' | FileCheck --check-prefix=STUB %s
//
// The same without the runtime: the registration is a weak call.
// RUN: %gcchp -O2 a.c b.c -o hp-bare && ./hp-bare > hp-bare.txt
// RUN: diff plain-O2.txt hp-bare.txt

// CHECK: add=5 via-pointer=5 via-table=7 static=12 fact=120
// CHECK-NEXT: sum=10 calls=3 tls=4 const=30 same-address=1 raw=3

// SYMS-DAG: T add{{$}}
// SYMS-DAG: t add.hp.impl{{$}}
// SYMS-DAG: d add.hp.slot{{$}}
// SYMS-DAG: t twice.hp.impl{{$}}
// SYMS-DAG: T raw_sum{{$}}
// STUB: jmp *{{.*}}<add.hp.slot>

//--- a.c
#include <hotpatch.h>
#include <stdarg.h>
#include <stdio.h>

int add(int a, int b);
int apply(int (*f)(int, int), int a, int b);
int (*const table[2])(int, int) = {add, add};
extern const int constant;

static int twice(int x) { return 2 * x; }
static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
static _Thread_local int tls = 3;

static int sum(int n, ...) {
  va_list ap;
  int total = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++) total += va_arg(ap, int);
  va_end(ap);
  return total;
}

HOTPATCH_NO_PATCH int raw_sum(int a, int b) { return a + b; }

static int count(void) {
  static int calls;
  return ++calls;
}

int main(void) {
  int (*p)(int, int) = add;
  count();
  count();
  tls++;
  printf("add=%d via-pointer=%d via-table=%d static=%d fact=%d\n", add(2, 3),
         apply(p, 2, 3), table[1](3, 4), twice(6), fact(5));
  printf("sum=%d calls=%d tls=%d const=%d same-address=%d raw=%d\n",
         sum(4, 1, 2, 3, 4), count(), tls, constant, p == table[0],
         raw_sum(1, 2));
  return 0;
}

//--- b.c
const int constant = 30;
int add(int a, int b) { return a + b; }
int apply(int (*f)(int, int), int a, int b) { return f(a, b); }

// The units of a patch must number the lambdas of an inline function alike
// (plugin/LambdaIds.cpp).  Here a.cpp defines helper(), which a lambda of
// the inline function tally() calls; at -O2 a.cpp's copy of the lambda
// inlines it.  v2 edits helper() and adds a lambda of the same kind before
// it: b.cpp sees the old lambda unchanged and the added one new, a.cpp sees
// two lambdas where one ran and cannot tell which is which.  Numbering them
// in order there would give a.cpp's tally() the other lambda's number, so
// the patch is refused (kind "lambda") and nothing changes.  At -O0 nothing
// is inlined, both units agree and the patch applies, keeping count's state.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c a.v1.cpp a.v2.cpp b.cpp h.v1.h h.v2.h script $O/ && cd $O && cp h.v1.h h.h && cp a.v1.cpp a.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c a.cpp -o a.o && %hcc++ -$O -c b.cpp -o b.o && %hcc++ loop.o a.o b.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s --check-prefixes=CHECK,O0
// RUN: cd %t/O2 && %drive script | FileCheck %s --check-prefixes=CHECK,O2
//
// count adds helper() (1, then 10 in v2) to its static; v2's hundreds adds
// 100 to its own.
// CHECK: out: a=1 b=2
// CHECK-NEXT: out: a=3 b=4
// O0: patch exit=0
// O0-NEXT: out: hundreds=100 hundreds=200 a=14 b=24
// O2: error: hotpatch: cannot tell which lambda of 'tally()' is which: 1 of the same kind ran, 2 are edited or new, {{.*}}
// O2: patch exit=4
// O2-NEXT: out: a=5 b=6
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^a=
send go
expect ^a=
copy h.v2.h h.h
copy a.v2.cpp a.cpp
patch
send go
expect a=
close

//--- a.v1.cpp
#include "h.h"
int helper() { return 1; }
int b_step();
extern "C" void scenario_command(const char *) {
  int a = tally();
  std::printf("a=%d b=%d\n", a, b_step());
}

//--- a.v2.cpp
#include "h.h"
int helper() { return 10; }
int b_step();
extern "C" void scenario_command(const char *) {
  int a = tally();
  std::printf("a=%d b=%d\n", a, b_step());
}

//--- b.cpp
#include "h.h"
int b_step() { return tally(); }

//--- h.v1.h
#pragma once
#include <cstdio>
int helper();
inline int tally() {
  auto count = [] { static int n = 0; return n += helper(); };
  return count();
}

//--- h.v2.h
#pragma once
#include <cstdio>
int helper();
inline int tally() {
  auto hundreds = [] { static int n = 0; return n += 100; };
  auto count = [] { static int n = 0; return n += helper(); };
  std::printf("hundreds=%d ", hundreds());
  return count();
}

// Lambdas of inline functions and templates keep their identity when a
// lambda is added before them.  The Itanium ABI numbers them per signature
// within the enclosing function ("tally()::{lambda()#1}", mangled
// "Z5tallyvEUlvE_", the second "UlvE0_"), and every unit that uses the
// function emits them with these numbers (linkonce_odr), so the new lambda
// takes the number, slot and static locals of the one after it unless the
// plugin renumbers them to the running numbering -- the same way in every
// unit of the patch (plugin/LambdaIds.cpp).  Both units call the inline
// function and the template.  Checked: the static locals of `count` and
// `add` keep their values (the new lambdas have statics of the same names
// and start at zero), and a second patch that edits the new lambdas finds
// them again.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c a.cpp b.cpp h.v1.h h.v2.h h.v3.h script $O/ && cd $O && cp h.v1.h h.h && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c a.cpp -o a.o && %hcc++ -$O -c b.cpp -o b.o && %hcc++ loop.o a.o b.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// count adds 1 and add adds its argument (5) to their statics, shared by
// both units; v2's hundreds adds 100 and twice 2*5, v3's 1000 and 3*5.
// CHECK: out: a=1 b=2 sa=5 sb=10
// CHECK-NEXT: out: a=3 b=4 sa=15 sb=20
// CHECK: patch exit=0
// CHECK-NEXT: out: hundreds=100 twice=10 hundreds=200 twice=20 a=5 b=6 sa=25 sb=30
// CHECK: patch exit=0
// CHECK-NEXT: out: hundreds=1200 twice=35 hundreds=2200 twice=50 a=7 b=8 sa=35 sb=40
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^a=
send go
expect ^a=
copy h.v2.h h.h
patch
send go
expect ^hundreds=
copy h.v3.h h.h
patch
send go
expect ^hundreds=
close

//--- a.cpp
#include "h.h"
int b_step(int *sum_b);
extern "C" void scenario_command(const char *) {
  int a = tally(), sa = sum(5);
  int sb, b = b_step(&sb);
  std::printf("a=%d b=%d sa=%d sb=%d\n", a, b, sa, sb);
}

//--- b.cpp
#include "h.h"
int b_step(int *sum_b) {
  int b = tally();
  *sum_b = sum(5);
  return b;
}

//--- h.v1.h
#pragma once
#include <cstdio>
inline int tally() {
  auto count = [] { static int n = 0; return n += 1; };
  return count();
}
template <typename T> T sum(T x) {
  auto add = [](T y) { static T total = 0; return total += y; };
  return add(x);
}

//--- h.v2.h
#pragma once
#include <cstdio>
inline int tally() {
  auto hundreds = [] { static int n = 0; return n += 100; };
  auto count = [] { static int n = 0; return n += 1; };
  std::printf("hundreds=%d ", hundreds());
  return count();
}
template <typename T> T sum(T x) {
  auto twice = [](T y) { static T total = 0; return total += 2 * y; };
  auto add = [](T y) { static T total = 0; return total += y; };
  std::printf("twice=%d ", twice(x));
  return add(x);
}

//--- h.v3.h
#pragma once
#include <cstdio>
inline int tally() {
  auto hundreds = [] { static int n = 0; return n += 1000; };
  auto count = [] { static int n = 0; return n += 1; };
  std::printf("hundreds=%d ", hundreds());
  return count();
}
template <typename T> T sum(T x) {
  auto twice = [](T y) { static T total = 0; return total += 3 * y; };
  auto add = [](T y) { static T total = 0; return total += y; };
  std::printf("twice=%d ", twice(x));
  return add(x);
}

// An inline function and a template defined in a header are emitted by
// every unit that uses them (linkonce_odr, in a COMDAT), and the linker
// keeps one copy.  Their slot and impl follow the COMDAT, so the program
// has one slot each, which the calls of both units load: after a header
// edit, calls from a.cpp, from b.cpp and through a pointer taken before
// the patch all run the new code.  State defined in the header (a static
// local of the inline function, an inline variable, a static data member
// of a template) exists once and keeps its value.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c a.cpp b.cpp h.v1.h h.v2.h script $O/ && cd $O && cp h.v1.h h.h && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c a.cpp -o a.o && %hcc++ -$O -c b.cpp -o b.o && %hcc++ loop.o a.o b.o -o prog && cd .. || exit 1; done
//
// One slot and one impl per inline function or template in the program.
// RUN: llvm-nm O0/prog | grep -c ' _Z4nextv.hp.slot$' | FileCheck %s --check-prefix=ONE
// RUN: llvm-nm O2/prog | grep -c ' _Z5scaleIiET_S0_.hp.slot$' | FileCheck %s --check-prefix=ONE
// RUN: llvm-nm O0/prog | grep -c ' _Z4nextv.hp.impl$' | FileCheck %s --check-prefix=ONE
// ONE: {{^1$}}
//
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// v1: next() adds 1 to its static local, scale() doubles; both units and
// the pointer share the one static local (1, 2, 3 then 4, 5, 6).
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: a=1 b=2 ptr=3 sa=6 sb=8 hits=2 reg=2
// CHECK-NEXT: out: a=4 b=5 ptr=6 sa=6 sb=8 hits=4 reg=4
// CHECK: hcc: patched a.cpp: {{.*}}next(){{.*}}; b.cpp: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// v2: next() adds 100 and scale() multiplies by 10, in both units; the
// static local, the inline variable and the template's member kept
// their values.
// CHECK-NEXT: out: a=106 b=206 ptr=306 sa=30 sb=40 hits=6 reg=6
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

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
expect ^a=
close

//--- h.v1.h
#pragma once
inline int next() {
  static int n = 0;
  return n += 1;
}
template <typename T> T scale(T x) { return x * 2; }
inline int hits = 0;
template <typename T> struct Registry { static int count; };
template <typename T> int Registry<T>::count = 0;

//--- h.v2.h
#pragma once
inline int next() {
  static int n = 0;
  return n += 100;
}
template <typename T> T scale(T x) { return x * 10; }
inline int hits = 0;
template <typename T> struct Registry { static int count; };
template <typename T> int Registry<T>::count = 0;

//--- a.cpp
#include "h.h"
int from_a() {
  hits++;
  Registry<int>::count++;
  return next();
}
int scale_a(int x) { return scale(x); }

//--- b.cpp
#include "h.h"
#include <cstdio>
int from_a();
int scale_a(int);
int (*saved)() = next;
extern "C" void scenario_command(const char *) {
  int a = from_a();
  int b = next();
  int p = saved();
  hits++;
  Registry<int>::count++;
  std::printf("a=%d b=%d ptr=%d sa=%d sb=%d hits=%d reg=%d\n", a, b, p,
              scale_a(3), scale(4), hits, Registry<int>::count);
}

// An inline function that a patch adds to a header that a
// -fvisibility=hidden shared library and the program both use is, like the
// inline functions they had (hidden-visibility.cpp), one copy per linked
// object, each with its own static local: v2's bump() calls a new inline
// function, tally(), that counts its calls in a static local.  The library
// calls bump() once a command and the program twice, from two of its
// units, so after the patch the library's tally counts 1 a command and the
// program's 2: one tally for the whole patch would count 3 and give the
// program the library's calls too, one per unit would count 1 in each of
// the program's units.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c lib.cpp bump.v1.h bump.v2.h main.cpp other.cpp script $O/ && cd $O && cp bump.v1.h bump.h && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -c lib.cpp -o lib.o && %hcc++ -shared lib.o -o liblib.so && %hcc++ -$O -c main.cpp -o main.o && %hcc++ -$O -c other.cpp -o other.o && %hcc++ loop.o main.o other.o -L. -llib -Wl,-rpath,%t/$O -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// v1: bump() adds 1 to its count; v2: 100, and returns count + 1000 * the
// calls tally() has counted in this object.
// CHECK: out: lib=1 prog=1,2
// CHECK: hcc: patched
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: lib=1101 prog=1102,2202
// CHECK-NEXT: out: lib=2201 prog=3302,4402
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^lib=
copy bump.v2.h bump.h
patch
send go
expect ^lib=
send go
expect ^lib=
close

//--- main.cpp
#include "bump.h"
#include <cstdio>
extern "C" int lib_step();
int other_bump();
extern "C" void scenario_command(const char *) {
  int lib = lib_step();
  int first = bump();
  int second = other_bump();
  std::printf("lib=%d prog=%d,%d\n", lib, first, second);
}

//--- other.cpp
#include "bump.h"
int other_bump() { return bump(); }

//--- lib.cpp
#include "bump.h"
extern "C" __attribute__((visibility("default"))) int lib_step() {
  return bump();
}

//--- bump.v1.h
#pragma once
inline int bump() {
  static int n = 0;
  return n += 1;
}

//--- bump.v2.h
#pragma once
inline int tally() {
  static int calls = 0;
  return ++calls;
}
inline int bump() {
  static int n = 0;
  n += 100;
  return n + 1000 * tally();
}

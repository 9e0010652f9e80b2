// Functions in an anonymous namespace and overloads keep their identity
// (their slots and their static locals) when functions of the same name or
// namespace are added before them: their ids are their mangled names, which
// depend on their namespace and parameter types, not on their order.  v2
// adds an anonymous namespace with a `bump` before the one there, an
// overload `scale(long)` before the others, and edits `scale(double)`.
// -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp script $O/ && cd $O && cp v1.cpp names.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c names.cpp -o names.o && %hcc++ loop.o names.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// bump adds 1 to its static, scale(int) 2, scale(double) 3 (v2: 30); the
// new functions start at zero: first::bump adds 100, scale(long) 1000.
// CHECK: out: bump=1 int=2 double=3
// CHECK-NEXT: out: bump=2 int=4 double=6
// Only scale(double) and the caller changed; the new functions' statics
// are new.
// CHECK: hcc: patched names.cpp: scale(double), scenario_command, first::(anonymous namespace)::bump() (new), scale(long) (new) (generation 1,
// CHECK-NEXT: hcc: note: scale(long) is new: its static local 'n' starts at its initial value (a renamed function's statics are not carried over)
// CHECK-NEXT: hcc: note: first::(anonymous namespace)::bump() is new: its static local 'n' starts at its initial value (a renamed function's statics are not carried over)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: first=100 long=1000 bump=3 int=6 double=36
// CHECK-NEXT: out: first=200 long=2000 bump=4 int=8 double=66
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^bump=
send go
expect ^bump=
copy v2.cpp names.cpp
patch
send go
expect ^first=
send go
expect ^first=
close

//--- v1.cpp
#include <cstdio>
namespace {
int bump() { static int n = 0; return n += 1; }
}
int scale(int) { static int n = 0; return n += 2; }
int scale(double) { static int n = 0; return n += 3; }
extern "C" void scenario_command(const char *) {
  int b = bump(), i = scale(1), d = scale(1.0);
  std::printf("bump=%d int=%d double=%d\n", b, i, d);
}

//--- v2.cpp
#include <cstdio>
namespace first {
namespace {
__attribute__((noinline)) int bump() { static int n = 0; return n += 100; }
}
}
namespace {
int bump() { static int n = 0; return n += 1; }
}
int scale(long) { static int n = 0; return n += 1000; }
int scale(int) { static int n = 0; return n += 2; }
int scale(double) { static int n = 0; return n += 30; }
extern "C" void scenario_command(const char *) {
  int f = first::bump(), l = scale(1L), b = bump(), i = scale(1), d = scale(1.0);
  std::printf("first=%d long=%d bump=%d int=%d double=%d\n", f, l, b, i, d);
}

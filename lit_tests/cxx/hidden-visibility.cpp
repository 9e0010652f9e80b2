// A shared library built with -fvisibility=hidden (and hidden inlines): only
// the functions it marks default are exported, everything else -- a class
// with a virtual function, a template, a function in an anonymous
// namespace, a static local -- is hidden from the dynamic linker.  Its stubs
// are hidden too, and its own calls bind to them inside the library; a
// patch of the library's hidden functions reaches them through the
// library's slots, with their state kept.  An inline function of a header
// that the library and the program both use, bump(), is two functions
// under one id, each with its own static local: a header edit runs the new
// body in both, each copy keeping its own count (runtime/registry.c,
// duplicate rule 3).  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c shapes.v1.cpp shapes.v2.cpp bump.v1.h bump.v2.h main.cpp script $O/ && cd $O && cp shapes.v1.cpp shapes.cpp && cp bump.v1.h bump.h && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -c shapes.cpp -o shapes.o && %hcc++ -shared shapes.o -o libshapes.so && %hcc++ -$O -c main.cpp -o main.o && %hcc++ loop.o main.o -L. -lshapes -Wl,-rpath,%t/$O -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && nm -D --defined-only libshapes.so | FileCheck --check-prefix=EXPORTS %s
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// Only shapes_step is exported (and the runtime's own symbols).
// EXPORTS-NOT: area
// EXPORTS-NOT: scaled
// EXPORTS-NOT: counted
// EXPORTS: shapes_step
// EXPORTS-NOT: area
// EXPORTS-NOT: scaled
// EXPORTS-NOT: counted
//
// v1: area = w*h, scaled(x) = 2x, counted() adds 1, bump() adds 1; v2:
// area = w*h + 1000, scaled(x) = 3x, counted() adds 10, bump() adds 100.
// The square (4x4) lives from v1.  The library calls bump() once a
// command, the program twice, each on its own static local.
// CHECK-NOT: warning
// CHECK: out: area=16 scaled=32 count=1 lib=1 prog=2
// CHECK-NEXT: out: area=16 scaled=32 count=2 lib=2 prog=4
// CHECK: hcc: patched
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: area=1016 scaled=3048 count=12 lib=102 prog=204
// A revert takes each copy back to its own v1 body, counts kept.
// CHECK: hcc: reverted to generation 0
// CHECK: out: area=16 scaled=32 count=13 lib=103 prog=206
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^area=
send go
expect ^area=
copy shapes.v2.cpp shapes.cpp
copy bump.v2.h bump.h
patch
send go
expect ^area=
hcc revert --pid PID
send go
expect ^area=
close

//--- main.cpp
#include "bump.h"
#include <cstdio>
extern "C" int shapes_step(int *scaled, int *count, int *bumped);
extern "C" void scenario_command(const char *) {
  int scaled, count, lib;
  int area = shapes_step(&scaled, &count, &lib);
  bump();
  int prog = bump();
  std::printf("area=%d scaled=%d count=%d lib=%d prog=%d\n", area, scaled,
              count, lib, prog);
}

//--- bump.v1.h
#pragma once
inline int bump() {
  static int n = 0;
  return n += 1;
}

//--- bump.v2.h
#pragma once
inline int bump() {
  static int n = 0;
  return n += 100;
}

//--- shapes.v1.cpp
#include "bump.h"
struct Shape {
  virtual ~Shape() = default;
  virtual int area() const = 0;
};
struct Rect : Shape {
  int w, h;
  Rect(int w, int h) : w(w), h(h) {}
  int area() const override { return w * h; }
};
template <typename T> T scaled(T x) { return 2 * x; }
namespace {
int counted() {
  static int n = 0;
  return n += 1;
}
} // namespace
extern "C" __attribute__((visibility("default"))) int
shapes_step(int *scale, int *count, int *bumped) {
  static Shape *square = new Rect(4, 4);
  int area = square->area();
  *scale = scaled(area);
  *count = counted();
  *bumped = bump();
  return area;
}

//--- shapes.v2.cpp
#include "bump.h"
struct Shape {
  virtual ~Shape() = default;
  virtual int area() const = 0;
};
struct Rect : Shape {
  int w, h;
  Rect(int w, int h) : w(w), h(h) {}
  int area() const override { return w * h + 1000; }
};
template <typename T> T scaled(T x) { return 3 * x; }
namespace {
int counted() {
  static int n = 0;
  return n += 10;
}
} // namespace
extern "C" __attribute__((visibility("default"))) int
shapes_step(int *scale, int *count, int *bumped) {
  static Shape *square = new Rect(4, 4);
  int area = square->area();
  *scale = scaled(area);
  *count = counted();
  *bumped = bump();
  return area;
}

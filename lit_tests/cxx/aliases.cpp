// Aliases reach the current code: clang emits a complete-object
// constructor or destructor (C1, D1) as an alias of the base-object one
// (C2, D2), and other units call the alias; after a patch of the
// constructor's and destructor's bodies, objects built and destroyed from
// another unit run the new code.  An alias the program declares
// (__attribute__((alias))) reaches the new body of its aliasee too.  The
// patched main.cpp refers to the aliases (C1, D1, the user's), which the
// registry knows by their own names.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c point.h point.v1.cpp point.v2.cpp main.v1.cpp main.v2.cpp script $O/ && cd $O && cp point.v1.cpp point.cpp && cp main.v1.cpp main.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c point.cpp -o point.o && %hcc++ -$O -c main.cpp -o main.o && %hcc++ loop.o point.o main.o -o prog && cd .. || exit 1; done
// The complete-object constructor is an alias in point.o: two symbols,
// one address.
// RUN: llvm-nm %t/O0/point.o | grep -c ' T _ZN5PointC[12]Ei$' | FileCheck %s --check-prefix=TWO
// RUN: llvm-nm %t/O0/point.o | grep ' T _ZN5PointC[12]Ei$' | cut -d' ' -f1 | sort -u | count 1
// TWO: {{^2$}}
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: x=2 destroyed=1 aliased=7
// CHECK: hcc: patched point.cpp: {{.*}}; main.cpp: scenario_command (generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 x=20 destroyed=101 aliased=70
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^x=
copy point.v2.cpp point.cpp
copy main.v2.cpp main.cpp
patch
send go
expect ^v2 x=
close

//--- point.h
#pragma once
struct Point {
  int x;
  explicit Point(int v);
  ~Point();
};
extern int destroyed;
extern "C" int seven();
extern "C" int aliased_seven();

//--- point.v1.cpp
#include "point.h"
int destroyed;
Point::Point(int v) : x(v * 2) {}
Point::~Point() { destroyed += 1; }
extern "C" int seven() { return 7; }
extern "C" int aliased_seven() __attribute__((alias("seven")));

//--- point.v2.cpp
#include "point.h"
int destroyed;
Point::Point(int v) : x(v * 20) {}
Point::~Point() { destroyed += 100; }
extern "C" int seven() { return 70; }
extern "C" int aliased_seven() __attribute__((alias("seven")));

//--- main.v1.cpp
#include "point.h"
#include <cstdio>
extern "C" void scenario_command(const char *) {
  int x;
  {
    Point p(1);
    x = p.x;
  }
  std::printf("x=%d destroyed=%d aliased=%d\n", x, destroyed,
              aliased_seven());
}

//--- main.v2.cpp
#include "point.h"
#include <cstdio>
extern "C" void scenario_command(const char *) {
  int x;
  {
    Point p(1);
    x = p.x;
  }
  std::printf("v2 x=%d destroyed=%d aliased=%d\n", x, destroyed,
              aliased_seven());
}

// A lambda whose nested lambdas the process numbers differently from clang
// (one was added before another in an earlier patch) is still recognised
// by its content in a later patch.  Its call operator calls them by name,
// so its hash in the baseline holds the process's numbers: the plugin
// matches the nested lambdas as they would be under each number it tries
// for the outer one before comparing hashes (plugin/LambdaIds.cpp).
// Without that, `a` looked edited, and `c`, added before it with the same
// shape (a static `n`, one nested lambda), took its number and state.
// Checked: after the second patch `a` and `x` keep counting from their
// values and `c` starts at zero.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp v3.cpp script $O/ && cd $O && cp v1.cpp lambdas.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c lambdas.cpp -o lambdas.o && %hcc++ loop.o lambdas.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// a adds 1 (its nested `one`), x 100, b 10, c 1000, each to its own static.
// CHECK: out: a=1 b=10
// CHECK: patch exit=0
// CHECK-NEXT: out: a=2 x=100 b=20
// CHECK: patch exit=0
// CHECK-NEXT: out: c=1000 a=3 x=200 b=30
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^a=
copy v2.cpp lambdas.cpp
patch
send go
expect ^a=
copy v3.cpp lambdas.cpp
patch
send go
expect ^c=
close

//--- v1.cpp
#include <cstdio>
extern "C" void scenario_command(const char *) {
  auto a = [] {
    static int n = 0;
    auto one = [] { return 1; };
    return n += one();
  };
  auto b = [] { static int n = 0; return n += 10; };
  int i = a(), j = b();
  std::printf("a=%d b=%d\n", i, j);
}

//--- v2.cpp
#include <cstdio>
static int xs;
extern "C" void scenario_command(const char *) {
  auto a = [] {
    static int n = 0;
    auto x = [] { static int k = 0; xs = k += 100; };
    x();
    auto one = [] { return 1; };
    return n += one();
  };
  auto b = [] { static int n = 0; return n += 10; };
  int i = a(), j = b();
  std::printf("a=%d x=%d b=%d\n", i, xs, j);
}

//--- v3.cpp
#include <cstdio>
static int xs;
extern "C" void scenario_command(const char *) {
  auto c = [] {
    static int n = 0;
    auto thousand = [] { return 1000; };
    return n += thousand();
  };
  auto a = [] {
    static int n = 0;
    auto x = [] { static int k = 0; xs = k += 100; };
    x();
    auto one = [] { return 1; };
    return n += one();
  };
  auto b = [] { static int n = 0; return n += 10; };
  int h = c(), i = a(), j = b();
  std::printf("c=%d a=%d x=%d b=%d\n", h, i, xs, j);
}

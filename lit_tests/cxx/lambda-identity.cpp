// Lambdas keep their identity when another lambda is added before them in
// the same function.  clang numbers the lambdas of a function in order
// ("main::$_0", "$_1", ...), so the new lambda takes the number of the one
// after it; the plugin matches the new numbering to the running one by
// content, then by shape (plugin/LambdaIds.cpp).  Checked: the static locals
// of `count` and `tens` keep their values (the new `hundreds` has a static
// of the same name and starts at zero), a std::function made before the
// patch still calls its own lambda, and a second patch that edits the new
// lambda finds it again.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp v3.cpp script $O/ && cd $O && cp v1.cpp lambdas.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c lambdas.cpp -o lambdas.o && %hcc++ loop.o lambdas.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// Expected values: count adds 1, tens adds 10, hundreds adds 100 (v2) then
// 1000 (v3), each to its own static; kept always returns 7.
// CHECK: out: count=1 tens=10 kept=7
// CHECK-NEXT: out: count=2 tens=20 kept=7
// CHECK: patch exit=0
// CHECK-NEXT: out: hundreds=100 count=3 tens=30 kept=7
// CHECK-NEXT: out: hundreds=200 count=4 tens=40 kept=7
// CHECK: patch exit=0
// CHECK-NEXT: out: hundreds=1200 count=5 tens=50 kept=7
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^count=
send go
expect ^count=
copy v2.cpp lambdas.cpp
patch
send go
expect ^hundreds=
send go
expect ^hundreds=
copy v3.cpp lambdas.cpp
patch
send go
expect ^hundreds=
close

//--- v1.cpp
#include <cstdio>
#include <functional>
static std::function<int()> kept;
extern "C" void scenario_command(const char *) {
  auto count = [] { static int n = 0; return n += 1; };
  auto tens = [] { static int m = 0; return m += 10; };
  if (!kept)
    kept = [] { return 7; };
  int c = count(), t = tens();
  std::printf("count=%d tens=%d kept=%d\n", c, t, kept());
}

//--- v2.cpp
#include <cstdio>
#include <functional>
static std::function<int()> kept;
extern "C" void scenario_command(const char *) {
  auto hundreds = [] { static int n = 0; return n += 100; };
  auto count = [] { static int n = 0; return n += 1; };
  auto tens = [] { static int m = 0; return m += 10; };
  if (!kept)
    kept = [] { return 7; };
  int h = hundreds(), c = count(), t = tens();
  std::printf("hundreds=%d count=%d tens=%d kept=%d\n", h, c, t, kept());
}

//--- v3.cpp
#include <cstdio>
#include <functional>
static std::function<int()> kept;
extern "C" void scenario_command(const char *) {
  auto hundreds = [] { static int n = 0; return n += 1000; };
  auto count = [] { static int n = 0; return n += 1; };
  auto tens = [] { static int m = 0; return m += 10; };
  if (!kept)
    kept = [] { return 7; };
  int h = hundreds(), c = count(), t = tens();
  std::printf("hundreds=%d count=%d tens=%d kept=%d\n", h, c, t, kept());
}

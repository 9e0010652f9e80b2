// Lambdas nested in a lambda keep their identity when another one is added
// before them in the same outer lambda.  The ABI numbers the lambdas of the
// outer one's call operator in order ("main::$_0::operator()::{lambda()#1}",
// mangled "Z4mainENK3$_0clEvEUlvE_", the second "UlvE0_"), so the new one
// takes the number, slots and static locals of the one after it unless the
// plugin renumbers them, once the outer lambda has its number, like the
// lambdas of a function (plugin/LambdaIds.cpp).  The outer lambdas are at
// function scope (`local`) and at namespace scope (`global`), and `local`
// has a lambda nested two deep.  Checked: the static locals of `ones`,
// `tens` and `deep` keep their values (each new `hundreds` has a static of
// the same name and starts at zero), and a second patch that edits the new
// lambdas finds them again.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp v3.cpp script $O/ && cd $O && cp v1.cpp lambdas.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c lambdas.cpp -o lambdas.o && %hcc++ loop.o lambdas.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// Expected values: ones adds 1, tens 10, deep 3, hundreds 100 (v2) then
// 1000 (v3), each to its own static, in `local` and `global` alike.
// CHECK: out: local ones=1 tens=10 deep=3 global ones=1 tens=10
// CHECK-NEXT: out: local ones=2 tens=20 deep=6 global ones=2 tens=20
// CHECK: patch exit=0
// CHECK-NEXT: out: local hundreds=100 ones=3 tens=30 deep=9 global hundreds=100 ones=3 tens=30
// CHECK-NEXT: out: local hundreds=200 ones=4 tens=40 deep=12 global hundreds=200 ones=4 tens=40
// CHECK: patch exit=0
// CHECK-NEXT: out: local hundreds=1200 ones=5 tens=50 deep=15 global hundreds=1200 ones=5 tens=50
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^local
send go
expect ^local
copy v2.cpp lambdas.cpp
patch
send go
expect ^local
send go
expect ^local
copy v3.cpp lambdas.cpp
patch
send go
expect ^local
close

//--- v1.cpp
#include <cstdio>
static auto global = [] {
  auto ones = [] { static int n = 0; return n += 1; };
  auto tens = [] { static int m = 0; return m += 10; };
  int o = ones(), t = tens();
  std::printf(" global ones=%d tens=%d\n", o, t);
};
extern "C" void scenario_command(const char *) {
  auto local = [] {
    auto ones = [] { static int n = 0; return n += 1; };
    auto tens = [] {
      static int m = 0;
      auto deep = [] { static int n = 0; return n += 3; };
      return (m += 10) + 1000 * deep();
    };
    int o = ones(), t = tens();
    std::printf("local ones=%d tens=%d deep=%d", o, t % 1000, t / 1000);
  };
  local();
  global();
}

//--- v2.cpp
#include <cstdio>
static auto global = [] {
  auto hundreds = [] { static int n = 0; return n += 100; };
  auto ones = [] { static int n = 0; return n += 1; };
  auto tens = [] { static int m = 0; return m += 10; };
  int h = hundreds(), o = ones(), t = tens();
  std::printf(" global hundreds=%d ones=%d tens=%d\n", h, o, t);
};
extern "C" void scenario_command(const char *) {
  auto local = [] {
    auto hundreds = [] { static int n = 0; return n += 100; };
    auto ones = [] { static int n = 0; return n += 1; };
    auto tens = [] {
      static int m = 0;
      auto hundreds = [] { static int n = 0; return n += 100; };
      auto deep = [] { static int n = 0; return n += 3; };
      return (m += 10) + 1000 * deep() + 0 * hundreds();
    };
    int h = hundreds(), o = ones(), t = tens();
    std::printf("local hundreds=%d ones=%d tens=%d deep=%d", h, o, t % 1000,
                t / 1000);
  };
  local();
  global();
}

//--- v3.cpp
#include <cstdio>
static auto global = [] {
  auto hundreds = [] { static int n = 0; return n += 1000; };
  auto ones = [] { static int n = 0; return n += 1; };
  auto tens = [] { static int m = 0; return m += 10; };
  int h = hundreds(), o = ones(), t = tens();
  std::printf(" global hundreds=%d ones=%d tens=%d\n", h, o, t);
};
extern "C" void scenario_command(const char *) {
  auto local = [] {
    auto hundreds = [] { static int n = 0; return n += 1000; };
    auto ones = [] { static int n = 0; return n += 1; };
    auto tens = [] {
      static int m = 0;
      auto hundreds = [] { static int n = 0; return n += 100; };
      auto deep = [] { static int n = 0; return n += 3; };
      return (m += 10) + 1000 * deep() + 0 * hundreds();
    };
    int h = hundreds(), o = ones(), t = tens();
    std::printf("local hundreds=%d ones=%d tens=%d deep=%d", h, o, t % 1000,
                t / 1000);
  };
  local();
  global();
}

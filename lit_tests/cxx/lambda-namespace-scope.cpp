// Lambdas at namespace scope keep their identity when another one is added
// before them.  They have no enclosing function: clang numbers them, with
// every other unnamed type outside a function, in one sequence for the
// whole unit ("$_0", "$_1", ...; a global's initialiser, a `static` or
// anonymous-namespace variable's, a namespace-scope function's default
// argument alike), so a lambda added anywhere before them takes the number
// of the next one, its slots and static locals, unless the plugin renumbers
// them like the lambdas of a function (plugin/LambdaIds.cpp).  A member
// function's default argument numbers its own lambdas ("Step::threes(...)::
// {default arg#1}::{lambda()#1}"): the lambda `extra` added before another
// in it takes the other's number likewise.  Checked: the static locals of
// `ones`, `tens`, `twenties` and of the default arguments of `fives` and
// `threes` keep their values (the new `hundreds` and `extra` have a static
// of the same name and start at zero), a std::function made before the
// patch from a namespace-scope lambda still calls it, and a second patch
// that edits the new lambda finds it again.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp v3.cpp script $O/ && cd $O && cp v1.cpp lambdas.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c lambdas.cpp -o lambdas.o && %hcc++ loop.o lambdas.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// Expected values: ones adds 1, tens 10, twenties 20, fives 5, threes 3,
// extra 300, hundreds 100 (v2) then 1000 (v3), each to its own static; kept
// always returns 7.
// CHECK: out: ones=1 tens=10 twenties=20 fives=5 threes=3 kept=7
// CHECK-NEXT: out: ones=2 tens=20 twenties=40 fives=10 threes=6 kept=7
// CHECK: patch exit=0
// CHECK-NEXT: out: hundreds=100 ones=3 tens=30 twenties=60 fives=15 threes=9 extra=300 kept=7
// CHECK-NEXT: out: hundreds=200 ones=4 tens=40 twenties=80 fives=20 threes=12 extra=600 kept=7
// CHECK: patch exit=0
// CHECK-NEXT: out: hundreds=1200 ones=5 tens=50 twenties=100 fives=25 threes=15 extra=900 kept=7
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^ones=
send go
expect ^ones=
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
auto ones = [] { static int n = 0; return n += 1; };
static auto tens = [] { static int m = 0; return m += 10; };
namespace {
auto twenties = [] { static int n = 0; return n += 20; };
}
static auto seven = [] { return 7; };
static int fives(int (*f)() = [] { static int n = 0; return n += 5; }) {
  return f();
}
struct Step { // a member's default argument numbers its own lambdas
  static int threes(int (*f)() = [] { static int n = 0; return n += 3; }) {
    return f();
  }
};
extern "C" void scenario_command(const char *) {
  if (!kept)
    kept = seven;
  int o = ones(), t = tens(), w = twenties(), f = fives(), s = Step::threes();
  std::printf("ones=%d tens=%d twenties=%d fives=%d threes=%d kept=%d\n", o, t,
              w, f, s, kept());
}

//--- v2.cpp
#include <cstdio>
#include <functional>
static std::function<int()> kept;
static auto hundreds = [] { static int n = 0; return n += 100; };
auto ones = [] { static int n = 0; return n += 1; };
static auto tens = [] { static int m = 0; return m += 10; };
namespace {
auto twenties = [] { static int n = 0; return n += 20; };
}
static auto seven = [] { return 7; };
static int fives(int (*f)() = [] { static int n = 0; return n += 5; }) {
  return f();
}
static int extra;
struct Step { // a member's default argument numbers its own lambdas
  static int threes(int (*f)() = (extra = [] { static int n = 0;
                                    return n += 300; }(),
                                  [] { static int n = 0; return n += 3; })) {
    return f();
  }
};
extern "C" void scenario_command(const char *) {
  if (!kept)
    kept = seven;
  int h = hundreds(), o = ones(), t = tens(), w = twenties(), f = fives();
  int s = Step::threes();
  std::printf("hundreds=%d ones=%d tens=%d twenties=%d fives=%d threes=%d "
              "extra=%d kept=%d\n",
              h, o, t, w, f, s, extra, kept());
}

//--- v3.cpp
#include <cstdio>
#include <functional>
static std::function<int()> kept;
static auto hundreds = [] { static int n = 0; return n += 1000; };
auto ones = [] { static int n = 0; return n += 1; };
static auto tens = [] { static int m = 0; return m += 10; };
namespace {
auto twenties = [] { static int n = 0; return n += 20; };
}
static auto seven = [] { return 7; };
static int fives(int (*f)() = [] { static int n = 0; return n += 5; }) {
  return f();
}
static int extra;
struct Step { // a member's default argument numbers its own lambdas
  static int threes(int (*f)() = (extra = [] { static int n = 0;
                                    return n += 300; }(),
                                  [] { static int n = 0; return n += 3; })) {
    return f();
  }
};
extern "C" void scenario_command(const char *) {
  if (!kept)
    kept = seven;
  int h = hundreds(), o = ones(), t = tens(), w = twenties(), f = fives();
  int s = Step::threes();
  std::printf("hundreds=%d ones=%d tens=%d twenties=%d fives=%d threes=%d "
              "extra=%d kept=%d\n",
              h, o, t, w, f, s, extra, kept());
}

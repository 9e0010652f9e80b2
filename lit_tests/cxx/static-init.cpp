// Static initialisation under patching: the dynamic initialisers of the
// globals the program has, and of a function-local static, never run
// again (each prints when it runs); globals a patch adds, before and after
// the existing ones, are initialised exactly once, in declaration order,
// and their destructors run at exit.  The initialisers' ids do not depend
// on their order in the file, so only the new ones are new (at -O2 the
// optimiser may inline one into the patch's constructor, which then has no
// body of its own to list).  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp script $O/ && cd $O && cp v1.cpp state.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c state.cpp -o state.o && %hcc++ loop.o state.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// CHECK: out: init first
// CHECK-NEXT: out: init second
// CHECK-NEXT: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: init local
// CHECK-NEXT: out: first=1 second=2 local=1
// CHECK: hcc: patched state.cpp: {{.*}}__cxx_global_var_init.early[abi:cxx11] (new){{.*}} (generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: init early
// CHECK-NEXT: out: init late
// CHECK-NEXT: out: first=2 second=4 local=11 early=early! late=42
// CHECK-NEXT: out: first=3 second=6 local=21 early=early!! late=43
// CHECK-NEXT: out: bye pid=[[PID]]
// CHECK-NEXT: out: destroy late
// CHECK-NEXT: exit=0
// CHECK-NOT: init

//--- script
start ./prog
expect ^ready
send go
expect ^first=
copy v2.cpp state.cpp
patch
send go
expect ^first=
send go
expect ^first=
close

//--- v1.cpp
#include <cstdio>
static int announce(const char *what, int value) {
  std::printf("init %s\n", what);
  return value;
}
int first = announce("first", 0);
int second = announce("second", 0);
static int local_base() {
  static int base = announce("local", 0);
  return base += 1;
}
extern "C" void scenario_command(const char *) {
  first += 1;
  second += 2;
  std::printf("first=%d second=%d local=%d\n", first, second, local_base());
}

//--- v2.cpp
#include <cstdio>
#include <string>
static int announce(const char *what, int value) {
  std::printf("init %s\n", what);
  return value;
}
std::string early = std::string("early") + std::string(announce("early", 0), 'x');
int first = announce("first", 0);
int second = announce("second", 0);
struct Tracker {
  int value;
  explicit Tracker(int v) : value(announce("late", v)) {}
  ~Tracker() { std::printf("destroy late\n"); }
};
Tracker late(42);
static int local_base() {
  static int base = announce("local", 0);
  return base += 10;
}
extern "C" void scenario_command(const char *) {
  first += 1;
  second += 2;
  early += "!";
  std::printf("first=%d second=%d local=%d early=%s late=%d\n", first, second,
              local_base(), early.c_str(), late.value++);
}

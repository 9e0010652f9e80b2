// A C++ unit of a mixed C/C++ program is patched like a C unit: `hcc patch`
// recompiles it with its recorded command (hcc++ runs clang as clang++
// again, so rules.c, C++ in a .c file as clang++ takes it, compiles as C++
// in the patch too), and a member function, an overload and a function of
// that .c file run their new code in the same process, at -O0 and -O2.
// The command loop is the C one of the live suite.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c counter.v1.cpp rules.v1.c script $O/ && cd $O && mv counter.v1.cpp counter.cpp && mv rules.v1.c rules.c && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c counter.cpp -o counter.o && %hcc++ -$O -Wno-deprecated -c rules.c -o rules.o && %hcc++ loop.o counter.o rules.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: count=1 scaled=10 half=2.5 rule=3
// CHECK: hcc: patched counter.cpp: {{.*}}; rules.c: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: count=3 scaled=300 half=1.25 rule=30
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^count
copy ../counter.v2.cpp counter.cpp
copy ../rules.v2.c rules.c
patch
send go
expect ^count
close

//--- counter.v1.cpp
#include <cstdio>
int rule(int);
class Counter {
public:
  void bump() { count_ += 1; }
  int scaled(int factor) const;
  int count() const { return count_; }
private:
  int count_ = 0;
};
int Counter::scaled(int factor) const { return count_ * factor; }
double half(double x) { return x / 2; }
int half(int x) { return x / 2; }
static Counter counter;
extern "C" void scenario_command(const char *) {
  counter.bump();
  std::printf("count=%d scaled=%d half=%.1f rule=%d\n", counter.count(),
              counter.scaled(10), half(5.0), rule(1));
}

//--- counter.v2.cpp
#include <cstdio>
int rule(int);
class Counter {
public:
  void bump() { count_ += 2; }
  int scaled(int factor) const;
  int count() const { return count_; }
private:
  int count_ = 0;
};
int Counter::scaled(int factor) const { return count_ * factor * 10; }
double half(double x) { return x / 4; }
int half(int x) { return x / 2; }
static Counter counter;
extern "C" void scenario_command(const char *) {
  counter.bump();
  std::printf("count=%d scaled=%d half=%.2f rule=%d\n", counter.count(),
              counter.scaled(10), half(5.0), rule(1));
}

//--- rules.v1.c
// C++ in a .c file: hcc++ compiles it as clang++ does.
namespace rules {
template <typename T> T triple(T x) { return 3 * x; }
}
int rule(int x) { return rules::triple(x); }

//--- rules.v2.c
// C++ in a .c file: hcc++ compiles it as clang++ does.
namespace rules {
template <typename T> T triple(T x) { return 30 * x; }
}
int rule(int x) { return rules::triple(x); }

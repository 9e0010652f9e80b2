// Names people read: the status line shows C++ functions demangled
// (`Shape::area() const`, `scale<int>(int)`), `hcc patch --verbose` and
// `hcc inspect` show the mangled id (what tools match) followed by the
// demangled one; C names and hcc's own ids are shown as they are.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.cpp shapes.cpp
// RUN: %hcc -O1 -c loop.c -o loop.o && %hcc++ -O1 -c shapes.cpp -o shapes.o
// RUN: %hcc++ loop.o shapes.o -o prog
// RUN: %hcc inspect shapes.o | FileCheck %s --check-prefix=INSPECT
// RUN: %drive script | FileCheck %s
//
// INSPECT: module shapes.cpp:shapes.o
// INSPECT-DAG: function {{[0-9a-f]+}} _ZNK6Square4areaEv  Square::area() const{{$}}
// INSPECT-DAG: function {{[0-9a-f]+}} _Z5scaleIiET_S0_  int scale<int>(int){{$}}
// INSPECT-DAG: function {{[0-9a-f]+}} shapes.cpp:shapes.o:_ZN12_GLOBAL__N_16helperEi  shapes.cpp:shapes.o:(anonymous namespace)::helper(int){{$}}
// INSPECT-DAG: function {{[0-9a-f]+}} scenario_command{{$}}
// INSPECT-DAG: global {{[0-9a-f]+}} size=4 _ZN6Square7createdE  Square::created{{$}}
// INSPECT-DAG: static-local {{[0-9a-f]+}} size=4 shapes.cpp:shapes.o:_ZZ16scenario_commandE6rounds  shapes.cpp:shapes.o:scenario_command::rounds{{$}}
//
// CHECK: out: area=9 scaled=6 helped=4
// CHECK: hcc: module shapes.cpp:shapes.o
// CHECK-DAG: hcc:   changed _ZNK6Square4areaEv  Square::area() const{{$}}
// CHECK-DAG: hcc:   changed _Z5scaleIiET_S0_  int scale<int>(int){{$}}
// CHECK-DAG: hcc:   changed shapes.cpp:shapes.o:_ZN12_GLOBAL__N_16helperEi  shapes.cpp:shapes.o:(anonymous namespace)::helper(int){{$}}
// CHECK: hcc: patched shapes.cpp: Square::area() const, (anonymous namespace)::helper(int), scenario_command, int scale<int>(int) (generation 1,
// CHECK-NEXT: hcc: note: new static local 'calls' in (anonymous namespace)::helper(int) starts at its initial value
// CHECK: out: area=90 scaled=30 helped=40

//--- script
start ./prog
expect ^ready
send go
expect ^area=
copy v2.cpp shapes.cpp
patch --verbose
send go
expect ^area=
close

//--- v1.cpp
#include <cstdio>
struct Square {
  int side;
  static int created;
  int area() const;
};
int Square::created;
int Square::area() const { return side * side; }
template <typename T> T scale(T x) { return x * 2; }
namespace {
int helper(int x) { return x + 1; }
}
extern "C" void scenario_command(const char *) {
  static int rounds;
  rounds++;
  Square s{3};
  Square::created++;
  int (*h)(int) = helper;
  int (*sc)(int) = scale<int>;
  std::printf("area=%d scaled=%d helped=%d\n", s.area(), sc(3), h(3));
}

//--- v2.cpp
#include <cstdio>
struct Square {
  int side;
  static int created;
  int area() const;
};
int Square::created;
int Square::area() const { return side * side * 10; }
template <typename T> T scale(T x) { return x * 10; }
namespace {
int helper(int x) {
  static int calls;
  calls++;
  return x * 10 + 10;
}
}
extern "C" void scenario_command(const char *) {
  static int rounds;
  rounds++;
  Square s{3};
  Square::created++;
  int (*h)(int) = helper;
  int (*sc)(int) = scale<int>;
  std::printf("area=%d scaled=%d helped=%d\n", s.area(), sc(3), h(3));
}

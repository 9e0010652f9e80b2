// A patch that adds a virtual function to a class changes the vtable that
// live objects point at: it is refused with the class named as people
// read it (and the mangled name), exit 4, nothing applied, and the object
// created before keeps working; undoing the change patches again.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.cpp shapes.cpp
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc++ -O2 -c shapes.cpp -o shapes.o
// RUN: %hcc++ loop.o shapes.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: area=9
// CHECK: error: hotpatch: cannot patch 'vtable for Square' (_ZTV6Square) of shapes.cpp: the class's virtual functions or base classes changed, and objects that exist point at the old one; undo that change, or restart the program to use it
// CHECK: patch exit=4
// CHECK-NEXT: out: area=9
// CHECK: hcc: patched shapes.cpp: Square::area() const (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: area=90

//--- script
start ./prog
expect ^ready
send go
expect ^area=
copy v2.cpp shapes.cpp
patch
send go
expect ^area=
copy v3.cpp shapes.cpp
patch
send go
expect ^area=
close

//--- v1.cpp
#include <cstdio>
struct Square {
  int side = 3;
  virtual ~Square();
  virtual int area() const;
};
Square::~Square() {}
int Square::area() const { return side * side; }
static Square *live;
extern "C" void scenario_command(const char *) {
  if (!live)
    live = new Square;
  std::printf("area=%d\n", live->area());
}

//--- v2.cpp
#include <cstdio>
struct Square {
  int side = 3;
  virtual ~Square();
  virtual int perimeter() const;
  virtual int area() const;
};
Square::~Square() {}
int Square::perimeter() const { return 4 * side; }
int Square::area() const { return side * side * 10; }
static Square *live;
extern "C" void scenario_command(const char *) {
  if (!live)
    live = new Square;
  std::printf("area=%d\n", live->area());
}

//--- v3.cpp
#include <cstdio>
struct Square {
  int side = 3;
  virtual ~Square();
  virtual int area() const;
};
Square::~Square() {}
int Square::area() const { return side * side * 10; }
static Square *live;
extern "C" void scenario_command(const char *) {
  if (!live)
    live = new Square;
  std::printf("area=%d\n", live->area());
}

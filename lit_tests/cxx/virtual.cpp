// Virtual functions: objects created before a patch call the new body
// through their vtable, which is the program's (vtables are imported by a
// patch, never copied: an object the patched code creates has the same
// vtable pointer as one created before); calls through a second base
// (a this-adjusting thunk) and through a virtual base (a virtual thunk)
// reach the new body too, as do pointers to member functions, virtual and
// not, taken before the patch.  typeid and dynamic_cast agree across old
// and new objects.  shapes.cpp holds the key functions (its vtables are
// emitted there only); Widget is all inline (its vtable is in a COMDAT in
// every unit).  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c shapes.h shapes.v1.cpp main.v1.cpp shapes.v2.cpp main.v2.cpp script $O/ && cd $O && cp shapes.v1.cpp shapes.cpp && cp main.v1.cpp main.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c shapes.cpp -o shapes.o && %hcc++ -$O -c main.cpp -o main.o && %hcc++ loop.o shapes.o main.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: area=9 base2=2 vbase=3 pm=9 pmv=9 widget=1
// CHECK: hcc: patched shapes.cpp: {{.*}}; main.cpp: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: area=90 base2=20 vbase=30 pm=90 pmv=90 widget=10
// CHECK-NEXT: out: same_vtable=1 same_type=1 cast=1 widget_vtable=1
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send make
send call
expect ^area=
copy shapes.v2.cpp shapes.cpp
copy main.v2.cpp main.cpp
patch
send call
expect ^area=
send compare
expect ^same_vtable
close

//--- shapes.h
#pragma once
struct Shape {
  virtual ~Shape();
  virtual int area() const = 0;
  int twice_area() const;
};
struct Square : Shape {
  int side;
  explicit Square(int side) : side(side) {}
  int area() const override;
};
struct First { virtual int one() const; virtual ~First() = default; };
struct Second { virtual int two() const; virtual ~Second() = default; };
struct Both : First, Second { int two() const override; };
struct VBase { virtual int three() const; virtual ~VBase() = default; };
struct Left : virtual VBase { int three() const override; };
struct Right : virtual VBase {};
struct Diamond : Left, Right {};
struct Widget {
  virtual ~Widget() = default;
  virtual int size() const { return 1; }
};

//--- shapes.v1.cpp
#include "shapes.h"
Shape::~Shape() {}
int Shape::twice_area() const { return 2 * area(); }
int Square::area() const { return side * side; }
int First::one() const { return 1; }
int Second::two() const { return 2; }
int Both::two() const { return 2; }
int VBase::three() const { return 3; }
int Left::three() const { return 3; }

//--- shapes.v2.cpp
#include "shapes.h"
Shape::~Shape() {}
int Shape::twice_area() const { return 2 * area(); }
int Square::area() const { return side * side * 10; }
int First::one() const { return 1; }
int Second::two() const { return 2; }
int Both::two() const { return 20; }
int VBase::three() const { return 3; }
int Left::three() const { return 30; }

//--- main.v1.cpp
#include "shapes.h"
#include <cstdio>
#include <cstring>
#include <typeinfo>
static Shape *old_shape;
static Second *old_second;
static VBase *old_vbase;
static Widget *old_widget;
static int (Square::*pm)() const;
static int (Shape::*pmv)() const;
static void make() {
  old_shape = new Square(3);
  old_second = new Both;
  old_vbase = new Diamond;
  old_widget = new Widget;
  pm = &Square::area;
  pmv = &Shape::area;
}
extern "C" void scenario_command(const char *command) {
  if (!std::strcmp(command, "make"))
    return make();
  if (!std::strcmp(command, "call"))
    std::printf("area=%d base2=%d vbase=%d pm=%d pmv=%d widget=%d\n",
                old_shape->area(), old_second->two(), old_vbase->three(),
                (static_cast<Square *>(old_shape)->*pm)(),
                (old_shape->*pmv)(), old_widget->size());
}

//--- main.v2.cpp
#include "shapes.h"
#include <cstdio>
#include <cstring>
#include <typeinfo>
static Shape *old_shape;
static Second *old_second;
static VBase *old_vbase;
static Widget *old_widget;
static int (Square::*pm)() const;
static int (Shape::*pmv)() const;
static void make() {
  old_shape = new Square(3);
  old_second = new Both;
  old_vbase = new Diamond;
  old_widget = new Widget;
  pm = &Square::area;
  pmv = &Shape::area;
}
struct Widget2 : Widget {};
static void compare() {
  Shape *fresh = new Square(4);
  Widget *fresh_widget = new Widget;
  std::printf("same_vtable=%d same_type=%d cast=%d widget_vtable=%d\n",
              *reinterpret_cast<void **>(fresh) ==
                  *reinterpret_cast<void **>(old_shape),
              typeid(*fresh) == typeid(*old_shape),
              dynamic_cast<Square *>(old_shape) != nullptr &&
                  dynamic_cast<Square *>(fresh) != nullptr,
              *reinterpret_cast<void **>(fresh_widget) ==
                  *reinterpret_cast<void **>(old_widget));
}
extern "C" void scenario_command(const char *command) {
  if (!std::strcmp(command, "make"))
    return make();
  if (!std::strcmp(command, "compare"))
    return compare();
  if (!std::strcmp(command, "call"))
    std::printf("area=%d base2=%d vbase=%d pm=%d pmv=%d widget=%d\n",
                old_shape->area(), old_second->two(), old_vbase->three(),
                (static_cast<Square *>(old_shape)->*pm)(),
                (old_shape->*pmv)(), old_widget->size() * 10);
}

// Exceptions cross old and new code in both directions and are caught by
// type: code a patch changed throws to an unchanged catcher, and catches
// what unchanged code throws, for a class whose type_info another unit
// defines (its key function is there), a class defined in a header (its
// type_info is in a COMDAT), a class in an anonymous namespace (matched by
// address, not by name), a standard exception and a catch by base class.
// The patch refers to the program's type_info objects: it defines none.
// -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c errors.h errors.cpp v1.cpp v2.cpp script $O/ && cd $O && cp v1.cpp throwing.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c errors.cpp -o errors.o && %hcc++ -$O -c throwing.cpp -o throwing.o && %hcc++ loop.o errors.o throwing.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
// The patch object defines no type_info of its own, only the local
// copies its exception tables name (.hp.eh), which point at the program's.
// RUN: cd %t/O2 && llvm-nm --defined-only .hotpatch/patches/*/1/patch.so | FileCheck %s --check-prefix=NOTI
// NOTI: {{ _ZTI5Keyed[.]hp[.]eh$}}
// NOTI-NOT: {{ _ZTI[^.]+$}}
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: new: keyed=1 header=2 anon=3 std=v1 base=5 | old catches new: keyed=1 header=2 anon=3 std=v1 base=5 | new catches old: keyed=7 header=7 anon=7 std=old base=7
// throw_one and catch_here change (v2 catches in reverse order);
// catch_all, throw_old, describe_anon and throw_anon stay the program's.
// CHECK: hcc: patched throwing.cpp: throw_one(int), catch_here[abi:cxx11](void (*)(int)) (generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: new: base=50 std=v2 anon=30 header=20 keyed=10 | old catches new: keyed=10 header=20 anon=30 std=v2 base=50 | new catches old: base=7 std=old anon=7 header=7 keyed=7
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^new:
copy v2.cpp throwing.cpp
patch
send go
expect ^new:
close

//--- errors.h
#pragma once
#include <string>
struct Keyed {
  int code;
  explicit Keyed(int c) : code(c) {}
  virtual ~Keyed();
};
struct InHeader {
  int code;
};
struct Base {
  int code;
  virtual ~Base() = default;
};
struct Derived : Base {};
// errors.cpp (never patched)
std::string catch_all(void (*thrower)(int));
void throw_old(int which);
// throwing.cpp, unchanged by the patch: what only that unit can name
std::string describe_anon();
void throw_anon(int code);

//--- errors.cpp
#include "errors.h"
#include <stdexcept>
Keyed::~Keyed() {}
std::string catch_all(void (*thrower)(int)) {
  std::string out;
  for (int which = 0; which < 5; ++which) {
    try {
      thrower(which);
    } catch (const Keyed &e) {
      out += " keyed=" + std::to_string(e.code);
    } catch (const InHeader &e) {
      out += " header=" + std::to_string(e.code);
    } catch (const std::runtime_error &e) {
      out += std::string(" std=") + e.what();
    } catch (const Base &e) {
      out += " base=" + std::to_string(e.code);
    } catch (...) {
      out += describe_anon();
    }
  }
  return out;
}
void throw_old(int which) {
  switch (which) {
  case 0: throw Keyed(7);
  case 1: throw InHeader{7};
  case 2: throw_anon(7);
  case 3: throw std::runtime_error("old");
  default: { Derived d; d.code = 7; throw d; }
  }
}

//--- v1.cpp
#include "errors.h"
#include <cstdio>
#include <stdexcept>
namespace {
struct Anon {
  int code;
};
} // namespace
#define KEYED 1
static void throw_one(int which) {
  switch (which) {
  case 0: throw Keyed(1);
  case 1: throw InHeader{2};
  case 2: throw Anon{3};
  case 3: throw std::runtime_error("v1");
  default: { Derived d; d.code = 5; throw d; }
  }
}
std::string describe_anon() {
  try {
    throw;
  } catch (const Anon &e) {
    return " anon=" + std::to_string(e.code);
  }
}
void throw_anon(int code) { throw Anon{code}; }
static std::string catch_here(void (*thrower)(int)) {
  std::string out;
  for (int which = 0; which < 5; ++which) {
    try {
      thrower(which);
    } catch (const Keyed &e) {
      out += " keyed=" + std::to_string(e.code * KEYED);
    } catch (const InHeader &e) {
      out += " header=" + std::to_string(e.code);
    } catch (const Anon &e) {
      out += " anon=" + std::to_string(e.code);
    } catch (const std::runtime_error &e) {
      out += std::string(" std=") + e.what();
    } catch (const Base &e) {
      out += " base=" + std::to_string(e.code);
    }
  }
  return out;
}
extern "C" void scenario_command(const char *) {
  std::printf("new:%s | old catches new:%s | new catches old:%s\n",
              catch_here(throw_one).c_str(), catch_all(throw_one).c_str(),
              catch_here(throw_old).c_str());
}

//--- v2.cpp
#include "errors.h"
#include <cstdio>
#include <stdexcept>
namespace {
struct Anon {
  int code;
};
} // namespace
#define KEYED 1
static void throw_one(int which) {
  switch (which) {
  case 0: throw Keyed(10);
  case 1: throw InHeader{20};
  case 2: throw Anon{30};
  case 3: throw std::runtime_error("v2");
  default: { Derived d; d.code = 50; throw d; }
  }
}
std::string describe_anon() {
  try {
    throw;
  } catch (const Anon &e) {
    return " anon=" + std::to_string(e.code);
  }
}
void throw_anon(int code) { throw Anon{code}; }
static std::string catch_here(void (*thrower)(int)) {
  std::string out;
  for (int which = 4; which >= 0; --which) { // v2 catches in reverse
    try {
      thrower(which);
    } catch (const Keyed &e) {
      out += " keyed=" + std::to_string(e.code * KEYED);
    } catch (const InHeader &e) {
      out += " header=" + std::to_string(e.code);
    } catch (const Anon &e) {
      out += " anon=" + std::to_string(e.code);
    } catch (const std::runtime_error &e) {
      out += std::string(" std=") + e.what();
    } catch (const Base &e) {
      out += " base=" + std::to_string(e.code);
    }
  }
  return out;
}
extern "C" void scenario_command(const char *) {
  std::printf("new:%s | old catches new:%s | new catches old:%s\n",
              catch_here(throw_one).c_str(), catch_all(throw_one).c_str(),
              catch_here(throw_old).c_str());
}

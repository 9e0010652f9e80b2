// A coroutine suspended before a patch finishes the body it started: its
// frame holds the addresses of its own resume and destroy functions, which
// no slot reaches, so the code that resumes it is the code that laid the
// frame out.  A coroutine started after the patch runs the new body, with
// the new frame layout (v2 keeps `last` alive across the suspension, a
// field the old frame does not have).  So a frame layout that changes
// while suspended is never a hazard and nothing is refused.  A change to
// the body after the first suspension only (the ramp's own code is the
// same) is a change too.  -O0 and -O2, C++20.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c gen.h driver.cpp v1.cpp v2.cpp v3.cpp script $O/ && cd $O && cp v1.cpp counter.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -std=c++20 -$O -c driver.cpp -o driver.o && %hcc++ -std=c++20 -$O -c counter.cpp -o counter.o && %hcc++ loop.o driver.o counter.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// v1 yields 0, 1, 2, ...; v2 yields i * 10 + the previous i; v3 yields
// i * 10 + the previous i + 1000, a change after the suspension point only.
// Each command word resumes its own generator, made by the version that
// runs when it is first used: old (v1), new (v2), newer (v3).
// CHECK: out: old=0
// CHECK-NEXT: out: old=1
// CHECK: patch exit=0
// CHECK-NEXT: out: old=2
// CHECK-NEXT: out: new=0
// CHECK-NEXT: out: new=10
// CHECK-NEXT: out: new=21
// CHECK-NEXT: out: old=3
// CHECK: patch exit=0
// CHECK-NEXT: out: newer=1000
// CHECK-NEXT: out: newer=1010
// CHECK-NEXT: out: new=32
// CHECK-NEXT: out: old=4
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send old
expect ^old=
send old
expect ^old=
copy v2.cpp counter.cpp
patch
send old
expect ^old=
send new
expect ^new=
send new
expect ^new=
send new
expect ^new=
send old
expect ^old=
copy v3.cpp counter.cpp
patch
send newer
expect ^newer=
send newer
expect ^newer=
send new
expect ^new=
send old
expect ^old=
close

//--- gen.h
#include <coroutine>
struct Gen {
  struct promise_type {
    int value = 0;
    Gen get_return_object() {
      return Gen{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
  int next() {
    handle.resume();
    return handle.promise().value;
  }
};
Gen counter();

//--- driver.cpp
#include "gen.h"
#include <cstdio>
#include <cstring>
static Gen *generators[3]; // old, new, newer
extern "C" void scenario_command(const char *command) {
  int which = !std::strcmp(command, "old") ? 0 : !std::strcmp(command, "new") ? 1 : 2;
  if (!generators[which])
    generators[which] = new Gen(counter());
  std::printf("%s=%d\n", command, generators[which]->next());
}

//--- v1.cpp
#include "gen.h"
Gen counter() {
  for (int i = 0;; ++i)
    co_yield i;
}

//--- v2.cpp
#include "gen.h"
Gen counter() {
  int last = 0;
  for (int i = 0;; ++i) {
    co_yield i * 10 + last;
    last = i;
  }
}

//--- v3.cpp
#include "gen.h"
Gen counter() {
  int last = 0;
  for (int i = 0;; ++i) {
    co_yield i * 10 + last + 1000;
    last = i;
  }
}

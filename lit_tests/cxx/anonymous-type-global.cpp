// A global whose class is in an anonymous namespace: LLVM names the type
// "class.(anonymous namespace)::Tally", and the module info spells a type
// as one word between spaces.  The space in the name shifted the line's
// id, so the baseline did not hold the global: every patch of its unit
// took it for a new global and the process refused it ("new global ...
// already exists ... stale baseline"), even for a header edit that only
// recompiled the unit.  Now the header edit is patched with the global's
// contents kept, and a member added to the class is refused by the layout
// rule, naming the static.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c tally.v1.cpp tally.v3.cpp h.v1.h h.v2.h script $O/ && cd $O && cp h.v1.h h.h && cp tally.v1.cpp tally.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c tally.cpp -o tally.o && %hcc++ loop.o tally.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// v1 adds 1 per command, v2 (the header) 10: the vector and the total
// made under v1 are kept.
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: total=1 seen=1
// CHECK-NEXT: out: total=2 seen=2
// CHECK: hcc: patched tally.cpp: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: total=12 seen=3
// CHECK: error: hotpatch: cannot patch static '(anonymous namespace)::tally' (_ZN12_GLOBAL__N_15tallyE) of tally.cpp: its type changed from class.(anonymous_namespace)::Tally{{.*}} to class.(anonymous_namespace)::Tally{{.*}} and its value could not be kept
// CHECK: patch exit=4
// CHECK-NEXT: out: total=22 seen=4
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^total=
send go
expect ^total=
copy h.v2.h h.h
patch
send go
expect ^total=
copy tally.v3.cpp tally.cpp
patch
send go
expect ^total=
close

//--- h.v1.h
#pragma once
inline int step() { return 1; }

//--- h.v2.h
#pragma once
inline int step() { return 10; }

//--- tally.v1.cpp
#include "h.h"
#include <cstdio>
#include <vector>
namespace {
class Tally {
public:
  void add(int v) {
    seen.push_back(v);
    total += v;
  }
  std::vector<int> seen;
  int total = 0;
};
Tally tally;
} // namespace

extern "C" void scenario_command(const char *) {
  tally.add(step());
  std::printf("total=%d seen=%zu\n", tally.total, tally.seen.size());
}

//--- tally.v3.cpp
#include "h.h"
#include <cstdio>
#include <vector>
namespace {
class Tally {
public:
  void add(int v) {
    seen.push_back(v);
    total += v;
    ++adds;
  }
  std::vector<int> seen;
  int total = 0;
  int adds = 0;
};
Tally tally;
} // namespace

extern "C" void scenario_command(const char *) {
  tally.add(step());
  std::printf("total=%d seen=%zu\n", tally.total, tally.seen.size());
}

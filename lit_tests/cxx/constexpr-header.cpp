// A constexpr value is baked into the code that uses it (an immediate, a
// folded comparison), so changing it must recompile every unit that uses
// it.  That is what a header change does: each unit's dependency file
// names the header, so hcc recompiles all of them and the patch carries
// every function whose code changed, in both units.  A constexpr value that
// sizes a global changes the global's layout and is refused by the layout
// rule, naming the global, exit 4, nothing applied.  (A unit hcc did not
// compile cannot be patched at all; see docs/design.md, "C++".)
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp limits.v1.h limits.h
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc++ -O2 -c first.cpp -o first.o && %hcc++ -O2 -c second.cpp -o second.o
// RUN: %hcc++ loop.o first.o second.o -o prog
// RUN: %drive script | FileCheck %s
//
// limit 10 (v1), 20 (v2): 15 is over the first, not the second; v3 also
// makes the history 8 entries long.
// CHECK: out: first=10 second=over:1 history=4
// CHECK: hcc: patched first.cpp: first_limit(); second.cpp: {{.*}}second_over(int)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: first=20 second=over:0 history=4
// CHECK: error: hotpatch: cannot patch global 'history' {{.*}}second.cpp
// CHECK: patch exit=4
// CHECK-NEXT: out: first=20 second=over:0 history=4

//--- script
start ./prog
expect ^ready
send go
expect ^first=
copy limits.v2.h limits.h
patch
send go
expect ^first=
copy limits.v3.h limits.h
patch
send go
expect ^first=
close

//--- limits.v1.h
#pragma once
constexpr int limit = 10;
constexpr int history_length = 4;

//--- limits.v2.h
#pragma once
constexpr int limit = 20;
constexpr int history_length = 4;

//--- limits.v3.h
#pragma once
constexpr int limit = 20;
constexpr int history_length = 8;

//--- first.cpp
#include "limits.h"
int first_limit() { return limit; }

//--- second.cpp
#include "limits.h"
#include <cstdio>
int history[history_length];
int first_limit();
int second_over(int x) { return x > limit; }
extern "C" void scenario_command(const char *) {
  std::printf("first=%d second=over:%d history=%zu\n", first_limit(),
              second_over(15), sizeof history / sizeof history[0]);
}

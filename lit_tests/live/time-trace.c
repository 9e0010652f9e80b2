// A unit built with -ftime-trace keeps that option in the compiles hcc run
// makes of it, and the forked resident compiler writes the trace where the
// option says, as the clang executable does (the profile of a patch
// compile is how one finds where its time goes). The option does not keep
// the unit's precompiled preamble from fitting: the second patch uses the
// preamble the first one built. Each patch's trace is checked by content
// (the front end's and the optimiser's events), after the build's own
// trace was removed.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp -p %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o
// RUN: %hcc -O2 -ftime-trace=lib-trace.json -c lib.c -o lib.o
// RUN: test -s lib-trace.json && rm lib-trace.json
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: err: hcc: precompiled preamble of lib.c built
// CHECK: trace: Frontend Optimizer
// CHECK: out: v2
// CHECK: err: hcc: patched lib.c: scenario_command (generation 2,
// CHECK-NEXT: err: hcc: precompiled preamble of lib.c kept
// CHECK: trace: Frontend Optimizer
// CHECK: out: v3
// CHECK: exit=0

//--- script
hccrun --verbose -- ./prog
expect-err watching
send go
expect ^v1
copy v2.c lib.c
expect-err preamble
sh python3 trace-events.py lib-trace.json && rm lib-trace.json
send go
expect ^v2
copy v3.c lib.c
expect-err preamble
sh python3 trace-events.py lib-trace.json
send go
expect ^v3
close

//--- trace-events.py
# Prints "trace:" and the names of the Chrome trace events of interest
# that the file has, in a fixed order.
import json
import sys

events = {e.get("name") for e in json.load(open(sys.argv[1]))["traceEvents"]}
print("trace:", " ".join(n for n in ("Frontend", "Optimizer") if n in events))

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; printf("v1\n"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; printf("v2\n"); }

//--- v3.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; printf("v3\n"); }

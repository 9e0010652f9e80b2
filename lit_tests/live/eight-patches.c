// Eight patches in a row: each version of step() adds its own number to the
// state, which carries over every patch, and the generation counts up.
// Versions are made from one template by replacing @N@.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && sed 's/@N@/1/' template.c > step.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c step.c -o step.o
// RUN: %hcc loop.o step.o -o prog
// RUN: %drive script | FileCheck %s
//
// After version k has stepped once, total = 1+2+...+k, steps = k, and the
// static global, the static local and the TLS all agree.
// CHECK: out: v1 total=1 steps=1 local=1 tls=1 gen=0
// CHECK: (generation 1,
// CHECK: out: v2 total=3 steps=2 local=3 tls=3 gen=1
// CHECK: (generation 2,
// CHECK: out: v3 total=6 steps=3 local=6 tls=6 gen=2
// CHECK: (generation 3,
// CHECK: out: v4 total=10 steps=4 local=10 tls=10 gen=3
// CHECK: (generation 4,
// CHECK: out: v5 total=15 steps=5 local=15 tls=15 gen=4
// CHECK: (generation 5,
// CHECK: out: v6 total=21 steps=6 local=21 tls=21 gen=5
// CHECK: (generation 6,
// CHECK: out: v7 total=28 steps=7 local=28 tls=28 gen=6
// CHECK: (generation 7,
// CHECK: out: v8 total=36 steps=8 local=36 tls=36 gen=7
// CHECK: (generation 8,
// CHECK: out: v9 total=45 steps=9 local=45 tls=45 gen=8
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send step
expect ^v1
sh sed 's/@N@/2/' template.c > step.c
patch
send step
expect ^v2
sh sed 's/@N@/3/' template.c > step.c
patch
send step
expect ^v3
sh sed 's/@N@/4/' template.c > step.c
patch
send step
expect ^v4
sh sed 's/@N@/5/' template.c > step.c
patch
send step
expect ^v5
sh sed 's/@N@/6/' template.c > step.c
patch
send step
expect ^v6
sh sed 's/@N@/7/' template.c > step.c
patch
send step
expect ^v7
sh sed 's/@N@/8/' template.c > step.c
patch
send step
expect ^v8
sh sed 's/@N@/9/' template.c > step.c
patch
send step
expect ^v9
close

//--- template.c
#include <hotpatch.h>
#include <stdio.h>
int total;
static int steps;
_Thread_local int tls;

void scenario_command(const char *command) {
  static int local;
  (void)command;
  total += @N@;
  steps++;
  local += @N@;
  tls += @N@;
  printf("v%d total=%d steps=%d local=%d tls=%d gen=%lu\n", @N@, total, steps,
         local, tls, hotpatch_generation());
}

// Two functions each have `static int count`; a patch changes both and
// adds a second static local beside the existing one in one of them. Each
// function keeps its own count across the patch (the statics are matched
// by owner, not by name); the added static starts at its initial value
// and hcc says so.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: render=1 update=10
// CHECK-NEXT: out: render=2 update=20
// CHECK: hcc: patched lib.c: render, update, scenario_command (generation 1,
// CHECK-NEXT: hcc: note: new static local 'frames' in render starts at its initial value
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: render=3 frames=101 update=120
// CHECK-NEXT: out: render=4 frames=102 update=220
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^render
send go
expect ^render
copy v2.c lib.c
patch
send go
expect ^render
send go
expect ^render
close

//--- v1.c
#include <stdio.h>
int render(void) { static int count; return count += 1; }
int update(void) { static int count; return count += 10; }
void scenario_command(const char *command) {
  (void)command;
  int r = render();
  printf("render=%d update=%d\n", r, update());
}

//--- v2.c
#include <stdio.h>
static int frames_seen;
int render(void) {
  static int count;
  static int frames = 100;
  frames_seen = ++frames;
  return count += 1;
}
int update(void) { static int count; return count += 100; }
void scenario_command(const char *command) {
  (void)command;
  int r = render();
  printf("render=%d frames=%d update=%d\n", r, frames_seen, update());
}

// A static local its function only reads is a constant (docs/design.md,
// "Static locals only read are constants"): the optimiser folds it as
// plain clang's does, at every level; an edit of its initialiser patches
// its readers; a patch that starts writing it gives it storage of its own,
// starting at its initial value, which the next patches keep; and one the
// process has as state stays state when nothing writes it any more.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %hcc -O0 -c v1.c -o v1-O0.o && llvm-nm v1-O0.o | FileCheck %s --check-prefix=NM-O0
// RUN: %hcc -O2 -c v1.c -o v1-O2.o && llvm-nm v1-O2.o | FileCheck %s --check-prefix=NM-O2
// RUN: env HOTPATCH_READ_ONLY_STATICS=0 %hcc -O0 -c v1.c -o v1-off.o
// RUN: llvm-nm v1-off.o | FileCheck %s --check-prefix=NM-OFF
// RUN: %if compiler-clang %{ %hcc -O2 -S -emit-llvm -o - v1.c | FileCheck %s --check-prefix=O2 %}
// RUN: %if compiler-clang %{ %hcc -O0 -S -emit-llvm -o - v1.c | FileCheck %s --check-prefix=O0 %}
// RUN: %if compiler-clang %{ env HOTPATCH_READ_ONLY_STATICS=0 %hcc -O2 -S -emit-llvm -o - v1.c \
// RUN:   | FileCheck %s --check-prefix=OFF %}
//
// In read-only data at -O0, folded away at -O2, state with the switch off
// (gcc names the static local `step.N`).
// NM-O0: {{ r .*step}}
// NM-O0: {{ b .*total}}
// NM-O2-NOT: step
// NM-O2: {{ b .*total}}
// NM-O2-NOT: step
// NM-OFF: {{ d .*step}}
//
// clang's IR: folded at -O2, constants at -O0, state with the switch off.
// O2-NOT: @greeting.word
// O2-NOT: @counter.step
// O2: @counter.total = internal global i32 0
// O2: define internal {{.*}}ptr @greeting{{.*}}.hp.impl{{.*}}()
// O2-NEXT: ret ptr @.str
// O2: define internal {{.*}} @counter{{.*}}.hp.impl{{.*}}()
// O2-NEXT: load i32, ptr @counter.total
// O2-NEXT: add {{.*}}, 1
//
// O0: @greeting.word = internal constant ptr @.str
// O0: @counter.step = internal constant i32 1
// O0: @counter.total = internal global i32 0
//
// OFF: @greeting.word = internal global ptr @.str
// OFF: @counter.step = internal global i32 1
//
// The same program at -O2, where the constants are folded away, and at
// -O0, where they stay (the process has a constant `step` when a patch
// starts writing it).
// RUN: for o in O2 O0; do mkdir -p $o/.hotpatch && cp %S/../live/Inputs/loop.c \
// RUN:   script v?.c $o/ && cp v1.c $o/lib.c; done
// RUN: cd %t/O2 && %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog && %drive script | FileCheck %s
// RUN: cd %t/O0 && %hcc -O0 -c loop.c -o loop.o && %hcc -O0 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog && %drive script | FileCheck %s
//
// (At -O2 scenario_command, which inlines them, is patched as well.)
// CHECK: out: hello total=1
// CHECK-NEXT: out: hello total=2
// The initialisers' edits reach their readers (the process's `total` is
// kept).
// CHECK: hcc: patched lib.c: greeting, counter{{.*}} (generation 1,
// CHECK: out: howdy total=12
// `step` is written from now on: storage of its own, from its initial
// value.
// CHECK: hcc: patched lib.c: counter{{.*}} (generation 2,
// CHECK-NEXT: hcc: note: new static local 'step' in counter starts at its initial value
// CHECK: out: howdy total=22
// CHECK-NEXT: out: howdy total=42
// The next patch of counter keeps that storage (step was 40).
// CHECK: hcc: patched lib.c: counter{{.*}} (generation 3,
// CHECK-NOT: new static local
// CHECK: out: howdy total=82
// CHECK-NEXT: out: howdy total=202
// Nothing writes `step` any more: it stays state (step was 360).
// CHECK: hcc: patched lib.c: counter{{.*}} (generation 4,
// CHECK-NOT: new static local
// CHECK: out: howdy total=562
// CHECK-NEXT: out: howdy total=922
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect total
send go
expect total
copy v2.c lib.c
patch
send go
expect total
copy v3.c lib.c
patch
send go
expect total
send go
expect total
copy v4.c lib.c
patch
send go
expect total
send go
expect total
copy v5.c lib.c
patch
send go
expect total
send go
expect total
close

//--- v1.c
#include <stdio.h>
const char *greeting(void) {
  static const char *word = "hello";
  return word;
}
int counter(void) {
  static int step = 1;
  static int total;
  return total += step;
}
void scenario_command(const char *command) {
  (void)command;
  int total = counter();
  printf("%s total=%d\n", greeting(), total);
}

//--- v2.c
#include <stdio.h>
const char *greeting(void) {
  static const char *word = "howdy";
  return word;
}
int counter(void) {
  static int step = 10;
  static int total;
  return total += step;
}
void scenario_command(const char *command) {
  (void)command;
  int total = counter();
  printf("%s total=%d\n", greeting(), total);
}

//--- v3.c
#include <stdio.h>
const char *greeting(void) {
  static const char *word = "howdy";
  return word;
}
int counter(void) {
  static int step = 10;
  static int total;
  total += step;
  step *= 2;
  return total;
}
void scenario_command(const char *command) {
  (void)command;
  int total = counter();
  printf("%s total=%d\n", greeting(), total);
}

//--- v4.c
#include <stdio.h>
const char *greeting(void) {
  static const char *word = "howdy";
  return word;
}
int counter(void) {
  static int step = 10;
  static int total;
  total += step;
  step *= 3;
  return total;
}
void scenario_command(const char *command) {
  (void)command;
  int total = counter();
  printf("%s total=%d\n", greeting(), total);
}

//--- v5.c
#include <stdio.h>
const char *greeting(void) {
  static const char *word = "howdy";
  return word;
}
int counter(void) {
  static int step = 10;
  static int total;
  return total += step;
}
void scenario_command(const char *command) {
  (void)command;
  int total = counter();
  printf("%s total=%d\n", greeting(), total);
}

// Build systems move or delete the dependency file of -MD once the compile
// is done: automake's depcomp renames .deps/x.Tpo to .deps/x.Po, ninja
// (`deps = gcc`) deletes it once read.  hcc keeps a second name of it in
// .hotpatch/deps/, so `hcc patch` still knows what each unit read: an edit
// of b.c recompiles b.c alone, and an edit of the header recompiles exactly
// the unit that includes it (a.c), not every unit of the program.  A
// compiler wrapper logs every patch compile.  Sources are dated an hour
// back so that the build's own timestamps make nothing dirty.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch .deps
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: touch -d '1 hour ago' *.c *.h
// automake (depmode=gcc3):
// RUN: for f in loop a b; do %hcc -O2 -MT $f.o -MD -MP -MF .deps/$f.Tpo -c -o $f.o $f.c && mv -f .deps/$f.Tpo .deps/$f.Po || exit 1; done
// ninja:
// RUN: %hcc -O2 -MD -MT c.o -MF c.o.d -c -o c.o c.c && rm c.o.d
// RUN: %hcc loop.o a.o b.o c.o -o prog
// RUN: sed 's|@CC@|%clang|' log-cc.in > log-clang.sh && sed 's|@CC@|gcc-12|' log-cc.in > log-gcc.sh
// RUN: chmod +x log-clang.sh log-gcc.sh
// RUN: env HOTPATCH_CLANG=%t/log-clang.sh HOTPATCH_GCC=%t/log-gcc.sh %drive script | FileCheck %s
// RUN: FileCheck %s --check-prefix=LOG < compiled.log
//
// CHECK: out: a=10 b=2
// CHECK: hcc: patched b.c: b_value (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: a=10 b=20
// CHECK: hcc: patched a.c: a_value (generation 2,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: a=30 b=20
//
// LOG: b.c
// LOG-NEXT: a.c
// LOG-NOT: {{.}}

//--- script
start ./prog
expect ^ready
send go
expect ^a=
sh sed -i 's/return 2;/return 20;/' b.c
patch
send go
expect ^a=
sh sed -i 's/define BASE 10/define BASE 30/' common.h
patch
send go
expect ^a=
close

//--- log-cc.in
#!/bin/sh
# Logs the source of every patch compile (it carries a baseline: clang's
# -fplugin-arg-hotpatch-baseline=, gcc's -fplugin-arg-hotpatch_gcc-baseline=).
case "$*" in
*-fplugin-arg-hotpatch*-baseline=*)
  for a in "$@"; do case "$a" in *.c) echo "$a" >> compiled.log ;; esac; done ;;
esac
exec @CC@ "$@"

//--- common.h
#define BASE 10

//--- a.c
#include "common.h"
int a_value(void) { return BASE; }

//--- b.c
int b_value(void) { return 2; }

//--- c.c
#include <stdio.h>
int a_value(void), b_value(void);
void scenario_command(const char *command) {
  (void)command;
  printf("a=%d b=%d\n", a_value(), b_value());
}

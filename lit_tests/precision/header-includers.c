// A header changes (a static inline function and a macro). Exactly the
// units that include it, directly (a.c) or through another header (b.c),
// are recompiled; the unit that does not (c.c) and loop.c are not; and in
// the recompiled units only the functions whose code uses what changed are
// patched (the header's static inline functions are inlined everywhere and
// have no body of their own in a clang build; a gcc build keeps them, so
// its patch holds those whose own code changed too). `hcc patch --verbose` names every recompiled module, and a
// compiler wrapper logs every patch compile. Sources are dated an hour
// back so that the build's own timestamps make nothing dirty.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp common.v1.h common.h
// RUN: touch -d '1 hour ago' *.c *.h
// RUN: for f in loop a b c; do %hcc -O2 -c $f.c -o $f.o || exit 1; done
// RUN: %hcc loop.o a.o b.o c.o -o prog
// RUN: sed 's|@CC@|%clang|' log-cc.in > log-clang.sh && sed 's|@CC@|gcc-12|' log-cc.in > log-gcc.sh
// RUN: chmod +x log-clang.sh log-gcc.sh
// RUN: env HOTPATCH_CLANG=%t/log-clang.sh HOTPATCH_GCC=%t/log-gcc.sh %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
// RUN: sort compiled.log | FileCheck %s --check-prefix=LOG
//
// CHECK: out: a=30 a_plain=1 b=13 b_plain=2 c=3
// CHECK: hcc: module a.c:a.o
// GCC-NEXT: hcc:   changed a.c:a.o:ci_scale
// CHECK-NEXT: hcc:   changed a_value
// CHECK-NEXT: hcc: module b.c:b.o
// GCC-NEXT: hcc:   changed b.c:b.o:ci_scale
// GCC-NEXT: hcc:   changed b.c:b.o:mid_base
// CHECK-NEXT: hcc:   changed b_value
// CLANG-NEXT: hcc: patched a.c: a_value; b.c: b_value (generation 1,
// GCC-NEXT: hcc: patched a.c: ci_scale, a_value; b.c: ci_scale, mid_base, b_value (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: a=500 a_plain=1 b=105 b_plain=2 c=3
//
// LOG: a.c
// LOG-NEXT: b.c
// LOG-NOT: {{.}}

//--- script
start ./prog
expect ^ready
send go
expect ^a=
copy common.v2.h common.h
patch --verbose
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

//--- common.v1.h
#define CI_BASE 10
static inline int ci_scale(int v) { return v * 3; }

//--- common.v2.h
#define CI_BASE 100
static inline int ci_scale(int v) { return v * 5; }

//--- mid.h
#include "common.h"
static inline int mid_base(void) { return CI_BASE; }

//--- a.c
#include "common.h"
int a_value(void) { return ci_scale(CI_BASE); }
int a_plain(void) { return 1; }

//--- b.c
#include "mid.h"
int b_value(void) { return mid_base() + ci_scale(1); }
int b_plain(void) { return 2; }

//--- c.c
#include <stdio.h>
int a_value(void), a_plain(void), b_value(void), b_plain(void);
int c_value(void) { return 3; }
void scenario_command(const char *command) {
  (void)command;
  printf("a=%d a_plain=%d b=%d b_plain=%d c=%d\n", a_value(), a_plain(),
         b_value(), b_plain(), c_value());
}

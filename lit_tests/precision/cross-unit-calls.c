// A direct call of another unit's function loads the callee's slot and
// calls what it holds (plugin/CrossUnitCalls.cpp), instead of calling the
// callee's stub: the slot of an external function is a hidden global, and
// each caller carries a weak copy holding the callee's address for a link
// that has no such slot.  Checked here: the calls in the objects; a callee
// compiled by plain clang-19, one in a shared library and one in the
// same library's other unit reached through those weak copies; a weak
// function and an extern_weak one left alone; a library's call of its own
// default-visibility function still on the PLT, so that the program's
// definition interposes it, while its hidden one loads the slot; a patch
// of the callee's unit reaching the caller; and HOTPATCH_CROSS_UNIT_CALLS=0
// calling the stubs as before.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c work.c
// RUN: %clang -O2 -c plain.c -o plain.o
// RUN: %hcc -O2 -shared -fPIC lib_a.c lib_b.c -o liblib.so
// RUN: %hcc -O2 -fPIC -c lib_a.c -o lib_a.o
// RUN: llvm-objdump-19 -dr lib_a.o | FileCheck %s --check-prefix=LIB
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c work.c -o work.o
// RUN: %hcc -O2 -c main.c -o main.o
// RUN: llvm-objdump-19 -dr main.o | FileCheck %s --check-prefix=MAIN
// RUN: llvm-readelf-19 -sW main.o | FileCheck %s --check-prefix=MAIN-SYMS \
// RUN:   --implicit-check-not=maybe_missing.hp.slot --implicit-check-not=printf.hp.slot
// RUN: llvm-readelf-19 -sW work.o | FileCheck %s --check-prefix=WORK-SYMS
// RUN: %hcc loop.o main.o work.o plain.o -L. -llib -Wl,-rpath,%t -o prog
// RUN: llvm-nm -D prog | FileCheck %s --check-prefix=DYNSYMS
// RUN: %drive script | FileCheck %s
// RUN: env HOTPATCH_CROSS_UNIT_CALLS=0 %hcc -O2 -c main.c -o main-stubs.o
// RUN: llvm-objdump-19 -dr main-stubs.o | FileCheck %s --check-prefix=STUBS
//
// The library: lib_b_hidden loads its slot, lib_b_public stays on the PLT.
// LIB-LABEL: <lib_a_total.hp.impl>:
// LIB-DAG: R_X86_64_PC32 lib_b_hidden.hp.slot-0x4
// LIB-DAG: R_X86_64_PLT32 lib_b_public-0x4
//
// The program's calls: each loads a slot, but the extern_weak function's
// (it may be null) and the C library's (never ours).
// MAIN-LABEL: <scenario_command.hp.impl>:
// MAIN-DAG: R_X86_64_PC32 work.hp.slot-0x4
// MAIN-DAG: R_X86_64_PC32 plain_value.hp.slot-0x4
// MAIN-DAG: R_X86_64_PC32 lib_a_total.hp.slot-0x4
// MAIN-DAG: R_X86_64_PC32 weak_value.hp.slot-0x4
// MAIN-DAG: R_X86_64_PLT32 printf-0x4
// MAIN-DAG: R_X86_64_PLT32 maybe_missing-0x4
//
// The weak copies: hidden, each in a COMDAT group of its own.
// MAIN-SYMS-DAG: OBJECT WEAK HIDDEN {{[0-9]+}} work.hp.slot
// MAIN-SYMS-DAG: OBJECT WEAK HIDDEN {{[0-9]+}} plain_value.hp.slot
// The callee's own slot: a hidden global; a static function's stays local.
// WORK-SYMS-DAG: OBJECT GLOBAL HIDDEN {{[0-9]+}} work.hp.slot
// WORK-SYMS-DAG: OBJECT LOCAL DEFAULT {{[0-9]+}} twice.hp.slot
// DYNSYMS-NOT: hp.slot
//
// STUBS-LABEL: <scenario_command.hp.impl>:
// STUBS-DAG: R_X86_64_PLT32 work-0x4
// STUBS-DAG: R_X86_64_PLT32 plain_value-0x4
// STUBS-NOT: hp.slot
//
// lib_b_public() is the program's (interposed): 1000; lib_b_hidden() 20.
// CHECK: out: work=2 plain=7 weak=5 lib=1020 missing=none
// CHECK: hcc: patched work.c: work (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: work=300 plain=7 weak=5 lib=1020 missing=none
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^work
copy v2.c work.c
patch
send go
expect ^work
close

//--- main.c
#include <stdio.h>
int work(int x);
int plain_value(void);
int weak_value(void);
int lib_a_total(void);
int maybe_missing(void) __attribute__((weak));
int lib_b_public(void) { return 1000; }
void scenario_command(const char *command) {
  (void)command;
  printf("work=%d plain=%d weak=%d lib=%d missing=%s\n", work(1),
         plain_value(), weak_value(), lib_a_total(),
         maybe_missing ? "called" : "none");
  if (maybe_missing)
    maybe_missing();
}

//--- v1.c
static int twice(int x) { return 2 * x; }
int (*volatile keep_twice)(int) = twice;
int work(int x) { return keep_twice(x); }
int weak_value(void) __attribute__((weak));
int weak_value(void) { return 5; }

//--- v2.c
static int twice(int x) { return 2 * x; }
int (*volatile keep_twice)(int) = twice;
int work(int x) { return keep_twice(x) * 150; }
int weak_value(void) __attribute__((weak));
int weak_value(void) { return 5; }

//--- plain.c
int plain_value(void) { return 7; }

//--- lib_a.c
int lib_b_public(void);
__attribute__((visibility("hidden"))) int lib_b_hidden(void);
int lib_a_total(void) { return lib_b_public() + lib_b_hidden(); }

//--- lib_b.c
int lib_b_public(void) { return 10; }
__attribute__((visibility("hidden"))) int lib_b_hidden(void) { return 20; }

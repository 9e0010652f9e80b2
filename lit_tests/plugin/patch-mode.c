// Patch mode keeps exactly what differs from the baseline (the hashes the
// process runs now): changed functions, new functions with their own slot,
// new globals; every existing function, global, static local and
// thread-local the kept code uses becomes an import, and the patch exports
// nothing.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -c v1.c -o v1.o
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=b.c -c b.c -o b.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=a.txt v1.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=b.txt b.o
// RUN: cat a.txt b.txt > baseline.txt
//
// The same source again is an empty patch.
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -c v1.c -o same.o
// RUN: llvm-objcopy --dump-section=hotpatch_patch=same.txt same.o
// RUN: FileCheck --check-prefix=SAME %s < same.txt
// SAME: hotpatch-patch 2 a.c
// SAME-NEXT: end
//
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -c v2.c -o v2.o
// RUN: llvm-objcopy --dump-section=hotpatch_patch=v2.txt v2.o
// RUN: FileCheck --check-prefix=SUMMARY %s < v2.txt
// SUMMARY: hotpatch-patch 2 a.c
// SUMMARY-NEXT: changed bump
// SUMMARY-NEXT: new fresh
// SUMMARY-NEXT: new-data a.c:fresh.n
// The source lines of the changed, then the new functions (v2.c below).
// SUMMARY-NEXT: lines 8 8 v2.c
// SUMMARY-NEXT: lines 5 5 v2.c
// SUMMARY-NEXT: end
//
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -S -emit-llvm v2.c -o v2.ll
// RUN: FileCheck --check-prefix=IR %s < v2.ll
// RUN: FileCheck --check-prefix=IRNOT %s < v2.ll
// Existing state is imported, never defined again, also from other modules
// of the program; what the program does not define (libc) stays external.
// New state is defined in the patch, as written; a new function gets its own
// slot; the patch registers itself.
// IR-DAG: @__hotpatch.import.counter = internal global ptr null
// IR-DAG: @"__hotpatch.import.a.c:bump.calls" = internal global ptr null
// IR-DAG: @__hotpatch.import.tl = internal global ptr null
// IR-DAG: @__hotpatch.import.other = internal global ptr null
// IR-DAG: @stdout = external
// IR-DAG: @fresh.n = internal global i32 41
// IR-DAG: @fresh.hp.slot = internal
// IR-DAG: @llvm.global_ctors = appending global {{.*}} @__hotpatch.ctor
// IR-DAG: @__hotpatch.import.helper = internal global ptr null
// Thread-locals are reached through the process's accessor.
// IR-LABEL: define internal i32 @bump.hp.impl(
// IR: %[[ACC:[0-9]+]] = load ptr, ptr @__hotpatch.import.tl
// IR: call ptr %[[ACC]]()
// Another unit's function is called through the process's slot of it, as
// the build calls it (CrossUnitCalls.cpp): its cell holds the slot.
// IR: %[[SLOT:[0-9]+]] = load ptr, ptr @__hotpatch.import.helper
// IR-NEXT: %[[TARGET:[^ ]+]] = load atomic ptr, ptr %[[SLOT]] acquire
// IR-NEXT: call i32 %[[TARGET]](i32 {{.*}}1)
//
// The unchanged function is not in the patch, existing globals are not
// defined again, and the patch exports nothing.
// IRNOT-NOT: @counter =
// IRNOT-NOT: @tl =
// IRNOT-NOT: define {{.*}}@untouched
// IRNOT-NOT: define dso_local
// IRNOT-NOT: define i32
//
// A mutable global whose layout changed is refused with a message naming it.
// RUN: not %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -c v3.c -o v3.o 2> v3.err
// RUN: FileCheck --check-prefix=LAYOUT %s < v3.err
// LAYOUT: error: hotpatch: cannot patch global 'counter' of v3.c: its type changed from i32 (4 bytes) to i64 (8 bytes) and its value could not be kept; restore its type, or restart the program to use the new one

//--- b.c
int other = 7;
int helper(int x) { return x + 1; }

//--- v1.c
int counter = 1;
_Thread_local int tl;
extern int other;
int untouched(int x) { return x * 5; }
int bump(void) { static int calls; calls++; tl++; return ++counter + calls + other; }

//--- v2.c
int counter = 1;
_Thread_local int tl;
extern int other;
int untouched(int x) { return x * 5; }
__attribute__((noinline)) int fresh(void) { static int n = 41; return ++n; }
#include <stdio.h>
int helper(int x);
int bump(void) { static int calls; calls++; tl++; fflush(stdout); return ++counter + calls + other + fresh() + helper(1); }

//--- v3.c
long counter = 1;
_Thread_local int tl;
extern int other;
int untouched(int x) { return x * 5; }
int bump(void) { static int calls; calls++; tl++; return ++counter + calls + other; }

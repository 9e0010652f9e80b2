// A patch uses the process's storage of an existing global, which is only
// known to have the alignment the front end declared (align 8 for a
// struct timespec): the build may or may not have raised it.  When the
// patch's optimiser turns the changed function's copy of two 8-byte fields
// into one 16-byte load and store and raises the global to align 16, the store the
// patch keeps, through the import, is clamped back to align 8 (an
// unaligned vector store, not a fault on storage that is only 8-aligned).
// The build itself (v1: no function that vectorises) leaves it at align 8.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -S -emit-llvm v1.c -o v1.ll
// RUN: FileCheck --check-prefix=BUILD %s < v1.ll
// BUILD: @stamp = {{.*}}global %struct.timespec zeroinitializer, align 8,
//
// Without hotpatch, clang raises the alignment and stores with align 16:
// the case the clamp is for.
// RUN: %clang -O2 -S -emit-llvm v2.c -o plain.ll
// RUN: FileCheck --check-prefix=PLAIN %s < plain.ll
// PLAIN: @stamp = {{.*}}global %struct.timespec zeroinitializer, align 16
// PLAIN: store <2 x i64> {{.*}}, ptr @stamp, align 16
//
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -c v1.c -o v1.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=baseline.txt v1.o
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -S -emit-llvm v2.c -o v2.ll
// RUN: FileCheck --check-prefix=PATCH %s < v2.ll
// PATCH-LABEL: define {{.*}} @take_stamp.hp.impl(
// PATCH-DAG: [[P:%[0-9a-z.]+]] = load ptr, ptr @__hotpatch.import.stamp
// PATCH-DAG: store <2 x i64> {{.*}}, ptr [[P]], align 8
// PATCH-NOT: align 16

//--- v1.c
#include <sys/stat.h>
#include <time.h>
struct stat info;
struct timespec stamp;
void take_stamp(void) { stamp.tv_sec = info.st_mtim.tv_sec; }

//--- v2.c
#include <sys/stat.h>
#include <time.h>
struct stat info;
struct timespec stamp;
static struct timespec mtime_of(const struct stat *st) { return st->st_mtim; }
void take_stamp(void) { stamp = mtime_of(&info); }

// The optimiser raises a global's alignment when a function that stores to
// it is vectorised (stamp: align 8 from clang's front end, align 16 after
// take_stamp's two 8-byte stores became one 16-byte store; found building
// gzip, see lit_tests/realworld/gzip.test).  A patch compile that skips
// optimising take_stamp, because it cannot have changed
// (plugin/Closures.cpp), leaves stamp at align 8.  The layout of a global
// counts its declared alignment, not the raised one (plugin/Alignment.cpp),
// so the patch of an unrelated function of the same file (value, called
// from show.c, so nothing that changes inlines it) applies; it was once
// refused with "its type changed from struct.timespec{i64,i64,} (16 bytes)
// to struct.timespec{i64,i64,} (16 bytes)".
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o && %hcc -O2 -c show.c -o show.o
// RUN: %hcc loop.o lib.o show.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: stamp=1.7
// CHECK: hcc: patched lib.c: value (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: stamp=2.7

//--- script
start ./prog
expect ^ready
send go
expect ^stamp
sh sed -i 's/return 1;/return 2;/' lib.c
patch
send go
expect ^stamp
close

//--- lib.c
#include <sys/stat.h>
#include <time.h>

struct stat info;
struct timespec stamp;

static struct timespec mtime_of(const struct stat *st) { return st->st_mtim; }

void take_stamp(void) { stamp = mtime_of(&info); }
long value(void) { return 1; }

//--- show.c
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

extern struct stat info;
extern struct timespec stamp;
void take_stamp(void);
long value(void);

void scenario_command(const char *command) {
  (void)command;
  info.st_mtim.tv_sec = value();
  info.st_mtim.tv_nsec = 7;
  take_stamp();
  printf("stamp=%ld.%ld\n", (long)stamp.tv_sec, stamp.tv_nsec);
}

// hcc run starts a patch as soon as a save leaves a file whole, without
// waiting for the saves to settle; when another save of the same burst
// (HOTPATCH_SAVE_BURST_MS, here a minute so that the test does not depend
// on timing) comes while the patch builds, that attempt is dropped without
// a word and the next one builds what the burst left. Here the burst saves
// the header first: alone it does not compile with the old lib.c, and no
// error may show. The compiler is paused at a known point (a wrapper that
// waits on a fifo) so that the second save really comes during the build.
// A wrong HOTPATCH_SAVE_BURST_MS is refused before the program starts.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c && cp v1.h lib.h
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: sed 's|@CC@|%cc|' %S/Inputs/pause-compiler.in > slow-cc.sh && chmod +x slow-cc.sh
// RUN: mkfifo started.fifo go.fifo
// RUN: env %cc_var=%t/slow-cc.sh HOTPATCH_SAVE_BURST_MS=60000 %drive script \
// RUN:   | FileCheck %s --implicit-check-not=error
// RUN: not env HOTPATCH_SAVE_BURST_MS=soon %hcc run ./prog 2>&1 | FileCheck %s --check-prefix=BAD
//
// CHECK: out: v1 1
// CHECK: sh exit=0
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: out: v2 2
// CHECK: exit=0
//
// BAD: hcc: error: HOTPATCH_SAVE_BURST_MS is 'soon'; set it to the milliseconds within which saves count as one (0 to 3600000, default 30)
// BAD-NOT: ready

//--- script
hccrun ./prog
expect-err watching
send go
expect ^v1
copy v2.h lib.h
# The patch compile started at that save, has read lib.c (v1) and waits.
sh cat started.fifo
copy v2.c lib.c
sh echo go > go.fifo
expect-err patched
send go
expect ^v2
close

//--- v1.h
#define LEVEL 1

//--- v2.h
#define LEVEL(x) (x + 1)

//--- v1.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v1 %d\n", LEVEL); }

//--- v2.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v2 %d\n", LEVEL(1)); }

// `hotpatch status` and `hotpatch history` in gdb: the generation the
// process runs and the patches that make it, and every apply and revert
// (each also reported as it happens, from the runtime's hook), with the
// functions each changed; a program without the runtime gets a clear error.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: sed 's|@GDBEXT@|%gdbext|' session.in > session.gdb
// RUN: %hcc -g -O0 -c loop.c -o loop.o && %hcc -g -O0 -c lib.c -o lib.o
// RUN: %hcc -g loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
// RUN: %clang -g lib.c -c -o plain.o && %clang -g loop.c plain.o -o plain
// RUN: not gdb -nx -batch -x %gdbext -ex 'hotpatch status' ./plain 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLAIN
//
// CHECK:      gdb: hotpatch: generation 0
// CHECK-NEXT: gdb: hotpatch: no patch applied yet
// CHECK:      gdb: armed
// CHECK:      patch exit=0
// CHECK:      hcc exit=0
// CHECK:      patch exit=0
// CHECK:      out: first=1 second=1200
// CHECK:      gdb: hotpatch: apply generation 1: [[DIR:.*]]/1/patch.so (first, second)
// CHECK-NEXT: gdb: hotpatch: revert generation 0: [[DIR]]/1/patch.so (first, second)
// CHECK-NEXT: gdb: hotpatch: apply generation 1: [[DIR]]/2/patch.so (second)
// CHECK:      gdb: {{.*}}hit Breakpoint 1.{{[0-9]+}}, second (x=4) at lib.c:3
// CHECK-NEXT: gdb: 3 {{.*}}int second(int x) { return x * 300; }
// CHECK-NEXT: gdb: hotpatch: generation 1
// CHECK-NEXT: gdb:   generation 1: [[DIR]]/2/patch.so (second)
// CHECK-NEXT: gdb: 1 {{[-0-9]+ [:0-9]+}} apply generation 1: [[DIR]]/1/patch.so (first, second)
// CHECK-NEXT: gdb: 2 {{[-0-9]+ [:0-9]+}} revert generation 0: [[DIR]]/1/patch.so (first, second)
// CHECK-NEXT: gdb: 3 {{[-0-9]+ [:0-9]+}} apply generation 1: [[DIR]]/2/patch.so (second)
// CHECK:      exit=0
//
// PLAIN: hotpatch: this process has no hotpatch runtime (no __hotpatch_debug_descriptor symbol); was it linked by hcc?

//--- script
start ./prog
expect ^ready
gdb session.gdb
expect-gdb ^armed
copy v2.c lib.c
patch
hcc revert --pid PID
copy v3.c lib.c
patch
send call
expect ^first
gdb-wait
close

//--- session.in
source @GDBEXT@
hotpatch status
hotpatch history
break second
echo armed\n
continue
hotpatch status
hotpatch history
detach

//--- v1.c
#include <stdio.h>
int first(int x) { return x; }
int second(int x) { return x * 100; }
void scenario_command(const char *command) {
  printf("first=%d second=%d\n", first(1), second(4));
}

//--- v2.c
#include <stdio.h>
int first(int x) { return x + 1; }
int second(int x) { return x * 200; }
void scenario_command(const char *command) {
  printf("first=%d second=%d\n", first(1), second(4));
}

//--- v3.c
#include <stdio.h>
int first(int x) { return x; }
int second(int x) { return x * 300; }
void scenario_command(const char *command) {
  printf("first=%d second=%d\n", first(1), second(4));
}

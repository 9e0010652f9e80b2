// `step` into a call that goes through a stub (a call to another file's
// function, from a unit built with HOTPATCH_CROSS_UNIT_CALLS=0, as one
// built by hcc-gcc calls it) stops in the body the process runs, after its
// prologue, with its arguments, before and after a patch; without the
// extension gdb would step over the whole call (the stub has no line
// information).  Built as usual (the -O2 run), the call loads the callee's
// slot itself (docs/design.md, "Calls of other units' functions"), and
// `step` arrives in the same body.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: sed 's|@GDBEXT@|%gdbext|' session.in > session.gdb
// RUN: %hcc -g -O0 -c loop.c -o loop.o
// RUN: env HOTPATCH_CROSS_UNIT_CALLS=0 %hcc -g -O0 -c main.c -o main.o
// RUN: llvm-objdump-19 -dr main.o | FileCheck %s --check-prefix=STUB-CALL
// STUB-CALL: R_X86_64_PLT32 scaled_value-0x4
// RUN: %hcc -g -O0 -c lib.c -o lib.o && %hcc -g loop.o main.o lib.o -o prog
// RUN: %drive script | FileCheck %s
// The same at -O2 (no `next`: it ends in printf's PLT entry, a tail call).
// RUN: rm -rf %t.o2 && split-file %s %t.o2 && cd %t.o2 && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: sed 's|@GDBEXT@|%gdbext|' session-o2.in > session.gdb
// RUN: %hcc -g -O2 -c loop.c -o loop.o && %hcc -g -O2 -c main.c -o main.o
// RUN: %hcc -g -O2 -c lib.c -o lib.o && %hcc -g loop.o main.o lib.o -o prog
// RUN: llvm-objdump-19 -dr main.o | FileCheck %s --check-prefix=SLOT-LOAD
// SLOT-LOAD-NOT: R_X86_64_PLT32 scaled_value-0x4
// SLOT-LOAD: R_X86_64_PC32 scaled_value.hp.slot-0x4
// RUN: %drive script-o2 | FileCheck %s --check-prefix=O2
//
// O2:      gdb: {{.*}}hit Breakpoint 1, scenario_command ({{.*}}) at main.c:4
// O2-NEXT: gdb: 4 {{.*}}printf("value=%d\n", scaled_value(3));
// O2-NEXT: gdb: scaled_value (x={{(x@entry=)?}}3) at lib.c:2
// O2-NEXT: gdb: 2 {{.*}}int y = x * 10;
// O2:      gdb: Value returned is $1 = 30
// O2:      patch exit=0
// O2:      gdb: {{.*}}hit Breakpoint 1, scenario_command ({{.*}}) at main.c:4
// O2-NEXT: gdb: 4 {{.*}}printf("value=%d\n", scaled_value(3));
// O2-NEXT: gdb: scaled_value (x={{(x@entry=)?}}3) at lib.c:2
// O2-NEXT: gdb: 2 {{.*}}int y = x * 20;
// O2:      gdb: Value returned is $2 = 60
// O2:      exit=0
//
// CHECK:      gdb: armed
// CHECK:      gdb: {{.*}}hit Breakpoint 1, scenario_command (command={{.*}}) at main.c:4
// CHECK-NEXT: gdb: 4 {{.*}}printf("value=%d\n", scaled_value(3));
// CHECK-NEXT: gdb: scaled_value (x=3) at lib.c:2
// CHECK-NEXT: gdb: 2 {{.*}}int y = x * 10;
// CHECK-NEXT: gdb: #0  scaled_value (x=3) at lib.c:2
// CHECK-NEXT: gdb: #1  {{.*}} in scenario_command (command={{.*}}) at main.c:4
// `next` over the call still steps over it.
// CHECK:      gdb: Value returned is $1 = 30
// CHECK:      gdb: {{.*}}hit Breakpoint 1, scenario_command (command={{.*}}) at main.c:4
// CHECK-NEXT: gdb: 4 {{.*}}printf("value=%d\n", scaled_value(3));
// CHECK-NEXT: gdb: 5 {{.*}}}
// CHECK-NEXT: gdb: patch-me
// CHECK:      patch exit=0
// After the patch, `step` arrives in the new version.
// CHECK:      gdb: hotpatch: apply generation 1: {{.*}} (scaled_value)
// CHECK:      gdb: {{.*}}hit Breakpoint 1, scenario_command (command={{.*}}) at main.c:4
// CHECK-NEXT: gdb: 4 {{.*}}printf("value=%d\n", scaled_value(3));
// CHECK-NEXT: gdb: scaled_value (x=3) at lib.c:2
// CHECK-NEXT: gdb: 2 {{.*}}int y = x * 20;
// CHECK:      gdb: Value returned is $2 = 60
// CHECK:      gdb exit=0
// CHECK:      exit=0

//--- script
start ./prog
expect ^ready
gdb session.gdb
expect-gdb ^armed
send call
expect ^value=30
send call
expect-gdb ^patch-me
expect ^value=30
copy v2.c lib.c
patch
send call
expect ^value=60
gdb-wait
close

//--- script-o2
start ./prog
expect ^ready
gdb session.gdb
expect-gdb ^armed
send call
expect-gdb ^patch-me
expect ^value=30
copy v2.c lib.c
patch
send call
expect ^value=60
gdb-wait
close

//--- session-o2.in
source @GDBEXT@
break main.c:4
echo armed\n
continue
step
finish
echo patch-me\n
continue
step
finish
detach

//--- session.in
source @GDBEXT@
break main.c:4
echo armed\n
continue
step
bt 2
finish
continue
next
echo patch-me\n
continue
step
finish
detach

//--- main.c
#include <stdio.h>
int scaled_value(int x);
void scenario_command(const char *command) {
  printf("value=%d\n", scaled_value(3));
}

//--- v1.c
int scaled_value(int x) {
  int y = x * 10;
  return y;
}

//--- v2.c
int scaled_value(int x) {
  int y = x * 20;
  return y;
}

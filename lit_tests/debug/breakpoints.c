// gdb, attached to a running program with the extension loaded, stops once
// per call of a function reached through its stub, in the version the
// process runs, with its arguments and line; bt, info frame and finish work
// there; a patch applied while gdb is attached (and running the program)
// takes effect, and the breakpoint set before it stops in the new version.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: sed 's|@GDBEXT@|%gdbext|' session.in > session.gdb
// RUN: %hcc -g -O0 -c loop.c -o loop.o && %hcc -g -O0 -c main.c -o main.o
// RUN: %hcc -g -O0 -c lib.c -o lib.o && %hcc -g loop.o main.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// The stub's location (the global symbol, no line) is there but disabled.
// CHECK:      gdb: Breakpoint 1 at {{.*}}: scaled_value. (2 locations)
// CHECK:      gdb: 1.1 y {{.*}} in scaled_value at lib.c:2
// CHECK-NEXT: gdb: 1.2 n {{.*}} <scaled_value>
// CHECK:      gdb: armed
// The first call stops once, in the body, with the argument.
// CHECK-NEXT: gdb:
// CHECK-NEXT: gdb: {{.*}}hit Breakpoint 1.1, scaled_value (x=3) at lib.c:2
// CHECK-NEXT: gdb: 2 {{.*}}int y = x * 10;
// CHECK-NEXT: gdb: #0  scaled_value (x=3) at lib.c:2
// CHECK-NEXT: gdb: #1  {{.*}} in scenario_command (command={{.*}}) at main.c:4
// CHECK-NEXT: gdb: #2  {{.*}} in main () at loop.c:
// CHECK:      gdb:  rip = {{.*}} in scaled_value (lib.c:2); saved rip = {{.*}}
// CHECK:      gdb:  Arglist at {{.*}}, args: x=3
// CHECK:      gdb: {{.*}} in scenario_command (command={{.*}}) at main.c:4
// CHECK:      gdb: Value returned is $1 = 30
// CHECK-NEXT: gdb: patch-me
// CHECK:      out: value=30
// CHECK:      hcc: patched lib.c: scaled_value (generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK:      out: value=60
// The runtime's hook told gdb; the next call stops in the new version (in
// the patch, which gdb knows by the descriptor the runtime loaded), once.
// CHECK:      gdb: hotpatch: apply generation 1: {{.*}}/patch.so (scaled_value)
// CHECK:      gdb: {{.*}}hit Breakpoint 1.3, scaled_value (x=3) at lib.c:2
// CHECK-NEXT: gdb: 2 {{.*}}int y = x * 20;
// CHECK-NEXT: gdb: scaled_value.hp{{.*}} in section .text of /proc/{{[0-9]+}}/fd/{{.*}}
// CHECK-NEXT: gdb: #0  scaled_value (x=3) at lib.c:2
// CHECK-NEXT: gdb: #1  {{.*}} in scenario_command (command={{.*}}) at main.c:4
// CHECK:      gdb:  rip = {{.*}} in scaled_value (lib.c:2); saved rip = {{.*}}
// CHECK:      gdb:  Arglist at {{.*}}, args: x=3
// CHECK:      gdb: Value returned is $2 = 60
// CHECK:      gdb: 1.3 y {{.*}} in scaled_value at lib.c:2
// CHECK-NOT:  gdb: {{.*}}hit Breakpoint
// CHECK:      gdb exit=0
// CHECK:      exit=0

//--- script
start ./prog
expect ^ready
gdb session.gdb
expect-gdb ^armed
send call
expect-gdb ^patch-me
expect ^value
copy v2.c lib.c
patch
send call
expect ^value
gdb-wait
close

//--- session.in
source @GDBEXT@
break scaled_value
info breakpoints
echo armed\n
continue
bt 3
info frame
finish
echo patch-me\n
continue
info symbol $pc
bt 2
info frame
finish
info breakpoints
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

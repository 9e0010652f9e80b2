// `hcc run --restart`: when the program fails (exit status 3, then killed
// by SIGKILL) hcc run says so and starts it again with the same arguments;
// the new process is patched at once to what the sources say now (v2,
// saved and patched into the first process), so it answers with v2, not
// with the v1 it was built from.  A clean exit (status 0) ends hcc run.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: sed 's|@HCC@|%hcc|' script.in > script
// RUN: %drive script | FileCheck %s
//
// CHECK: err: hcc: watching {{[0-9]+}} files of ./prog (pid [[P1:[0-9]+]])
// CHECK-NEXT: out: ready pid=[[P1]]
// CHECK: out: v1 arg=a
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: out: v2 arg=a
// CHECK: err: hcc: ./prog (pid [[P1]]) exited with status 3; restarting it (--restart)
// CHECK: out: ready pid=[[P2:[0-9]+]]
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: err: hcc: watching {{[0-9]+}} files of ./prog (pid [[P2]])
// CHECK: out: v2 arg=a
// CHECK: err: hcc: ./prog (pid [[P2]]) was killed by signal 9 (Killed); restarting it (--restart)
// CHECK: out: ready pid=[[P3:[0-9]+]]
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: err: hcc: watching {{[0-9]+}} files of ./prog (pid [[P3]])
// CHECK: out: v2 arg=a
// CHECK: out: bye pid=[[P3]]
// CHECK: exit=0

//--- script.in
start @HCC@ run --restart -- ./prog a
expect-err watching
send go
expect ^v1
copy v2.c lib.c
expect-err patched
send go
expect ^v2
send exit3
expect-err restarting
expect ^ready
expect-err watching
send go
expect ^v2
send kill
expect-err restarting
expect ^ready
expect-err watching
send go
expect ^v2
close

//--- v1.c
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
void scenario_command(const char *command) {
  if (strcmp(command, "exit3") == 0) exit(3);
  if (strcmp(command, "kill") == 0) kill(getpid(), SIGKILL);
  printf("v1 arg=a\n");
}

//--- v2.c
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
void scenario_command(const char *command) {
  if (strcmp(command, "exit3") == 0) exit(3);
  if (strcmp(command, "kill") == 0) kill(getpid(), SIGKILL);
  printf("v2 arg=a\n");
}

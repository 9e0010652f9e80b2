// The process exits while its patch is being built (after the compile,
// before the apply): hcc patch says that the process exited during the
// patch and exits 5; nothing is left behind that a later patch trips on.
// The compiler wrapper kills the target right after the patch compile, so
// the exit really happens between compile and apply.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: sed 's|@CC@|%cc|' kill-cc.in > kill-cc.sh && chmod +x kill-cc.sh
// RUN: env %cc_var=%t/kill-cc.sh %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: killed the target after the compile
// CHECK: hcc: error: process [[PID:[0-9]+]] exited during the patch; nothing is left to patch
// CHECK-NEXT: patch exit=5
// CHECK: hcc: error: no process [[PID]] (is it running?)
// CHECK-NEXT: hcc exit=5

//--- script
start ./prog
expect ^ready
send go
expect ^v
sh echo $PID > target.pid
copy v2.c lib.c
patch
hcc patch --pid PID
kill

//--- kill-cc.in
#!/bin/sh
# The patch compile (it carries a baseline) runs, then the target dies.
case "$*" in
*hotpatch-baseline*|*hotpatch_gcc-baseline*)
  @CC@ "$@" || exit
  kill -KILL "$(cat target.pid)"
  echo "killed the target after the compile" >&2
  ;;
*) exec @CC@ "$@" ;;
esac

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v1"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v2"); }

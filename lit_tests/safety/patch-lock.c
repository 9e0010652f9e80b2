// `hcc run` and `hcc patch --pid` on the same process never interleave:
// each patch holds a per-process lock from its hello to its end.  hcc run's
// patch (v2) is paused inside its compile; an `hcc patch --pid` started
// meanwhile says it waits for the other hcc, and once hcc run has applied
// generation 1 it diffs against *that* generation and finds nothing left to
// do.  (Without the lock it would read generation 0 and apply v2 again.)
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: sed 's|@CC@|%cc|' slow-cc.in > slow-cc.sh && chmod +x slow-cc.sh
// RUN: sed 's|@HCC@|%hcc|' script.in > script
// RUN: mkfifo started.fifo go.fifo note.fifo done.fifo
// RUN: env %cc_var=%t/slow-cc.sh %drive script | FileCheck %s
//
// CHECK: err: hcc: watching
// CHECK: out: v1 pid=[[PID:[0-9]+]]
// CHECK: started
// CHECK: hcc: note: another hcc is patching process [[PID]]; waiting for it to finish
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: hcc: no functional change
// CHECK-NEXT: second exit=0
// CHECK: out: v2 pid=[[PID]]
// CHECK: exit=0

//--- script.in
start @HCC@ run -- ./prog
expect-err watching
send go
expect ^v1
copy v2.c lib.c
# hcc run's patch compile has run and waits (holding the lock).
sh cat started.fifo
sh { ( @HCC@ patch --pid $(cat prog.pid) 2>&1; echo "second exit=$?" ) | ( IFS= read -r first; echo "$first" > note.fifo; cat > second.out; echo done > done.fifo ); } < /dev/null > /dev/null 2>&1 &
sh cat note.fifo
sh echo go > go.fifo
expect-err patched
sh cat done.fifo > /dev/null; cat second.out
send go
expect ^v2
close

//--- slow-cc.in
#!/bin/sh
# Pauses the first patch compile (it carries a baseline) once it is done,
# until the test says go; everything else goes straight to the compiler.
case "$*" in
*hotpatch-baseline*|*hotpatch_gcc-baseline*)
  @CC@ "$@" || exit
  # mkdir is atomic: of parallel patch compiles, exactly one pauses.
  if mkdir paused 2>/dev/null; then
    echo started > started.fifo
    read go < go.fifo
  fi
  ;;
*) exec @CC@ "$@" ;;
esac

//--- v1.c
#include <stdio.h>
#include <unistd.h>
void scenario_command(const char *command) {
  FILE *f = fopen("prog.pid", "w");
  fprintf(f, "%d\n", (int)getpid());
  fclose(f);
  printf("v1 pid=%d\n", (int)getpid());
  (void)command;
}

//--- v2.c
#include <stdio.h>
#include <unistd.h>
void scenario_command(const char *command) {
  FILE *f = fopen("prog.pid", "w");
  fprintf(f, "%d\n", (int)getpid());
  fclose(f);
  printf("v2 pid=%d\n", (int)getpid());
  (void)command;
}

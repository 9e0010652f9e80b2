// The control socket of a program built with hcc: hello, status and
// registry answer as hotpatch_control.h says; registry lists every
// function with the hash `hcc inspect` reads from the binary; the socket
// directory is 0700; the socket is gone once the program exits.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %hcc -O2 main.c -o prog
// RUN: env HPCTL=%S/Inputs/hpctl.py %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt
//
// registry and inspect agree on every function hash (inspect lists the
// binary; registry what the process runs: no patch yet, so the same).
// RUN: grep '^function ' registry.txt | awk '{print $2, $4}' | sort > running.txt
// RUN: %hcc inspect prog | awk '$1 == "function" {print $2, $3}' | sort > built.txt
// RUN: test -s built.txt
// RUN: diff built.txt running.txt
// RUN: grep -c '^function ' registry.txt | FileCheck --check-prefix=COUNT %s
// COUNT: {{^}}3{{$}}

// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK: ok hotpatch 2 pid=[[PID]] generation=0
// CHECK: ok generation=0 modules=1 functions=3
// CHECK-NEXT: sh exit=0
// CHECK: ok
// CHECK-NEXT: hotpatch-module 2 {{([0-9a-f]{32})}} main.c
// CHECK-NEXT: function {{([0-9a-f]{32})}} 0 twice
// CHECK-NEXT: function {{([0-9a-f]{32})}} 1 main.c:helper
// CHECK-NEXT: function {{([0-9a-f]{32})}} 0 main
// CHECK-NEXT: data static-local 4 {{([0-9a-f]{16})}} 1 i32 main.c:main.calls
// CHECK-NEXT: data global 4 {{([0-9a-f]{16})}} 0 i32 counter
// CHECK-NEXT: end
// CHECK-NEXT: sh exit=0
// CHECK: error unknown request 'bogus'
// CHECK: error nothing to revert
// CHECK: mode 700
// CHECK: socket [[PID]].sock
// CHECK: out: twice 21
// CHECK: exit=0
// CHECK: gone

//--- script.txt
start ./prog
expect ^ready
sh python3 $HPCTL $(cat pid) hello
sh python3 $HPCTL $(cat pid) status
sh python3 $HPCTL $(cat pid) registry | tee registry.txt
sh python3 $HPCTL $(cat pid) bogus
sh python3 $HPCTL $(cat pid) revert
sh d=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import hpctl; print(hpctl.socket_dir())' $(dirname $HPCTL)); echo "mode $(stat -c %a $d)"; test -S $d/$(cat pid).sock && echo "socket $(cat pid).sock"; echo $d > sockdir
send 10
expect ^twice
close
sh test ! -e $(cat sockdir)/$(cat pid).sock && echo gone

//--- main.c
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int counter;
__attribute__((noinline)) static int helper(int x) { return x + counter; }
__attribute__((noinline)) int twice(int x) { return 2 * helper(x); }

int main(void) {
  static int calls;
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready pid=%d\n", (int)getpid());
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    calls++;
    counter = 1;
    printf("twice %d\n", twice(atoi(line)) - 1);
    fflush(stdout);
  }
  return 0;
}

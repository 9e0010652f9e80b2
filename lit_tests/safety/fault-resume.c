// A patch introduces a division by zero.  The program's command loop has a
// resume point (HOTPATCH_RESUME_POINT), so after the report the runtime
// sends the faulting thread back to it: the command that faulted is
// abandoned, generation 1 is reverted (history, generation, reload hooks),
// and the next command runs generation 0 code.  The process lives on with
// the same pid and can be patched again.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp v1.c lib.c
// RUN: %hcc -O1 -c main.c -o main.o && %hcc -O1 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: %drive script | FileCheck %s

// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK: out: f=10 generation=0
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK: err: hotpatch: patched function 'f' (generation 1) faulted with SIGFPE at f+0x{{[0-9a-f]+}} in module lib.c{{.*}}; patch {{.*}}
// CHECK-NEXT: err: hotpatch: reverted to generation 0
// CHECK-NEXT: err: hotpatch: resuming this thread at its resume point (HOTPATCH_RESUME_POINT)
// CHECK-NEXT: err: hotpatch: resumed at the resume point; generation 0
// CHECK: out: hook generation=0 changed=f
// CHECK-NEXT: out: resumed after signal
// CHECK-NEXT: out: f=10 generation=0
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK: out: f=30 generation=1
// The process's history says the first patch was reverted after a fault.
// CHECK: history: 1 1 fault, 2 1 no
// CHECK-NEXT: sh exit=0
// CHECK: out: bye pid=[[PID]]
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send call
expect ^f=
copy v2.c lib.c
patch
send call
expect-err resumed at the resume point
send call
expect ^f=
copy v3.c lib.c
patch
send call
expect ^f=
sh hcc status --pid $PID --history --json | python3 history.py
close

//--- history.py
import json, sys
h = json.load(sys.stdin)["history"]
print("history: " + ", ".join("%d %d %s" % (e["serial"], e["generation"], e["reverted"])
                              for e in h))

//--- main.c
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int f(void);

static int resumed;

static void on_reload(unsigned long generation, const char *const *changed,
                      size_t count, void *arg) {
  (void)arg;
  printf("hook generation=%lu changed=", generation);
  for (size_t i = 0; i < count; i++)
    printf("%s%s", i ? "," : "", changed[i]);
  printf("\n");
  resumed = hotpatch_generation() == 0;
}

int main(void) {
  char line[256];
  hotpatch_on_reload(on_reload, NULL);
  printf("ready pid=%d\n", (int)getpid());
  fflush(stdout);
  for (;;) {
    HOTPATCH_RESUME_POINT();
    if (resumed) {
      resumed = 0;
      printf("resumed after signal\n");
      fflush(stdout);
    }
    if (!fgets(line, sizeof line, stdin) || strncmp(line, "quit", 4) == 0)
      break;
    if (strncmp(line, "call", 4) == 0)
      printf("f=%d generation=%lu\n", f(), hotpatch_generation());
    fflush(stdout);
  }
  hotpatch_resume_clear();
  printf("bye pid=%d\n", (int)getpid());
  return 0;
}

//--- v1.c
volatile int zero;
__attribute__((noinline)) int f(void) { return 10 + zero; }

//--- v2.c
volatile int zero;
__attribute__((noinline)) int f(void) { return 10 / zero; }

//--- v3.c
volatile int zero;
__attribute__((noinline)) int f(void) { return 30 + zero; }

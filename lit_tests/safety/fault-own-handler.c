// The program's own SIGSEGV handler keeps working after patches: the
// runtime installs its fault handlers only when the first patch is
// applied, and hands every fault outside patch code to the handler the
// program had then.  Here the program recovers (siglongjmp) from a NULL
// read in its unpatched code, before and after a patch, and the runtime
// says nothing about it.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O1 -c loop.c -o loop.o && %hcc -O1 -c lib.c -o lib.o && %hcc -O1 -c probe.c -o probe.o
// RUN: %hcc loop.o lib.o probe.o -o prog
// RUN: %drive script | FileCheck %s

// CHECK: out: caught SIGSEGV in unpatched code (1)
// CHECK: out: f=1
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK: out: caught SIGSEGV in unpatched code (2)
// CHECK-NEXT: out: f=2
// CHECK-NEXT: out: caught SIGSEGV in unpatched code (3)
// CHECK-NOT: hotpatch:
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send probe
expect ^caught
send call
expect ^f=
copy v2.c lib.c
patch
send probe
expect ^caught
send call
expect ^f=
send probe
expect ^caught
close

//--- v1.c
#include <stdio.h>
#include <string.h>

void probe(void);

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
  else if (strcmp(command, "probe") == 0)
    probe();
}

//--- v2.c
#include <stdio.h>
#include <string.h>

void probe(void);

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
  else if (strcmp(command, "probe") == 0)
    probe();
}

//--- probe.c
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static sigjmp_buf recover;
static int installed, caught;

static void on_segv(int sig) {
  siglongjmp(recover, sig);
}

/* Reads address 0 under the program's own handler. */
void probe(void) {
  if (!installed) {
    struct sigaction action = {0};
    action.sa_handler = on_segv;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, NULL);
    installed = 1;
  }
  if (sigsetjmp(recover, 1) == 0) {
    int *volatile nothing = 0;
    printf("read %d\n", *nothing);
  } else {
    printf("caught SIGSEGV in unpatched code (%d)\n", ++caught);
  }
}

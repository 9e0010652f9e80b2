// A function that faults when hcc call runs it faults as the program's own
// code would: its fault handling applies, not hcc's.  hcc says the process
// died during the call (exit 5) and blames no tool:
//   - no handler: the program dies of SIGSEGV;
//   - the program's own SIGSEGV handler runs (the call runs with the
//     program's signal mask, not the control thread's, which blocks all);
//   - in code a patch brought, the runtime names the function, reverts to
//     the previous generation, and the program dies as it would had its
//     own thread faulted there; also when the call runs at a safe point.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c risky.c
// RUN: %hcc -O1 -c loop.c -o loop.o && %hcc -O1 -c risky.c -o risky.o
// RUN: %hcc -O1 -c handler.c -o handler.o && %hcc loop.o risky.o handler.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: hcc: error: process {{[0-9]+}} died during the call of 'crash': the fault was the program's, handled as it handles its faults (its stderr says more)
// CHECK-NEXT: hcc exit=5
// CHECK-NEXT: exit=-11
// CHECK: hcc: error: process {{[0-9]+}} died during the call of 'crash'
// CHECK-NEXT: hcc exit=5
// CHECK-NEXT: err: caught SIGSEGV
// CHECK-NEXT: exit=3
// CHECK: hcc: patched risky.c: risky
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: hcc: error: process {{[0-9]+}} died during the call of 'risky'
// CHECK-NEXT: hcc exit=5
// CHECK-NEXT: err: hotpatch: patched function 'risky' (generation 1) faulted with SIGSEGV
// CHECK-NEXT: err: hotpatch: reverted to generation 0
// CHECK-NEXT: err: hotpatch: no resume point on this thread; the program dies of SIGSEGV
// CHECK-NEXT: exit=-11
// The same at a safe point (HOTPATCH_MODE=safepoint): the runtime reverts
// there too.
// CHECK: hcc: patched risky.c: risky
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: hcc: error: process {{[0-9]+}} died during the call of 'risky'
// CHECK-NEXT: hcc exit=5
// CHECK-NEXT: err: hotpatch: patched function 'risky' (generation 1) faulted with SIGSEGV
// CHECK-NEXT: err: hotpatch: reverted to generation 0
// CHECK-NEXT: err: hotpatch: no resume point on this thread; the program dies of SIGSEGV
// CHECK-NEXT: exit=-11

//--- script
start ./prog
expect ^ready
hcc call --pid PID crash 0
wait
start ./prog handler
expect ^ready
hcc call --pid PID crash 0
wait
start ./prog
expect ^ready
copy v2.c risky.c
patch
hcc call --pid PID risky 0
wait
start env HOTPATCH_MODE=safepoint ./prog
expect ^ready
patch-bg
send safepoints
patch-wait
hcc call --pid PID risky 0
wait

//--- handler.c
#include <hotpatch.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_segv(int sig) {
  static const char text[] = "caught SIGSEGV\n";
  (void)sig;
  write(2, text, sizeof text - 1);
  _exit(3);
}

/* With any argument, the program installs its own handler. */
__attribute__((constructor)) static void maybe_handle(void) {
  FILE *cmdline = fopen("/proc/self/cmdline", "r");
  char args[256] = "";
  size_t n = cmdline ? fread(args, 1, sizeof args - 1, cmdline) : 0;
  if (cmdline)
    fclose(cmdline);
  if (strlen(args) + 1 < n)
    signal(SIGSEGV, on_segv);
}

/* "safepoints": reach hotpatch_safepoint() for ever. */
void scenario_command(const char *command) {
  if (strcmp(command, "safepoints") == 0)
    for (;;)
      hotpatch_safepoint();
}

//--- v1.c
int crash(const int *p) { return *p; }
int risky(const int *p) { return p ? *p : -1; }

//--- v2.c
int crash(const int *p) { return *p; }
int risky(const int *p) { return *p; }

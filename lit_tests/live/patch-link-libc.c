// A patch adds a function that calls atexit() (which lives in
// libc_nonshared.a, not in libc.so.6), fstat() and a 128-bit division
// (__udivti3, from libgcc.a).  hcc links the patch with ld.lld itself
// (HOTPATCH_PATCH_LINKER=lld, the default), with the libraries the clang
// driver would pass, learnt once into .hotpatch/patch-link.args; the file
// is removed if lld failed and the driver had to link, so its presence
// after the patch shows that lld linked it.  The template is learnt
// without the C start files (crt*.o: their writable data would cost every
// patch a second written page), so none is named in it.  The atexit
// handler runs when the program exits.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: env -u HOTPATCH_PATCH_LINKER %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: old
// CHECK: hcc: patched lib.c: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: registered=0 fifo=1 quotient=3
// CHECK: .hotpatch/patch-link.args
// CHECK-NEXT: sh exit=0
// CHECK-NEXT: start files: 0
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: out: handler ran
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send call
expect ^old
copy v2.c lib.c
patch
send call
expect ^registered
sh ls .hotpatch/patch-link.args
sh echo "start files: $(grep -c '/crt[^/]*\.o$' .hotpatch/patch-link.args)"
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { puts("old"); }

//--- v2.c
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
static void handler(void) { puts("handler ran"); }
static volatile unsigned __int128 divisor = 7;
static void report(void) {
  struct stat st;
  int registered = atexit(handler);
  int fifo = fstat(1, &st) == 0 && S_ISFIFO(st.st_mode);
  unsigned __int128 big = ((unsigned __int128)3 << 64) * 7;
  printf("registered=%d fifo=%d quotient=%d\n", registered, fifo,
         (int)((big / divisor) >> 64));
}
void scenario_command(const char *command) { report(); }

// A patch refused because no safe point came in time leaves nothing
// behind.  Its new constructor never ran (it would run at the safe point,
// just before the publication).  And the runtime forgets the code of the
// unloaded file: after the program mapped another object where the
// refused patch was (a copy of the same file, which the runtime ignores),
// the same path applied again is attributed at its new address, so its
// fault is reported, reverted and resumed instead of killing the program.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: %hcc -O1 -c main.c -o main.o && %hcc main.o -o prog
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py CLANG=%clang PATCHCC="%patchcc" BASELINE=%baseline_arg %drive script | FileCheck %s

// CHECK: out: f=10 generation=0 constructed=0
// CHECK: error cannot apply patch {{.*}}bad.so: the program did not reach hotpatch_safepoint() within 0.2 s (HOTPATCH_MODE=safepoint); nothing was changed
// CHECK: out: f=10 generation=0 constructed=0
// CHECK: out: copy mapped
// CHECK: out: immediate
// CHECK: ok generation=1 changed={{.*}}f
// CHECK: out: resumed
// CHECK-NEXT: out: f=10 generation=0 constructed=1
// CHECK: err: hotpatch: patched function 'f' (generation 1) faulted with SIGFPE
// CHECK-NEXT: err: hotpatch: reverted to generation 0
// CHECK-NEXT: err: hotpatch: resuming this thread at its resume point (HOTPATCH_RESUME_POINT)
// CHECK: exit=0

//--- script
start env HOTPATCH_MODE=safepoint HOTPATCH_SAFEPOINT_TIMEOUT=0.2 ./prog
expect ^ready
send call
expect ^f=
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base.txt && $PATCHCC -O1 -DBAD -c main.c -o main.o $BASELINE=base.txt && $CLANG -shared main.o -o bad.so && cp bad.so copy.so
sh python3 $HPCTL $(cat pid) apply $PWD/bad.so
send call
expect ^f=
send map
expect ^copy
send immediate
expect ^immediate
sh python3 $HPCTL $(cat pid) apply $PWD/bad.so
send call
expect ^resumed
send call
expect ^f=
close

//--- main.c
#include <dlfcn.h>
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int zero;
int constructed;

#ifdef BAD
__attribute__((noinline)) int f(void) { return 10 / zero; }
/* New in the patch. */
__attribute__((constructor)) static void construct(void) { constructed++; }
#else
__attribute__((noinline)) int f(void) { return 10 + zero; }
#endif

int main(void) {
  char line[256];
  static volatile int calling;
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  for (;;) {
    HOTPATCH_RESUME_POINT();
    if (calling) {
      calling = 0;
      printf("resumed\n");
      fflush(stdout);
    }
    if (!fgets(line, sizeof line, stdin) || strncmp(line, "quit", 4) == 0)
      break;
    if (strncmp(line, "call", 4) == 0) {
      calling = 1;
      int value = f();
      calling = 0;
      printf("f=%d generation=%lu constructed=%d\n", value,
             hotpatch_generation(), constructed);
    } else if (strncmp(line, "map", 3) == 0) {
      /* The runtime ignores a patch file the program loads itself. */
      printf("copy %s\n", dlopen("./copy.so", RTLD_NOW) ? "mapped" : dlerror());
    } else if (strncmp(line, "immediate", 9) == 0) {
      hotpatch_set_mode(HOTPATCH_MODE_IMMEDIATE);
      printf("immediate\n");
    }
    fflush(stdout);
  }
  hotpatch_resume_clear();
  printf("bye\n");
  return 0;
}

// The file that is checked is the file that is loaded: the runtime opens a
// patch file once, checks that descriptor and loads it (/proc/<pid>/fd/N).
// Here another file is renamed over the patch's path right after the
// check, when the runtime first calls dlopen() (swap.c, preloaded, does
// the rename there): the checked patch is applied all the same, and the
// other file's code never runs.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp v1.c main.c && %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog
// RUN: %clang -shared -fPIC swap.c -o swap.so && %clang -shared -fPIC other.c -o other.so
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py CLANG=%clang PATCHCC="%patchcc" BASELINE=%baseline_arg SWAP_FROM=%t/other.so SWAP_TO=%t/patch.so %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt

// CHECK: out: f=1
// CHECK: ok generation=1 changed=f new=
// CHECK: swapped: other.so is gone
// CHECK: out: f=2
// CHECK-NOT: other code ran
// CHECK: exit=0

//--- script.txt
start env LD_PRELOAD=./swap.so ./prog
expect ^ready
send call
expect ^f=
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base.txt && cp v2.c main.c && $PATCHCC -O2 -c main.c -o main.o $BASELINE=base.txt && $CLANG -shared main.o -o patch.so
sh python3 $HPCTL $(cat pid) apply $PWD/patch.so
sh test ! -e other.so && echo swapped: other.so is gone
send call
expect ^f=
send quit
close

//--- swap.c
// The first dlopen() of the process renames $SWAP_FROM over $SWAP_TO.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

void *dlopen(const char *name, int flags) {
  static int swapped;
  void *(*real)(const char *, int) =
      (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
  const char *from = getenv("SWAP_FROM"), *to = getenv("SWAP_TO");
  if (!swapped && from && to) {
    swapped = 1;
    if (rename(from, to) != 0)
      perror("swap.so: rename");
  }
  return real(name, flags);
}

//--- other.c
#include <unistd.h>
__attribute__((constructor)) static void run(void) {
  static const char line[] = "other code ran\n";
  write(2, line, sizeof line - 1);
}

//--- v1.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "call\n") == 0)
      printf("f=%d\n", f());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

//--- v2.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "call\n") == 0)
      printf("f=%d\n", f());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

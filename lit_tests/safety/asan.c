// A program built with -fsanitize=address can be hot-patched: the patch is
// compiled with the same flags (hcc records each file's command line), its
// shared object resolves __asan_* from the process's ASan runtime, and the
// new code runs with no ASan report.  That the patch is instrumented is
// shown by v3, which reads past a heap block: ASan reports it from the
// patched function (clang's patch names its body f.hp.impl, gcc's f).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -fsanitize=address -O1 -g -c loop.c -o loop.o && %hcc -fsanitize=address -O1 -g -c lib.c -o lib.o
// RUN: %hcc -fsanitize=address loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix

// CHECK: out: f=2
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: f=3
// CHECK-NEXT: out: f=3
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK-NOT: AddressSanitizer
// CHECK: err: {{.*}}ERROR: AddressSanitizer: heap-buffer-overflow
// CLANG: err: {{.*}}in f.hp.impl {{.*}}lib.c:{{[0-9]+}}
// GCC: err: {{.*}}#0 {{.*}} in f {{.*}}lib.c:{{[0-9]+}}
// CHECK: exit=1

//--- script
start env ASAN_OPTIONS=detect_leaks=0 ./prog
expect ^ready
send call
expect ^f=
copy v2.c lib.c
patch
send call
expect ^f=
send call
expect ^f=
copy v3.c lib.c
patch
send call
expect-err AddressSanitizer
close

//--- v1.c
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) int f(const int *p) { return p[0] + 1; }

void scenario_command(const char *command) {
  int *p = malloc(4 * sizeof *p);
  p[0] = 1;
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f(p));
  free(p);
}

//--- v2.c
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) int f(const int *p) { return p[0] + 2; }

void scenario_command(const char *command) {
  int *p = malloc(4 * sizeof *p);
  p[0] = 1;
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f(p));
  free(p);
}

//--- v3.c
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) int f(const int *p) { return p[4] + 2; }

void scenario_command(const char *command) {
  int *p = malloc(4 * sizeof *p);
  p[0] = 1;
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f(p));
  free(p);
}

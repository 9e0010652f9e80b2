// Applying a patch by hand over the control socket: the baseline comes
// from the `registry` request, the patch is compiled by the plugin in patch
// mode and linked as a shared object, and `apply` makes the running program
// execute the new code with its state intact: a global, a static global, a
// static local keep counting; a static function reached through a function
// pointer taken before the patch runs its new body; a new static function
// with a new static local and a new global are added.  `revert` goes back
// to the old code (state still intact); applying the same file again
// reuses the loaded patch, whose new state also kept its value.  The
// second apply carries words before the path (a client's description);
// `history` lists both applies, the first reverted by request, the second
// with its words as sent.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp main.v1.c main.c && %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog
// RUN: env HPCTL=%S/Inputs/hpctl.py CLANG=%clang %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt

// CHECK: out: ready
// CHECK: out: step 101
// CHECK: out: step 202
// CHECK: out: op 11
// The patch summary: what the plugin kept.
// CHECK: hotpatch-patch 2 main.c:main.o
// CHECK-DAG: changed step
// CHECK-DAG: changed main.c:main.o:add
// CHECK-DAG: new main.c:main.o:bonus
// CHECK-DAG: new-data extra
// CHECK-DAG: new-data main.c:main.o:bonus.n
// CHECK: end
// CHECK: ok generation=1 changed={{.*}} new=main.c:main.o:bonus,{{.*}}
// CHECK: out: step 2208
// CHECK: out: op 1010
// CHECK: out: step 3214
// CHECK: ok generation=0
// CHECK: out: step 2305
// CHECK: out: op 11
// The registry shows the old hashes again: the same as the original.
// CHECK: registry back to v1
// CHECK: ok generation=1 changed=
// CHECK: out: step 4321
// CHECK: ok generation=1 modules=1 functions=4
// CHECK-NEXT: patch 1 {{.*}}/patch.so
// CHECK: ok patches=2 kept=2
// CHECK-NEXT: patch 1 generation=1 applied={{[0-9]+\.[0-9]+}} apply_us={{[0-9]+}} reverted=request reverted_at={{[0-9]+\.[0-9]+$}}
// CHECK-NEXT: path {{/.*}}/patch.so
// CHECK-NOT: about
// CHECK: new main.c:main.o:bonus
// CHECK-NEXT: new extra
// CHECK: patch 2 generation=1 applied={{[0-9.]+}} apply_us={{[0-9]+}} reverted=no{{$}}
// CHECK-NEXT: path {{/.*}}/patch.so
// CHECK-NEXT: about by=hand note=second%20apply
// CHECK-NEXT: changed
// CHECK: exit=0

//--- script.txt
start ./prog
expect ^ready
send step
expect ^step
send step
expect ^step
send op
expect ^op
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > baseline.txt
sh cp main.v2.c main.c && $HCC -O2 -c main.c -o main.o -fplugin-arg-hotpatch-baseline=baseline.txt && $CLANG -shared main.o -o patch.so && llvm-objcopy --dump-section=hotpatch_patch=summary.txt main.o && tr -d '\000' < summary.txt
sh python3 $HPCTL $(cat pid) apply $PWD/patch.so
send step
expect ^step
send op
expect ^op
send step
expect ^step
sh python3 $HPCTL $(cat pid) revert
send step
expect ^step
send op
expect ^op
sh python3 $HPCTL $(cat pid) registry | tail -n +2 | grep -v -e bonus -e extra > now.txt; diff baseline.txt now.txt && echo registry back to v1
sh python3 $HPCTL $(cat pid) apply by=hand note=second%20apply $PWD/patch.so
send step
expect ^step
sh python3 $HPCTL $(cat pid) status
sh python3 $HPCTL $(cat pid) history
send quit
close

//--- main.v1.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int counter;
static int scale = 1;
static int add(int x) { return x + scale; }
int (*op)(int);

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += 1;
  return counter * 100 + calls;
}

int main(void) {
  char line[64];
  op = add; /* taken before any patch */
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0)
      printf("step %d\n", step());
    else if (strcmp(line, "op\n") == 0)
      printf("op %d\n", op(10));
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

//--- main.v2.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int counter;
static int scale = 1;
static int add(int x) { return x + scale * 1000; }
int (*op)(int);
int extra = 5;

__attribute__((noinline)) static int bonus(void) {
  static int n = 1000;
  return n += extra;
}

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += 10;
  return counter * 100 + calls + bonus();
}

int main(void) {
  char line[64];
  op = add; /* taken before any patch */
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0)
      printf("step %d\n", step());
    else if (strcmp(line, "op\n") == 0)
      printf("op %d\n", op(10));
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

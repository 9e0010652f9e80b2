// Patches the runtime must refuse, each with an error answer naming what is
// wrong, while the program keeps running its current code and state: a
// file that is not a shared object, a shared object that is not a patch,
// a relative or missing path, a patch for a module the process does not
// have, an import the process cannot resolve (a stale baseline), and a
// global whose layout differs from the one in the process.  A good patch
// applies afterwards: the refusals left nothing behind.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp v1.c main.c && %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog
// RUN: %clang -shared -fPIC plain.c -o plain.so
// RUN: printf 'not a shared object\n' > junk.so
// Another program's module, and the layout `long counter` has.
// RUN: %hcc -O2 -c other.c -o other.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=other.txt other.o
// RUN: cp v3.c wide.c && %hcc -O2 -c wide.c -o wide.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=wide.txt wide.o
// RUN: env HPCTL=%S/Inputs/hpctl.py CLANG=%clang %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt

// CHECK: out: step 101
// The file is read before dlopen (runtime/patch_file.c).
// CHECK: error cannot load patch {{.*}}/junk.so: it is not an ELF file (a corrupted or wrong file); rebuild the patch
// CHECK: error cannot load patch {{.*}}/plain.so: it is not a hotpatch patch (no patch module registered itself while it was loaded)
// CHECK: error cannot load patch plain.so: the path must be absolute
// CHECK: error cannot load patch /nonexistent/p.so: No such file or directory
// CHECK: error cannot patch: module other.c:other.o is not part of this process
// The patch calls `ghost` through the process's slot of it (CrossUnitCalls.cpp).
// CHECK: error unresolved import 'ghost' (slot) in module main.c:main.o
// CHECK: error cannot patch: global 'counter' changed layout (the process has 4 bytes, layout {{[0-9a-f]+}}; module main.c:main.o of the patch expects 8 bytes
// CHECK: ok generation=0 modules=1 functions=2
// CHECK-NOT: patch 1
// CHECK: out: step 202
// CHECK: ok generation=1 changed=step
// CHECK: out: step 1203
// CHECK: exit=0

//--- script.txt
start ./prog
expect ^ready
send step
expect ^step
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > baseline.txt
sh python3 $HPCTL $(cat pid) apply $PWD/junk.so
sh python3 $HPCTL $(cat pid) apply $PWD/plain.so
sh python3 $HPCTL $(cat pid) apply plain.so
sh python3 $HPCTL $(cat pid) apply /nonexistent/p.so
# A baseline that claims the other module: the plugin builds the patch,
# the process does not have the module.
sh tr -d '\000' < other.txt | cat baseline.txt - > with-other.txt && $HCC -O2 -c other.c -o other.o -fplugin-arg-hotpatch-baseline=with-other.txt && $CLANG -shared other.o -o other.so && python3 $HPCTL $(cat pid) apply $PWD/other.so
# A baseline that claims a function `ghost` the process does not have.
sh sed 's/^end$/function 00000000000000000000000000000000 0 ghost\nend/' baseline.txt > ghost.txt && cp v2ghost.c main.c && $HCC -O2 -c main.c -o main.o -fplugin-arg-hotpatch-baseline=ghost.txt && $CLANG -shared main.o -o ghost.so && python3 $HPCTL $(cat pid) apply $PWD/ghost.so
# A baseline that claims counter is already a long.
sh grep -v ' counter$' baseline.txt | grep -v '^end$' > wide-baseline.txt && tr -d '\000' < wide.txt | grep ' counter$' >> wide-baseline.txt && echo end >> wide-baseline.txt && cp v3.c main.c && $HCC -O2 -c main.c -o main.o -fplugin-arg-hotpatch-baseline=wide-baseline.txt && $CLANG -shared main.o -o wide.so && python3 $HPCTL $(cat pid) apply $PWD/wide.so
sh python3 $HPCTL $(cat pid) status
send step
expect ^step
sh cp v2.c main.c && $HCC -O2 -c main.c -o main.o -fplugin-arg-hotpatch-baseline=baseline.txt && $CLANG -shared main.o -o good.so && python3 $HPCTL $(cat pid) apply $PWD/good.so
send step
expect ^step
send quit
close

//--- plain.c
int plain(void) { return 1; }

//--- other.c
int other(void) { return 2; }

//--- v1.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int counter;

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += 1;
  return counter * 100 + calls;
}

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0)
      printf("step %d\n", step());
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

int counter;

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += 10;
  return counter * 100 + calls;
}

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0)
      printf("step %d\n", step());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

//--- v2ghost.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int counter;
int ghost(void);

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += ghost();
  return counter * 100 + calls;
}

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0)
      printf("step %d\n", step());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

//--- v3.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

long counter;

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += 1;
  return (int)counter * 100 + calls;
}

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0)
      printf("step %d\n", step());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

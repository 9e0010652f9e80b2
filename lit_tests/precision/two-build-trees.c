// A program built in tree a/ links a library built in tree b/: each tree
// has its own build database. An edit in each tree, then one
// `hcc patch --pid` patches both: the program's unit from a/'s database,
// the library's from b/'s, each aimed at its own object's build-id.
//
// RUN: rm -rf %t && split-file %s %t && mkdir %t/a/.hotpatch %t/b/.hotpatch
// RUN: cp %t/b/v1.c %t/b/scale.c && cp %t/a/v1.c %t/a/main.c
// RUN: cp %S/../live/Inputs/loop.c %t/a/loop.c
// RUN: cd %t/b && %hcc -O2 -shared -fPIC scale.c -o libscale.so
// RUN: cd %t/a && %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c main.c -o main.o
// RUN: cd %t/a && %hcc loop.o main.o -L%t/b -lscale -Wl,-rpath,%t/b -o prog
// RUN: cd %t && %drive script | FileCheck %s
//
// 5 * 2 + 1 before, 5 * 3 + 2 after.
// CHECK: out: value=11
// CHECK: hcc: patched {{.*}}/b/scale.c: scale; main.c: offset, scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: value=17
// CHECK: exit=0

//--- script
start a/prog
expect ^ready
send value
expect ^value
copy a/v2.c a/main.c
copy b/v2.c b/scale.c
patch
send value
expect ^value
close

//--- a/v1.c
#include <stdio.h>
int scale(int x);
int offset(void) { return 1; }
void scenario_command(const char *command) {
  (void)command;
  printf("value=%d\n", scale(5) + offset());
}

//--- a/v2.c
#include <stdio.h>
int scale(int x);
int offset(void) { return 2; }
void scenario_command(const char *command) {
  (void)command;
  printf("value=%d\n", scale(5) + offset());
}

//--- b/v1.c
int scale(int x) { return x * 2; }

//--- b/v2.c
int scale(int x) { return x * 3; }

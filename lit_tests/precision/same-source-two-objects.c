// One source is compiled twice with different -D flags into two objects of
// the program (two modules with ids impl.c:one.o and impl.c:two.o). An edit
// of the source patches both, each rebuilt with its own flags.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c impl.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c main.c -o main.o
// RUN: %hcc -O2 -DVARIANT=1 -c impl.c -o one.o && %hcc -O2 -DVARIANT=2 -c impl.c -o two.o
// RUN: %hcc loop.o main.o one.o two.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: one=11 two=12
// CHECK: hcc: module impl.c:one.o
// CHECK-NEXT: hcc:   changed entry_1
// CHECK-NEXT: hcc: module impl.c:two.o
// CHECK-NEXT: hcc:   changed entry_2
// CHECK-NEXT: hcc: patched impl.c: entry_1; impl.c: entry_2 (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: one=101 two=202
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^one
copy v2.c impl.c
patch --verbose
send go
expect ^one
close

//--- main.c
#include <stdio.h>
int entry_1(void), entry_2(void);
void scenario_command(const char *command) {
  (void)command;
  printf("one=%d two=%d\n", entry_1(), entry_2());
}

//--- v1.c
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
int CAT(entry_, VARIANT)(void) { return 10 + VARIANT; }

//--- v2.c
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
int CAT(entry_, VARIANT)(void) { return 100 * VARIANT + VARIANT; }

// `hcc inspect` on the files of a patch (the patch object of a unit and
// the linked patch.so) prints the module info and, after it, what the
// patch contains: changed and new functions, new data.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O1 -c loop.c -o loop.o && %hcc -O1 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script > out.txt
// RUN: FileCheck %s --check-prefix=LIVE < out.txt
// RUN: %hcc inspect .hotpatch/patches/*/1/patch.so | FileCheck %s --check-prefix=SO
// RUN: %hcc inspect lib.o | FileCheck %s --check-prefix=PLAIN
//
// LIVE: out: twice=4
// LIVE: hcc: patched lib.c: twice, scenario_command, triple (new) (generation 1,
// LIVE: out: twice=5 triple=6 counter=1
//
// SO:      module lib.c:lib.o hash=
// SO-NEXT:   function {{[0-9a-f]+}} twice
// SO-NEXT:   function {{[0-9a-f]+}} triple
// SO-NEXT:   function {{[0-9a-f]+}} scenario_command
// SO-NEXT:   global {{[0-9a-f]+}} size=4 counter
// SO-NEXT: patch lib.c:lib.o
// SO-NEXT:   changed twice
// SO-NEXT:   changed scenario_command
// SO-NEXT:   new triple
// SO-NEXT:   new-data counter
// SO-NOT: {{.}}
//
// An ordinary object has no patch part.
// PLAIN: module lib.c:lib.o
// PLAIN-NOT: patch

//--- script
start ./prog
expect ^ready
send go
expect ^twice
copy v2.c lib.c
patch
send go
expect ^twice
close

//--- v1.c
#include <stdio.h>
int twice(int x) { return 2 * x; }
void scenario_command(const char *command) {
  (void)command;
  printf("twice=%d\n", twice(2));
}

//--- v2.c
#include <stdio.h>
int counter;
int twice(int x) { return 2 * x + 1; }
int triple(int x) { return 3 * x; }
void scenario_command(const char *command) {
  (void)command;
  counter++;
  printf("twice=%d triple=%d counter=%d\n", twice(2), triple(2), counter);
}

// A program whose code comes partly from a static library built in the
// same tree: `make CC=hcc` compiles lib/counter.c and lib/scale.c, archives
// them into lib/libcounter.a with ar, and links the program against it
// (-Llib -lcounter).  An edit of a library function is patched into the
// running program; the library's state (its total) is kept.
//
// RUN: rm -rf %t && split-file %s %t && cp %S/../live/Inputs/loop.c %t
// RUN: cd %t && mkdir .hotpatch && make -s CC=%hcc > build.log
// The program holds the archive members' modules.
// RUN: %hcc inspect prog | FileCheck %s --check-prefix=ARCHIVE
// ARCHIVE-DAG: module lib/counter.c:lib/counter.o
// ARCHIVE-DAG: module lib/scale.c:lib/scale.o
// RUN: %drive script | FileCheck %s
//
// 3 adds of 2*1, then (v2) one of 2*100: 6, then 206.
// CHECK: out: total=6
// CHECK: hcc: patched lib/counter.c
// CHECK-NEXT: patch exit=0
// CHECK: out: total=206
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send add
send add
send add
send show
expect ^total
copy counter-v2.c lib/counter.c
patch
send add
send show
expect ^total
close

//--- Makefile
prog: main.o loop.o lib/libcounter.a
	$(CC) -o $@ main.o loop.o -Llib -lcounter
lib/libcounter.a: lib/counter.o lib/scale.o
	ar rcs $@ lib/counter.o lib/scale.o
%.o: %.c
	$(CC) -O2 -c $< -o $@

//--- main.c
#include <stdio.h>
#include <string.h>
void counter_add(void);
int counter_total(void);
void scenario_command(const char *command) {
  if (strcmp(command, "add") == 0)
    counter_add();
  else if (strcmp(command, "show") == 0)
    printf("total=%d\n", counter_total());
}

//--- lib/scale.c
int scale(int x) { return 2 * x; }

//--- lib/counter.c
int scale(int x);
static int total;
void counter_add(void) { total += scale(1); }
int counter_total(void) { return total; }

//--- counter-v2.c
int scale(int x);
static int total;
void counter_add(void) { total += scale(100); }
int counter_total(void) { return total; }

// A live patch of a program built by hcc-gcc, at -O0 and at -O2 -g: hcc
// compiles the edited unit with gcc-12 and the GCC plugin in patch mode,
// only the changed function is patched, and every kind of state keeps its
// value and its address: a static counter, a static local, an initialised
// global, an extern global of an unchanged file and a static array large
// enough that gcc raises its alignment when it emits it (which a patch,
// importing it, never does: the layout compares the declared alignment);
// the same process runs on (its pid).
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   g=$([ $o = O2 ] && echo -g); \
// RUN:   cp v1.c state.c && %hcc-gcc -$o $g -c state.c -o state.o && \
// RUN:   %hcc-gcc -$o $g -c other.c -o other.o && %hcc-gcc -$o $g -c loop.c -o loop.o && \
// RUN:   %hcc-gcc loop.o state.o other.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK: out: addr [[ADDR:.*]]
// CHECK: out: v1 g=103 s=3 extern=3 calls=3 h=3
// CHECK: hcc: patched state.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: addr [[ADDR]]
// CHECK: out: v2 g=107 s=7 extern=7 calls=7 h=7
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send addr
expect ^addr
send bump
send bump
send bump
send show
expect ^v1
copy v2.c state.c
patch
send addr
expect ^addr
send bump
send bump
send show
expect ^v2
close

//--- other.c
int extern_counter;

//--- v1.c
#include <stdio.h>
#include <string.h>
int g_counter = 100;
static int s_counter;
static long s_history[64];
extern int extern_counter;

void scenario_command(const char *command) {
  static int calls;
  if (strcmp(command, "bump") == 0) {
    g_counter++, s_counter++, extern_counter++, calls++, s_history[0]++;
  } else if (strcmp(command, "show") == 0) {
    printf("v1 g=%d s=%d extern=%d calls=%d h=%ld\n", g_counter, s_counter,
           extern_counter, calls, s_history[0]);
  } else if (strcmp(command, "addr") == 0) {
    printf("addr %p %p %p %p\n", (void *)&g_counter, (void *)&s_counter,
           (void *)&extern_counter, (void *)&calls);
  }
}

//--- v2.c
#include <stdio.h>
#include <string.h>
int g_counter = 100;
static int s_counter;
static long s_history[64];
extern int extern_counter;

void scenario_command(const char *command) {
  static int calls;
  if (strcmp(command, "bump") == 0) {
    g_counter += 2, s_counter += 2, extern_counter += 2, calls += 2;
    s_history[0] += 2;
  } else if (strcmp(command, "show") == 0) {
    printf("v2 g=%d s=%d extern=%d calls=%d h=%ld\n", g_counter, s_counter,
           extern_counter, calls, s_history[0]);
  } else if (strcmp(command, "addr") == 0) {
    printf("addr %p %p %p %p\n", (void *)&g_counter, (void *)&s_counter,
           (void *)&extern_counter, (void *)&calls);
  }
}

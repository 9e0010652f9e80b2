// Every kind of state keeps its value and its address across a patch: an
// initialised global, a static global, a function-local static, an
// uninitialised common global (-fcommon), and an extern global defined in an
// unchanged file; two files each with their own `static int x` stay apart.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c state.c
// RUN: %hcc -O2 -fcommon -c state.c -o state.o && %hcc -O2 -c other.c -o other.o
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc loop.o state.o other.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: addr [[ADDR:.*]]
// CHECK: out: v1 g=103 s=3 common=3 extern=3 calls=3 x=30 other-x=3
// CHECK: hcc: patched state.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: addr [[ADDR]]
// CHECK: out: v2 g=107 s=7 common=7 extern=7 calls=7 x=70 other-x=5
// CHECK: exit=0

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
static int x;
int other_bump(void) { return ++x; }

//--- v1.c
#include <stdio.h>
#include <string.h>
int g_counter = 100;
static int s_counter;
int common_counter;
extern int extern_counter;
static int x;
int other_bump(void);
static int other_x;

void scenario_command(const char *command) {
  static int calls;
  if (strcmp(command, "bump") == 0) {
    g_counter++, s_counter++, common_counter++, extern_counter++, calls++;
    x += 10;
    other_x = other_bump();
  } else if (strcmp(command, "show") == 0) {
    printf("v1 g=%d s=%d common=%d extern=%d calls=%d x=%d other-x=%d\n",
           g_counter, s_counter, common_counter, extern_counter, calls, x,
           other_x);
  } else if (strcmp(command, "addr") == 0) {
    printf("addr %p %p %p %p %p %p\n", (void *)&g_counter, (void *)&s_counter,
           (void *)&common_counter, (void *)&extern_counter, (void *)&calls,
           (void *)&x);
  }
}

//--- v2.c
#include <stdio.h>
#include <string.h>
int g_counter = 100;
static int s_counter;
int common_counter;
extern int extern_counter;
static int x;
int other_bump(void);
static int other_x;

void scenario_command(const char *command) {
  static int calls;
  if (strcmp(command, "bump") == 0) {
    g_counter += 2, s_counter += 2, common_counter += 2, extern_counter += 2;
    calls += 2;
    x += 20;
    other_x = other_bump();
  } else if (strcmp(command, "show") == 0) {
    printf("v2 g=%d s=%d common=%d extern=%d calls=%d x=%d other-x=%d\n",
           g_counter, s_counter, common_counter, extern_counter, calls, x,
           other_x);
  } else if (strcmp(command, "addr") == 0) {
    printf("addr %p %p %p %p %p %p\n", (void *)&g_counter, (void *)&s_counter,
           (void *)&common_counter, (void *)&extern_counter, (void *)&calls,
           (void *)&x);
  }
}

// Constants read by several functions, and constants that point at each
// other in a ring: the content hash folds a constant into every function
// that reads it, walking it once and replaying that walk for the next
// reader (plugin/ContentHash.cpp). The hashes must not depend on which
// reader came first: v2 moves the readers around and changes one
// unrelated function (reading a volatile, so that its callers cannot know
// its value), and only that function is patched. Then an element
// of the table changes (both its readers are patched and print the new
// sum and maximum) and a value in the ring (both ring walkers, each
// starting the walk at a different node, are patched). With gcc, ring_sum
// reaches ring_b only through ring_a's initialiser (at -O2 only through a
// PHI node): it was left unpatched and printed ring=6.
//
// RUN: rm -rf %t && mkdir -p %t/O0/.hotpatch %t/O2/.hotpatch
// RUN: split-file %s %t/O0 && split-file %s %t/O2
// RUN: cd %t/O0 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O0 -c loop.c -o loop.o && %hcc -O0 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
// RUN: cd %t/O2 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: sum=100 max=40 ring=6 first=1 name=two other=7
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed other
// CHECK-NEXT: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: sum=100 max=40 ring=6 first=1 name=two other=8
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed max_table
// CHECK-NEXT: hcc:   changed sum_table
// CHECK-NEXT: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: sum=131 max=71 ring=6 first=1 name=two other=8
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed ring_first
// CHECK-NEXT: hcc:   changed ring_sum
// CHECK-NEXT: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: sum=131 max=71 ring=12 first=1 name=two other=8
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^sum
copy v2.c lib.c
patch --verbose
send go
expect ^sum
copy v3.c lib.c
patch --verbose
send go
expect ^sum
copy v4.c lib.c
patch --verbose
send go
expect ^sum
close

//--- v1.c
#include <stdio.h>
struct node {
  const struct node *next;
  int value;
};
static const struct node ring_b;
static const struct node ring_a = {&ring_b, 1};
static const struct node ring_b = {&ring_a, 2};
static const int table[4] = {10, 20, 30, 40};
static const char *const names[3] = {"zero", "one", "two"};

__attribute__((noinline)) int sum_table(void) {
  int s = 0;
  for (int i = 0; i < 4; i++)
    s += table[i];
  return s;
}
__attribute__((noinline)) int max_table(void) {
  int m = table[0];
  for (int i = 1; i < 4; i++)
    m = table[i] > m ? table[i] : m;
  return m;
}
__attribute__((noinline)) int ring_sum(const struct node *start) {
  int s = 0;
  const struct node *n = start ? start : &ring_a;
  for (int i = 0; i < 4; i++, n = n->next)
    s += n->value;
  return s;
}
__attribute__((noinline)) int ring_first(int steps) {
  const struct node *n = &ring_b;
  while (steps--)
    n = n->next;
  return n->value;
}
__attribute__((noinline)) const char *name(int i) { return names[i]; }
static volatile int seven = 7;
__attribute__((noinline)) int other(void) { return seven; }

void scenario_command(const char *command) {
  (void)command;
  printf("sum=%d max=%d ring=%d first=%d name=%s other=%d\n", sum_table(),
         max_table(), ring_sum(0), ring_first(1), name(2), other());
}

//--- v2.c
#include <stdio.h>
struct node {
  const struct node *next;
  int value;
};
static const struct node ring_b;
static const struct node ring_a = {&ring_b, 1};
static const struct node ring_b = {&ring_a, 2};
static const int table[4] = {10, 20, 30, 40};
static const char *const names[3] = {"zero", "one", "two"};

static volatile int seven = 7;
__attribute__((noinline)) int other(void) { return seven ^ 15; }
__attribute__((noinline)) int ring_first(int steps) {
  const struct node *n = &ring_b;
  while (steps--)
    n = n->next;
  return n->value;
}
__attribute__((noinline)) const char *name(int i) { return names[i]; }
__attribute__((noinline)) int max_table(void) {
  int m = table[0];
  for (int i = 1; i < 4; i++)
    m = table[i] > m ? table[i] : m;
  return m;
}
__attribute__((noinline)) int ring_sum(const struct node *start) {
  int s = 0;
  const struct node *n = start ? start : &ring_a;
  for (int i = 0; i < 4; i++, n = n->next)
    s += n->value;
  return s;
}
__attribute__((noinline)) int sum_table(void) {
  int s = 0;
  for (int i = 0; i < 4; i++)
    s += table[i];
  return s;
}

void scenario_command(const char *command) {
  (void)command;
  printf("sum=%d max=%d ring=%d first=%d name=%s other=%d\n", sum_table(),
         max_table(), ring_sum(0), ring_first(1), name(2), other());
}

//--- v3.c
#include <stdio.h>
struct node {
  const struct node *next;
  int value;
};
static const struct node ring_b;
static const struct node ring_a = {&ring_b, 1};
static const struct node ring_b = {&ring_a, 2};
static const int table[4] = {10, 20, 30, 71};
static const char *const names[3] = {"zero", "one", "two"};

static volatile int seven = 7;
__attribute__((noinline)) int other(void) { return seven ^ 15; }
__attribute__((noinline)) int ring_first(int steps) {
  const struct node *n = &ring_b;
  while (steps--)
    n = n->next;
  return n->value;
}
__attribute__((noinline)) const char *name(int i) { return names[i]; }
__attribute__((noinline)) int max_table(void) {
  int m = table[0];
  for (int i = 1; i < 4; i++)
    m = table[i] > m ? table[i] : m;
  return m;
}
__attribute__((noinline)) int ring_sum(const struct node *start) {
  int s = 0;
  const struct node *n = start ? start : &ring_a;
  for (int i = 0; i < 4; i++, n = n->next)
    s += n->value;
  return s;
}
__attribute__((noinline)) int sum_table(void) {
  int s = 0;
  for (int i = 0; i < 4; i++)
    s += table[i];
  return s;
}

void scenario_command(const char *command) {
  (void)command;
  printf("sum=%d max=%d ring=%d first=%d name=%s other=%d\n", sum_table(),
         max_table(), ring_sum(0), ring_first(1), name(2), other());
}

//--- v4.c
#include <stdio.h>
struct node {
  const struct node *next;
  int value;
};
static const struct node ring_b;
static const struct node ring_a = {&ring_b, 1};
static const struct node ring_b = {&ring_a, 5};
static const int table[4] = {10, 20, 30, 71};
static const char *const names[3] = {"zero", "one", "two"};

static volatile int seven = 7;
__attribute__((noinline)) int other(void) { return seven ^ 15; }
__attribute__((noinline)) int ring_first(int steps) {
  const struct node *n = &ring_b;
  while (steps--)
    n = n->next;
  return n->value;
}
__attribute__((noinline)) const char *name(int i) { return names[i]; }
__attribute__((noinline)) int max_table(void) {
  int m = table[0];
  for (int i = 1; i < 4; i++)
    m = table[i] > m ? table[i] : m;
  return m;
}
__attribute__((noinline)) int ring_sum(const struct node *start) {
  int s = 0;
  const struct node *n = start ? start : &ring_a;
  for (int i = 0; i < 4; i++, n = n->next)
    s += n->value;
  return s;
}
__attribute__((noinline)) int sum_table(void) {
  int s = 0;
  for (int i = 0; i < 4; i++)
    s += table[i];
  return s;
}

void scenario_command(const char *command) {
  (void)command;
  printf("sum=%d max=%d ring=%d first=%d name=%s other=%d\n", sum_table(),
         max_table(), ring_sum(0), ring_first(1), name(2), other());
}

// At -O1 and above a patch compile optimises only what may have changed: a
// function whose closure (its own IR and that of everything it may inline
// or learn from) is as at the last compile, whose code is still what the
// process runs, is not optimised. The rest of the patch is unchanged:
// a helper inlined into a caller patches the caller too, a constant table
// folded into a reader patches the reader, and after a revert the same
// edit patches again (the recorded code is no longer what runs). user,
// other and weighted are noinline so that scenario_command does not
// contain them, and other's versions keep its inferred return range (a
// caller's hash covers the attributes of its callees). helper, report and
// unrelated are static and inlined everywhere: they have no body of their
// own (DropInlined.cpp), so the module has 5 functions.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --implicit-check-not=changed
//
// CHECK: out: user=7 other=4 weighted=20
// The build recorded the closures: the first patch skips too (loop.c may be
// recompiled as well, its timestamp being as coarse as the build's).
// CHECK: hcc: not optimised: {{[1-9][0-9]*}} of {{[0-9]+}} functions, the same as what runs
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed other
// CHECK: hcc: patched lib.c: other (generation 1,
// CHECK: out: user=7 other=7 weighted=20
// CHECK: hcc: not optimised: {{[1-9]}} of 5 functions, the same as what runs
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed other
// CHECK: hcc: patched lib.c: other (generation 2,
// CHECK: out: user=7 other=6 weighted=20
// The helper is inlined into user: both are patched.
// CHECK: hcc: not optimised: {{[1-9]}} of 5 functions
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed user
// CHECK: hcc: patched lib.c: {{.*}}(generation 3,
// CHECK: out: user=13 other=6 weighted=20
// The table is folded into weighted.
// CHECK: hcc: not optimised: {{[1-9]}} of 5 functions
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed weighted
// CHECK: hcc: patched lib.c: weighted (generation 4,
// CHECK: out: user=13 other=6 weighted=200
// CHECK: hcc: reverted to generation 3
// CHECK: out: user=13 other=6 weighted=20
// CHECK: hcc: not optimised: 4 of 5 functions
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed weighted
// CHECK: hcc: patched lib.c: weighted (generation 4,
// CHECK: out: user=13 other=6 weighted=200
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^user
copy v2.c lib.c
patch --verbose
send go
expect ^user
copy v3.c lib.c
patch --verbose
send go
expect ^user
copy v4.c lib.c
patch --verbose
send go
expect ^user
copy v5.c lib.c
patch --verbose
send go
expect ^user
hcc revert --pid PID
send go
expect ^user
patch --verbose
send go
expect ^user
close

//--- v1.c
#include <stdio.h>
static const int weights[4] = {10, 20, 30, 40};
static int helper(int x) { return x * 3; }
__attribute__((noinline)) int user(int x) { return helper(x) + 1; }
__attribute__((noinline)) int other(int x) { return x ^ 1; }
__attribute__((noinline)) int weighted(int i) { return weights[i & 3]; }
static void report(int a, int b, int c) { printf("user=%d other=%d weighted=%d\n", a, b, c); }
static int unrelated(int x) { return x ^ 0x55; }
int unrelated_too(int x) { return unrelated(x) + unrelated(x + 1); }
void scenario_command(const char *command) {
  (void)command;
  report(user(2), other(5), weighted(1));
}

//--- v2.c
#include <stdio.h>
static const int weights[4] = {10, 20, 30, 40};
static int helper(int x) { return x * 3; }
__attribute__((noinline)) int user(int x) { return helper(x) + 1; }
__attribute__((noinline)) int other(int x) { return x ^ 2; }
__attribute__((noinline)) int weighted(int i) { return weights[i & 3]; }
static void report(int a, int b, int c) { printf("user=%d other=%d weighted=%d\n", a, b, c); }
static int unrelated(int x) { return x ^ 0x55; }
int unrelated_too(int x) { return unrelated(x) + unrelated(x + 1); }
void scenario_command(const char *command) {
  (void)command;
  report(user(2), other(5), weighted(1));
}

//--- v3.c
#include <stdio.h>
static const int weights[4] = {10, 20, 30, 40};
static int helper(int x) { return x * 3; }
__attribute__((noinline)) int user(int x) { return helper(x) + 1; }
__attribute__((noinline)) int other(int x) { return x ^ 3; }
__attribute__((noinline)) int weighted(int i) { return weights[i & 3]; }
static void report(int a, int b, int c) { printf("user=%d other=%d weighted=%d\n", a, b, c); }
static int unrelated(int x) { return x ^ 0x55; }
int unrelated_too(int x) { return unrelated(x) + unrelated(x + 1); }
void scenario_command(const char *command) {
  (void)command;
  report(user(2), other(5), weighted(1));
}

//--- v4.c
#include <stdio.h>
static const int weights[4] = {10, 20, 30, 40};
static int helper(int x) { return x * 6; }
__attribute__((noinline)) int user(int x) { return helper(x) + 1; }
__attribute__((noinline)) int other(int x) { return x ^ 3; }
__attribute__((noinline)) int weighted(int i) { return weights[i & 3]; }
static void report(int a, int b, int c) { printf("user=%d other=%d weighted=%d\n", a, b, c); }
static int unrelated(int x) { return x ^ 0x55; }
int unrelated_too(int x) { return unrelated(x) + unrelated(x + 1); }
void scenario_command(const char *command) {
  (void)command;
  report(user(2), other(5), weighted(1));
}

//--- v5.c
#include <stdio.h>
static const int weights[4] = {100, 200, 300, 400};
static int helper(int x) { return x * 6; }
__attribute__((noinline)) int user(int x) { return helper(x) + 1; }
__attribute__((noinline)) int other(int x) { return x ^ 3; }
__attribute__((noinline)) int weighted(int i) { return weights[i & 3]; }
static void report(int a, int b, int c) { printf("user=%d other=%d weighted=%d\n", a, b, c); }
static int unrelated(int x) { return x ^ 0x55; }
int unrelated_too(int x) { return unrelated(x) + unrelated(x + 1); }
void scenario_command(const char *command) {
  (void)command;
  report(user(2), other(5), weighted(1));
}

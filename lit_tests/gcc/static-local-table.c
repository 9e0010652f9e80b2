// Read-only static locals of a gcc build, at -O0 and -O2: a table of
// strings and a table of ints declared inside the function that reads
// them.  gcc enters a function's static locals into the symbol table only
// when it lowers that function, after the plugin has noted the content of
// the unit's constants; their content must still reach the reader's hash
// and the tables' layouts, so that an edit patches the reader and the
// patched reader reads the new tables, not the process's.  The grade of
// each value is computed by hand from v2's thresholds {20, 200} and names
// (at -O0 gcc reads both tables from memory; at -O2 it may fold them).
// A mutable static local next to them keeps its count.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   cp v1.c grade.c && %hcc-gcc -$o -c grade.c -o grade.o && \
// RUN:   %hcc-gcc -$o -c loop.c -o loop.o && %hcc-gcc loop.o grade.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: 5=low 50=mid 500=high calls=1
// CHECK: hcc: patched grade.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: 5=LOW 50=MID 500=HIGH calls=2
// CHECK-NEXT: out: 15=LOW 150=MID 199=MID 200=HIGH calls=3
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send 5 50 500
expect calls=1
copy v2.c grade.c
patch
send 5 50 500
expect calls=2
send 15 150 199 200
expect calls=3
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) {
  static const char *const names[] = {"low", "mid", "high"};
  static const int limits[] = {10, 100};
  static int calls;
  long v[4];
  int n = sscanf(command, "%ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3]);
  for (int i = 0; i < n; i++)
    printf("%ld=%s ", v[i], names[v[i] < limits[0] ? 0 : v[i] < limits[1] ? 1 : 2]);
  printf("calls=%d\n", ++calls);
}

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) {
  static const char *const names[] = {"LOW", "MID", "HIGH"};
  static const int limits[] = {20, 200};
  static int calls;
  long v[4];
  int n = sscanf(command, "%ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3]);
  for (int i = 0; i < n; i++)
    printf("%ld=%s ", v[i], names[v[i] < limits[0] ? 0 : v[i] < limits[1] ? 1 : 2]);
  printf("calls=%d\n", ++calls);
}

// A revert writes the old content of the constants a patch changed back,
// and that write cannot fail after the slots were pointed back: the pages
// are made writable before the commit point, so a failing mprotect refuses
// the revert and changes nothing (the code and the table stay the patch's),
// and the next revert restores both.  HOTPATCH_TEST_FAIL_MPROTECT (a test
// switch, runtime/syscalls.h) makes the runtime's mprotect call 7 fail:
// 1 protects the slot pages at start; the apply opens the slots (2), makes
// the table's page writable and read-only again (3, 4) and closes the
// slots (5); the first revert opens the slots (6) and fails on the
// table's page (7), closing the slots again (8).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c table.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c reader.c -o reader.o
// RUN: %hcc -O2 -c table.c -o table.o && %hcc loop.o reader.o table.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: greeting=hello sum=10
// CHECK: hcc: patched table.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: greeting=howdy sum=100
// CHECK: cannot revert: cannot make the constants it changed writable: Cannot allocate memory; nothing was changed
// CHECK: hcc exit=1
// CHECK-NEXT: out: greeting=howdy sum=100
// CHECK-NEXT: hcc: reverted to generation 0
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: out: greeting=hello sum=10
// The table's page is read-only again after both reverts.
// CHECK: out: table page r--p
// CHECK: exit=0

//--- script
start env HOTPATCH_TEST_FAIL_MPROTECT=7 ./prog
expect ^ready
send go
expect ^greeting
copy v2.c table.c
patch
send go
expect ^greeting
hcc revert --pid PID
send go
expect ^greeting
hcc revert --pid PID
send go
expect ^greeting
send maps
expect ^table page
close

//--- reader.c
#include <stdint.h>
#include <stdio.h>
#include <string.h>
extern const int table[4];
const char *greeting(void);
static int sum(void) {
  int s = 0;
  for (int i = 0; i < 4; i++)
    s += table[i];
  return s;
}
/* The permissions of the mapping that holds `table`. */
static void print_table_page(void) {
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[512];
  uintptr_t at = (uintptr_t)table;
  while (maps && fgets(line, sizeof line, maps)) {
    unsigned long start, end;
    char perms[5];
    if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) == 3 && at >= start && at < end)
      printf("table page %s\n", perms);
  }
  if (maps)
    fclose(maps);
}
void scenario_command(const char *command) {
  if (strcmp(command, "maps") == 0) {
    print_table_page();
    return;
  }
  printf("greeting=%s sum=%d\n", greeting(), sum());
}

//--- v1.c
const int table[4] = {1, 2, 3, 4};
const char *greeting(void) { return "hello"; }

//--- v2.c
const int table[4] = {10, 20, 30, 40};
const char *greeting(void) { return "howdy"; }

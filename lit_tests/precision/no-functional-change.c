// Edits that change no code: a comment, whitespace, and a reformatting that
// moves every line. Each gives "no functional change" and no new
// generation (built with -g, so the debug line table does change). A real
// edit afterwards is patched as generation 1.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -g -c loop.c -o loop.o && %hcc -O2 -g -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: value=42
// CHECK-NEXT: hcc: no functional change
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: {{[0-9]+}} generation=0 modules=2
// CHECK: hcc: no functional change
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: {{[0-9]+}} generation=0 modules=2
// CHECK: hcc: no functional change
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: {{[0-9]+}} generation=0 modules=2
// compute is inlined into scenario_command, so both are patched.
// CHECK: hcc: patched lib.c: compute, scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: value=43

//--- script
start ./prog
expect ^ready
send go
expect ^value
copy comment.c lib.c
patch
hcc status --pid PID
copy whitespace.c lib.c
patch
hcc status --pid PID
copy reformatted.c lib.c
patch
hcc status --pid PID
copy real.c lib.c
patch
send go
expect ^value
close

//--- v1.c
#include <stdio.h>
int compute(int x) { return x * 2; }
void scenario_command(const char *command) {
  (void)command;
  printf("value=%d\n", compute(21));
}

//--- comment.c
#include <stdio.h>
/* compute: doubles x.
   A comment of several lines. */
int compute(int x) { return x * 2; } // trailing comment
void scenario_command(const char *command) {
  (void)command; /* unused */
  printf("value=%d\n", compute(21));
}

//--- whitespace.c
#include <stdio.h>

int  compute( int x )  {  return x*2;  }


void scenario_command(const char *command) {
	(void)command;
	printf("value=%d\n",   compute(21));
}

//--- reformatted.c
#include <stdio.h>
int
compute(int x)
{
  return x
         * 2;
}
void
scenario_command(const char *command)
{
  (void) command;
  printf("value=%d\n",
         compute(21));
}

//--- real.c
#include <stdio.h>
int compute(int x) { return x * 2 + 1; }
void scenario_command(const char *command) {
  (void)command;
  printf("value=%d\n", compute(21));
}

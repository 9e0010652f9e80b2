// Slots live in pages of their own (hcc links with hotpatch-slots.ld) and
// the runtime keeps them read-only except while it publishes: patching
// still works, and a stray write to a slot, even after a patch was
// published, kills the program with SIGSEGV instead of redirecting a
// function.  The layout is checked too: the section starts and ends on a
// page boundary.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o && %hcc -O2 -c stray.c -o stray.o
// RUN: %hcc loop.o lib.o stray.o -o prog
// RUN: llvm-readelf -SW prog | FileCheck --check-prefix=LAYOUT %s
// RUN: %drive script | FileCheck %s
// Under HOTPATCH=off nothing is registered and nothing protected: the same
// write goes through (which shows that the fault above is the runtime's).
// RUN: printf 'stray\nquit\n' | env HOTPATCH=off ./prog | FileCheck --check-prefix=OFF %s

// Address and size are multiples of 4096 (the size is not zero).
// LAYOUT: hotpatch_slots PROGBITS {{[0-9a-f]+}}000 {{[0-9a-f]+}} {{0*[1-9a-f][0-9a-f]*}}000 

// CHECK: out: f=1
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK: out: f=2
// CHECK: out: writing a slot
// CHECK-NOT: survived
// CHECK: exit=-11

// OFF: writing a slot
// OFF-NEXT: survived

//--- script
start ./prog
expect ^ready
send call
expect ^f=
copy v2.c lib.c
patch
send call
expect ^f=
send stray
expect ^writing
close

//--- v1.c
#include <stdio.h>
#include <string.h>

void stray_write(void);

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
  else if (strcmp(command, "stray") == 0)
    stray_write();
}

//--- v2.c
#include <stdio.h>
#include <string.h>

void stray_write(void);

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
  else if (strcmp(command, "stray") == 0)
    stray_write();
}

//--- stray.c
#include <stdio.h>

/* Defined by the linker: the start of the section holding every slot. */
extern void *__start_hotpatch_slots[];

void stray_write(void) {
  printf("writing a slot\n");
  fflush(stdout);
  void *volatile *slot = __start_hotpatch_slots;
  *slot = *slot; /* the same value: harmless unless it faults */
  printf("survived\n");
}

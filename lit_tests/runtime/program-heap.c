// The runtime's tables stay out of the program's malloc heap, and are made
// only when first needed: a program built by hcc allocates as the same
// program built by plain clang does.  The registry's function table of
// 2,000 ids is 4,096 cells (360 KB), made at the first lookup (here the
// debug dump; in a real process the first request of `hcc patch`).  In
// malloc's heap the first unit's table of 2,048 cells (180 KB, mapped by
// glibc) would be freed when the second unit's entries grow it, and glibc
// then raises its mmap threshold to that size (mallopt(3),
// M_MMAP_THRESHOLD: "dynamic adjustment"), so the program's own 150 KB
// block would come from the heap instead of a mapping of its own.
// HOTPATCH_TABLE_PAGES=0 puts the tables back in malloc's heap: that run
// shows what this test would catch, the threshold, and with
// HOTPATCH_LAZY_ENTRIES=0 the table made before main (a block mapped by
// malloc before the lookup).
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O0 main.c first.c second.c -o plain
// RUN: %hcc -O0 main.c first.c second.c -o prog
// RUN: ./plain | FileCheck --check-prefix=OWN %s
// RUN: ./prog | FileCheck --check-prefix=OWN %s
// RUN: env HOTPATCH_TABLE_PAGES=0 ./prog | FileCheck --check-prefix=HEAP %s
// RUN: env HOTPATCH_TABLE_PAGES=0 HOTPATCH_LAZY_ENTRIES=0 ./prog \
// RUN:   | FileCheck --check-prefix=EAGER %s
// RUN: %hcc -O2 main.c first.c second.c -o prog2
// RUN: ./prog2 | FileCheck --check-prefix=OWN %s
// RUN: env HOTPATCH_TABLE_PAGES=0 ./prog2 | FileCheck --check-prefix=HEAP %s

// OWN:      blocks mapped by malloc at main: 0
// OWN-NEXT: after the first lookup: 0
// OWN-NEXT: 150000 bytes mapped on their own: yes
// HEAP:      blocks mapped by malloc at main: 0
// HEAP-NEXT: after the first lookup: 1
// HEAP-NEXT: 150000 bytes mapped on their own: no
// With the entries made as each unit registers, the table is there before
// main.
// EAGER:      blocks mapped by malloc at main: 1
// EAGER-NEXT: after the first lookup: 1
// EAGER-NEXT: 150000 bytes mapped on their own: no

//--- many.h
// F1000(1) defines f1000 ... f1999, external functions that every build
// keeps.
#define F1(n) int f##n(int x) { return x + n; }
#define F10(n) F1(n##0) F1(n##1) F1(n##2) F1(n##3) F1(n##4) \
               F1(n##5) F1(n##6) F1(n##7) F1(n##8) F1(n##9)
#define F100(n) F10(n##0) F10(n##1) F10(n##2) F10(n##3) F10(n##4) \
                F10(n##5) F10(n##6) F10(n##7) F10(n##8) F10(n##9)
#define F1000(n) F100(n##0) F100(n##1) F100(n##2) F100(n##3) F100(n##4) \
                 F100(n##5) F100(n##6) F100(n##7) F100(n##8) F100(n##9)

//--- first.c
#include "many.h"
F1000(1)

//--- second.c
#include "many.h"
F1000(2)

//--- main.c
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

// The runtime's debug dump, which the plain build does not have.
void hotpatch_debug_dump(FILE *out) __attribute__((weak));

int main(void) {
  printf("blocks mapped by malloc at main: %zu\n", mallinfo2().hblks);
  if (hotpatch_debug_dump) {
    FILE *null = fopen("/dev/null", "w");
    hotpatch_debug_dump(null);
    fclose(null);
  }
  printf("after the first lookup: %zu\n", mallinfo2().hblks);
  size_t mapped = mallinfo2().hblks;
  // Written through a volatile pointer: an unused block's malloc and free
  // would be removed by the optimiser at -O2.
  volatile char *block = malloc(150000);
  block[0] = 1;
  printf("150000 bytes mapped on their own: %s\n",
         mallinfo2().hblks > mapped ? "yes" : "no");
  free((char *)block);
  return 0;
}

// The runtime's tables stay out of the program's malloc heap: a program
// built by hcc allocates as the same program built by plain clang does.
// The registry's id table of 2,000 functions is 4,096 cells (360 KB); in
// malloc's heap, the first unit's table of 2,048 cells (180 KB, mmapped
// by glibc) would be freed when the second unit's registration grows it,
// and glibc then raises its mmap threshold to that size (mallopt(3),
// M_MMAP_THRESHOLD: "dynamic adjustment"), so the program's own 150 KB
// block would come from the heap instead of a mapping of its own.
// HOTPATCH_TABLE_PAGES=0 puts the tables back in malloc's heap: that run
// shows the difference this test would catch.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O0 main.c first.c second.c -o plain
// RUN: %hcc -O0 main.c first.c second.c -o prog
// RUN: ./plain | FileCheck --check-prefix=OWN %s
// RUN: ./prog | FileCheck --check-prefix=OWN %s
// RUN: env HOTPATCH_TABLE_PAGES=0 ./prog | FileCheck --check-prefix=HEAP %s
// RUN: %hcc -O2 main.c first.c second.c -o prog2
// RUN: ./prog2 | FileCheck --check-prefix=OWN %s
// RUN: env HOTPATCH_TABLE_PAGES=0 ./prog2 | FileCheck --check-prefix=HEAP %s

// OWN: 150000 bytes mapped on their own: yes
// HEAP: 150000 bytes mapped on their own: no

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

int main(void) {
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

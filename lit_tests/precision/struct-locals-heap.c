// A struct definition in a header changes layout (a field is added in
// front, so every offset moves). It reaches only locals and heap objects
// created per command, so the change is applied: both units that include
// the header are patched, and objects created after the patch use the new
// layout in every function that touches them (the one that builds them in
// a.c and the one that reads them in b.c).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp shape.v1.h shape.h
// RUN: for f in loop a b; do %hcc -O2 -c $f.c -o $f.o || exit 1; done
// RUN: %hcc loop.o a.o b.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: local=6 heap=20 size=8
// CHECK: hcc: patched a.c: {{.*}}; b.c: {{.*}}(generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: local=42 heap=140 size=12
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^local
copy shape.v2.h shape.h
patch
send go
expect ^local
close

//--- shape.v1.h
struct shape { int w, h; };
#define SHAPE(w, h) {w, h}
int volume(const struct shape *s);

//--- shape.v2.h
struct shape { int depth; int w, h; };
#define SHAPE(w, h) {7, w, h}
int volume(const struct shape *s);

//--- a.c
#include <stdio.h>
#include <stdlib.h>
#include "shape.h"
static struct shape *make(int w, int h) {
  struct shape *s = malloc(sizeof *s);
  struct shape init = SHAPE(w, h);
  *s = init;
  return s;
}
void scenario_command(const char *command) {
  (void)command;
  struct shape local = SHAPE(2, 3);
  struct shape *heap = make(4, 5);
  int (*volatile v)(const struct shape *) = volume;
  printf("local=%d heap=%d size=%zu\n", v(&local), v(heap), sizeof *heap);
  free(heap);
}

//--- b.c
#include <stddef.h>
#include "shape.h"
int volume(const struct shape *s) {
  int depth = 1;
  /* offsetof tells whether this build's layout has a depth field. */
  if (offsetof(struct shape, w) != 0)
    depth = *(const int *)s;
  return s->w * s->h * depth;
}

// Content hashes change exactly when the final code changes: comments,
// blank lines, moved code and renumbered string literals leave every hash
// alone, while a change to an inlined helper changes its callers' hashes.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for v in v1 v2 v3; do \
// RUN:   %clang -O2 -g -fplugin=%plugin -fplugin-arg-hotpatch-module-id=m.c -c $v.c -o $v.o && \
// RUN:   llvm-objcopy --dump-section=hotpatch_info=$v.info $v.o && \
// RUN:   grep -a '^function' $v.info | sort > $v.fn || exit 1; \
// RUN: done
//
// Lines of v2 not in v1: only the new function.
// RUN: grep -v -x -f v1.fn v2.fn > v2.changed || true
// RUN: FileCheck --check-prefix=COSMETIC %s < v2.changed
// COSMETIC-NOT: {{ (api|other|greet|m.c:scale)$}}
// COSMETIC: {{^function [0-9a-f]+ 0 added$}}
// COSMETIC-NOT: {{.}}
//
// Lines of v3 not in v1: the function that inlined the helper (the helper,
// static and inlined everywhere, has no body of its own: DropInlined.cpp).
// RUN: grep -v -x -f v1.fn v3.fn | sort -k4 > v3.changed
// RUN: FileCheck --check-prefix=INLINED %s < v3.changed
// INLINED: {{^function [0-9a-f]+ 0 api$}}
// INLINED-NOT: {{.}}

//--- v1.c
#include <stdio.h>
static int scale(int x) { return x * 3; }
int api(int x) { return scale(x) + 1; }
int other(int y) { return y - 1; }
void greet(void) { puts("hello"); }

//--- v2.c
#include <stdio.h>

/* A comment, blank lines and a new function with its own string literal,
   placed first so that every later literal is renumbered. */
void added(void) { puts("first literal now"); }

static int scale(int x)
{
  return x * 3;   // same code, other layout
}


int api(int x) { return scale(x) + 1; }
int other(int y) { return y - 1; }
void greet(void) { puts("hello"); }

//--- v3.c
#include <stdio.h>
static int scale(int x) { return x * 4; }
int api(int x) { return scale(x) + 1; }
int other(int y) { return y - 1; }
void greet(void) { puts("hello"); }

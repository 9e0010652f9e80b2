// Content hashes of a gcc build are of each function's final GIMPLE: a
// comment or blank lines moving the code leave every hash as it was; a
// changed g changes g and f, which inlined it at -O2, and nothing else;
// at -O0 (no inlining) only g.  The module id comes from the plugin's
// module-id argument.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for v in base moved changed; do \
// RUN:   for o in O0 O2; do \
// RUN:     %gcchp -$o -fplugin-arg-hotpatch_gcc-module-id=m -c $v.c -o $v-$o.o && \
// RUN:     %hcc inspect $v-$o.o | awk '$1 == "function" {print $3, $2}' | sort > $v-$o.txt || exit 1; \
// RUN:   done; done
// RUN: diff base-O2.txt moved-O2.txt
// RUN: diff base-O0.txt moved-O0.txt
// RUN: not diff base-O2.txt changed-O2.txt > O2.diff
// RUN: grep '^>' O2.diff | FileCheck --check-prefix=O2 %s
// RUN: not diff base-O0.txt changed-O0.txt > O0.diff
// RUN: grep '^>' O0.diff | FileCheck --check-prefix=O0 %s
// RUN: %hcc inspect base-O2.o | FileCheck --check-prefix=MODULE %s

// O2:      > f
// O2-NEXT: > g
// O2-NOT:  >
// O0:      > g
// O0-NOT:  >
// MODULE: module m hash={{([0-9a-f]{32})$}}

//--- base.c
static int k = 3;
int g(int x) { return x * k; }
int h(int x) { return x - 1; }
int f(int x) { return g(x) + h(x); }

//--- moved.c
// A comment, and blank lines, move everything down.


static int k = 3;
int g(int x) { return x * k; }

int h(int x) { return x - 1; }
int f(int x) { return g(x) + h(x); }

//--- changed.c
static int k = 3;
int g(int x) { return x * k + 1; }
int h(int x) { return x - 1; }
int f(int x) { return g(x) + h(x); }

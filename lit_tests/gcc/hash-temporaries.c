// gcc names its temporaries with numbers counted over the whole unit
// (counter.0, ivtmp.12, CSWTCH.3): when an edit of a gives a a temporary,
// those of every function compiled after it are renumbered.  Their hashes
// count them per function, so only the edited functions change: a, and
// name, whose string literal "v.1" became "v.2" (literals are never
// renumbered); later, which reads counter, keeps its hash at -O0 and -O2.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for v in base changed; do \
// RUN:   for o in O0 O2; do \
// RUN:     %gcchp -$o -fplugin-arg-hotpatch_gcc-module-id=m -c $v.c -o $v-$o.o && \
// RUN:     %hcc inspect $v-$o.o | awk '$1 == "function" {print $3, $2}' | sort > $v-$o.txt || exit 1; \
// RUN:   done; done
// RUN: not diff base-O2.txt changed-O2.txt > O2.diff
// RUN: grep '^>' O2.diff | FileCheck %s
// RUN: not diff base-O0.txt changed-O0.txt > O0.diff
// RUN: grep '^>' O0.diff | FileCheck %s

// CHECK:      > a
// CHECK-NEXT: > name
// CHECK-NOT:  >

//--- base.c
int counter;
int a(int x) { return x + 1; }
const char *name(void) { return "v.1"; }
int later(int x) {
  counter++;
  return x * counter;
}

//--- changed.c
int counter;
int a(int x) {
  counter++;
  return x + 1;
}
const char *name(void) { return "v.2"; }
int later(int x) {
  counter++;
  return x * counter;
}

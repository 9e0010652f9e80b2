// The optimiser leaves the stubs alone (Closures.cpp, StubsAside.cpp): a
// stub is one atomic load of its slot and a musttail call, nothing to
// simplify, and a unit has as many as it has functions.  An external
// function's stub (`twice`, `main`) is a declaration until FinalizePass, so
// no function pass visits it at all; a static function's stub (`pick`,
// whose address `table` holds) and one named like a C library function
// (`abs`: its declaration would get the library's attributes) stay IR, and
// every optional pass skips them.  The impls are optimised as before, and
// the object is the same as with the passes run on the stubs
// (HOTPATCH_SKIP_STUBS=0): the same hashes and the same code, which runs.
//
// RUN: rm -rf %t && mkdir %t && cd %t && cp %s t.c
// RUN: %hcc -O2 -c t.c -o t.o -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SKIP \
// RUN:       --implicit-check-not="InstCombinePass on twice (" \
// RUN:       --implicit-check-not="InstCombinePass on twice{{$}}" \
// RUN:       --implicit-check-not="InstCombinePass on main (" \
// RUN:       --implicit-check-not="InstCombinePass on main{{$}}" \
// RUN:       --implicit-check-not="Running pass: InstCombinePass on pick (" \
// RUN:       --implicit-check-not="Running pass: InstCombinePass on abs ("
// RUN: %hcc inspect t.o > skip.txt && llvm-objdump-19 -d t.o > skip.s
// RUN: %hcc t.o -o t && ./t
// RUN: env HOTPATCH_SKIP_STUBS=0 %hcc -O2 -c t.c -o t.o -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPTIMISED \
// RUN:       --implicit-check-not="Skipping pass: InstCombinePass on"
// RUN: %hcc inspect t.o > run.txt && llvm-objdump-19 -d t.o > run.s
// RUN: diff skip.txt run.txt && diff skip.s run.s
// RUN: FileCheck %s --check-prefix=INSPECT < skip.txt
//
// SKIP-DAG: Running pass: hotpatch::StubsAsidePass on [module]
// SKIP-DAG: Running pass: InstCombinePass on twice.hp.impl
// SKIP-DAG: Running pass: InstCombinePass on main.hp.impl
// SKIP-DAG: Skipping pass: InstCombinePass on pick{{$}}
// SKIP-DAG: Skipping pass: InstCombinePass on abs{{$}}
// OPTIMISED-DAG: Running pass: InstCombinePass on twice.hp.impl
// OPTIMISED-DAG: Running pass: InstCombinePass on twice (
// OPTIMISED-DAG: Running pass: InstCombinePass on main (
// OPTIMISED-DAG: Running pass: InstCombinePass on pick (
// OPTIMISED-DAG: Running pass: InstCombinePass on abs (
// INSPECT-DAG: function {{[0-9a-f]+}} twice
// INSPECT-DAG: function {{[0-9a-f]+}} main
// INSPECT-DAG: function {{[0-9a-f]+}} abs
// INSPECT-DAG: function {{[0-9a-f]+}} {{.*}}pick

int abs(int x) { return x < 0 ? -x : x; }

static int pick(int x) { return x + 1; }

int (*volatile table[])(int) = {pick};

int twice(int x) { return 2 * x; }

// argc is 1: 2 + 2 + 1 - 5.
int main(int argc, char **argv) {
  (void)argv;
  return twice(argc) + table[argc - 1](argc) + abs(-argc) - 5;
}

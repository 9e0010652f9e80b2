// The optimiser's function passes skip the stubs (Closures.cpp): a stub is
// one atomic load of its slot and a musttail call, nothing to simplify, and
// a unit has as many as it has functions. The impls are optimised as
// before, and the object is the same as with the passes run on the stubs
// (HOTPATCH_SKIP_STUBS=0): the same hashes and the same code.
//
// RUN: rm -rf %t && mkdir %t && cd %t && cp %s t.c
// RUN: %hcc -O2 -c t.c -o t.o -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SKIP \
// RUN:       --implicit-check-not="Running pass: InstCombinePass on twice ("
// RUN: %hcc inspect t.o > skip.txt && llvm-objdump-19 -d t.o > skip.s
// RUN: env HOTPATCH_SKIP_STUBS=0 %hcc -O2 -c t.c -o t.o -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPTIMISED \
// RUN:       --implicit-check-not="Skipping pass: InstCombinePass on twice"
// RUN: %hcc inspect t.o > run.txt && llvm-objdump-19 -d t.o > run.s
// RUN: diff skip.txt run.txt && diff skip.s run.s
// RUN: FileCheck %s --check-prefix=INSPECT < skip.txt
//
// SKIP-DAG: Running pass: InstCombinePass on twice.hp.impl
// SKIP-DAG: Skipping pass: InstCombinePass on twice{{$}}
// SKIP-DAG: Skipping pass: InstCombinePass on main{{$}}
// OPTIMISED-DAG: Running pass: InstCombinePass on twice.hp.impl
// OPTIMISED-DAG: Running pass: InstCombinePass on twice (
// INSPECT: function {{[0-9a-f]+}} twice
// INSPECT: function {{[0-9a-f]+}} main

int twice(int x) { return 2 * x; }

int main(int argc, char **argv) {
  (void)argv;
  return twice(argc) - 2;
}

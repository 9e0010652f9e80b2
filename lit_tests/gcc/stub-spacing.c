// Under gcc, as under clang (plugin/jump-stubs.ll), each stub starts a
// 32-byte block of its own, except a function that asked to be small
// (optimize("Os") here, -Os for a whole unit); HOTPATCH_SPREAD_STUBS=0
// (plugin argument spread-stubs=0) keeps every stub 16 bytes apart.
// docs/design.md, "Stubs 32 bytes apart".
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && mkdir -p %t/.hotpatch && cd %t
// RUN: %hcc-gcc -O2 -S %s -o spread.s
// RUN: FileCheck --check-prefix=SPREAD %s < spread.s
// RUN: env HOTPATCH_SPREAD_STUBS=0 %hcc-gcc -O2 -S %s -o packed.s
// RUN: FileCheck --check-prefix=PACKED %s < packed.s
// RUN: %hcc-gcc -Os -S %s -o small.s
// RUN: FileCheck --check-prefix=PACKED %s < small.s
// The objects agree: the stubs' addresses are multiples of 32.
// RUN: %hcc-gcc -O2 -c %s -o spread.o
// RUN: llvm-readelf -sW spread.o | FileCheck --check-prefix=ADDR %s

int twice(int x) { return 2 * x; }

__attribute__((optimize("Os"))) int small(int x) { return x + 1; }

int main(void) { return twice(0) + small(-1); }

// SPREAD: .p2align 5
// SPREAD-NEXT: .globl twice
// SPREAD: .p2align 4
// SPREAD-NEXT: .globl small
// SPREAD: .p2align 5
// SPREAD-NEXT: .globl main

// PACKED-NOT: .p2align 5
// PACKED: .globl twice
// PACKED-NOT: .p2align 5

// ADDR-DAG: {{[0-9a-f]*[02468ace]0}} 6 FUNC GLOBAL DEFAULT {{[0-9]+}} twice{{$}}
// ADDR-DAG: {{[0-9a-f]*[02468ace]0}} 6 FUNC GLOBAL DEFAULT {{[0-9]+}} main{{$}}

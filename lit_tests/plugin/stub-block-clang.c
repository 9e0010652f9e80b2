// Under clang the stub block follows the compile's code generation options:
// with -ffunction-sections each stub gets the section a function would
// (.text.NAME, so --gc-sections and section ordering see it as before), and
// with -g but no unwind tables its unwind entry is in .debug_frame.  The
// plugin argument stub-block=0 (HOTPATCH_STUB_BLOCK=0 for hcc) keeps one
// naked function per stub.
//
// RUN: %clang -O0 -ffunction-sections -fplugin=%plugin -fplugin-arg-hotpatch-module-id=s.c -c %s -o %t.o
// RUN: llvm-readelf -sSW %t.o | FileCheck --check-prefix=SECTIONS %s
// RUN: %clang -O0 -g -fno-asynchronous-unwind-tables -fplugin=%plugin -fplugin-arg-hotpatch-module-id=s.c -c %s -o %t.g.o
// RUN: llvm-readelf -sW %t.g.o > %t.g.txt && llvm-dwarfdump --debug-frame %t.g.o >> %t.g.txt
// RUN: FileCheck --check-prefix=DEBUG-FRAME %s < %t.g.txt
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=s.c -fplugin-arg-hotpatch-stub-block=0 -S -emit-llvm %s -o - | FileCheck --check-prefix=OFF %s
// hcc passes HOTPATCH_STUB_BLOCK=0 on as stub-block=0.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/.hotpatch && cd %t.dir
// RUN: env HOTPATCH_STUB_BLOCK=0 %hcc -O0 -S -emit-llvm %s -o - | FileCheck --check-prefix=OFF %s
// Each stub starts a 32-byte block of its own (docs/design.md, "Stubs 32
// bytes apart"); hcc passes HOTPATCH_SPREAD_STUBS=0 on as spread-stubs=0,
// and -Os keeps them 16 bytes apart too.
// RUN: %hcc -O0 -S -emit-llvm %s -o - | FileCheck --check-prefix=SPREAD %s
// RUN: env HOTPATCH_SPREAD_STUBS=0 %hcc -O0 -S -emit-llvm %s -o - | FileCheck --check-prefix=PACKED %s
// RUN: %hcc -Os -S -emit-llvm %s -o - | FileCheck --check-prefix=PACKED %s

int twice(int x) { return 2 * x; }

static int (*volatile keep)(int) = twice;

int main(void) { return keep(0); }

// The section numbers of .text.twice and .text.main, then the stubs in them.
// SECTIONS: [ [[TWICE:[0-9]+]]] .text.twice PROGBITS
// SECTIONS: [ [[MAIN:[0-9]+]]] .text.main PROGBITS
// SECTIONS: 6 FUNC GLOBAL DEFAULT [[TWICE]] twice{{$}}
// SECTIONS: 6 FUNC GLOBAL DEFAULT [[MAIN]] main{{$}}

// Each stub has its FDE in .debug_frame, covering its 6 bytes, as a
// function has.
// DEBUG-FRAME-DAG: {{00000000}}[[TWICE:[0-9a-f]+]] 6 FUNC GLOBAL DEFAULT {{[0-9]+}} twice{{$}}
// DEBUG-FRAME-DAG: {{00000000}}[[MAIN:[0-9a-f]+]] 6 FUNC GLOBAL DEFAULT {{[0-9]+}} main{{$}}
// DEBUG-FRAME: .debug_frame contents:
// DEBUG-FRAME-DAG: FDE cie={{[0-9a-f]+}} pc=[[TWICE]]...
// DEBUG-FRAME-DAG: FDE cie={{[0-9a-f]+}} pc=[[MAIN]]...

// SPREAD: module asm "\09.p2align 5"
// SPREAD-NEXT: module asm "\09.globl twice"
// PACKED: module asm "\09.p2align 4"
// PACKED-NEXT: module asm "\09.globl twice"

// OFF-NOT: module asm "{{.*}}jmpq
// OFF: define dso_local i32 @twice(i32 noundef %0) [[NAKED:#[0-9]+]]
// OFF-NEXT: call void asm sideeffect "jmpq *${0:P}(%rip)", "i"(ptr @twice.hp.slot)
// OFF: attributes [[NAKED]] = { naked

; In build mode, after the optimiser, the stubs of an x86-64 ELF module become
; one block of module-level assembly, each stub one jump through its slot
; (cheaper to compile than a function per stub: the musttail call sent every
; stub through SelectionDAG, a naked function's inline asm set up an
; assembler per stub).  Each keeps its function's name, binding, visibility,
; COMDAT group, size and unwind entry.  Stubs the block cannot state (here:
; one an alias names) stay naked functions; stubs whose jump would bypass
; indirect-branch hardening keep the IR call.
;
; RUN: %opt -passes=hotpatch-instrument,hotpatch-finalize -hotpatch-module-id=m.c -S %s > %t.ll
; RUN: FileCheck %s < %t.ll
; RUN: FileCheck --check-prefix=DECL %s < %t.ll
; RUN: llc -O0 -filetype=obj %t.ll -o %t.o
; RUN: llvm-objdump -dr --no-show-raw-insn %t.o | FileCheck --check-prefix=OBJ %s
; RUN: llvm-readelf -sW %t.o | FileCheck --check-prefix=SYM %s
; RUN: llvm-readelf -gW %t.o | FileCheck --check-prefix=GROUP %s
; RUN: llvm-readelf -sW %t.o > %t.unwind && llvm-readelf --unwind %t.o >> %t.unwind
; RUN: FileCheck --check-prefix=UNWIND %s < %t.unwind

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.big = type { i64, i64, i64 }

$tmpl = comdat any

; The block defines every stub the assembler can state; the IR keeps
; declarations for the references.
; Each stub starts a 32-byte block of its own (a function pointer call
; through stubs 16 bytes apart ran 1.17x plain clang's on AMD Zen 3,
; 1.08x so), except where the function asked to be small.
; CHECK: module asm "\09.pushsection .text"
; CHECK: module asm "\09.p2align 5"
; CHECK-NEXT: module asm "\09.globl ext"
; CHECK: module asm "ext:"
; CHECK-NEXT: module asm "\09.cfi_startproc"
; CHECK-NEXT: module asm "\09jmpq *ext.hp.slot(%rip)"
; CHECK-NEXT: module asm "\09.cfi_endproc"
; CHECK-NEXT: module asm "\09.size ext, .-ext"
; CHECK: module asm "\09.p2align 4"
; CHECK-NEXT: module asm "\09.globl small"
; CHECK: module asm "\09.popsection"

; DECL-DAG: declare i32 @ext(i32)
define i32 @ext(i32 %x) uwtable {
  %r = add i32 %x, 1
  ret i32 %r
}

; DECL-DAG: declare dso_local void @big(ptr sret(%struct.big) align 8, ptr byval(%struct.big) align 8)
define internal void @big(ptr sret(%struct.big) align 8 %out, ptr byval(%struct.big) align 8 %in) {
  ret void
}

; DECL-DAG: declare i32 @small(i32)
define i32 @small(i32 %x) optsize {
  ret i32 %x
}

; DECL-DAG: declare i32 @va(i32, ...)
define i32 @va(i32 %n, ...) {
  ret i32 %n
}

; DECL-DAG: declare hidden i32 @hid(i32)
define hidden i32 @hid(i32 %x) {
  ret i32 %x
}

; DECL-DAG: declare i32 @tmpl(i32)
define linkonce_odr i32 @tmpl(i32 %x) comdat {
  ret i32 %x
}

; An alias must name a definition: this stub stays a naked function.
@other = alias i32 (i32), ptr @aliased
; CHECK-LABEL: define i32 @aliased(i32 %0)
; CHECK-SAME: [[NAKED:#[0-9]+]] align 32
; CHECK-NEXT: entry:
; CHECK-NEXT: call void asm sideeffect "jmpq *${0:P}(%rip)", "i"(ptr @aliased.hp.slot)
; CHECK-NEXT: unreachable
define i32 @aliased(i32 %x) {
  ret i32 %x
}

; Retpoline: the indirect jump must stay the compiler's.
; CHECK-LABEL: define i32 @hardened(i32 %0)
; CHECK-NEXT: entry:
; CHECK-NEXT: %target = load atomic ptr, ptr @hardened.hp.slot acquire, align 8
; CHECK-NEXT: musttail call i32 %target(i32 %0)
define i32 @hardened(i32 %x) #0 {
  ret i32 %x
}

define void @user(ptr %p) {
  call void @big(ptr sret(%struct.big) align 8 %p, ptr byval(%struct.big) align 8 %p)
  %t = call i32 @tmpl(i32 1)
  ret void
}

attributes #0 = { "target-features"="+retpoline-indirect-branches,+retpoline-indirect-calls" }

; CHECK: attributes [[NAKED]] = { naked noinline "hotpatch-stub" "thunk" }

; Each stub is one jump through a slot of section hotpatch_slots (named by
; the section when the slot is local, by the slot's own symbol when other
; objects may name it: an external function's, CrossUnitCalls.cpp); the
; naked ones come with the functions, the block after them.
; OBJ-LABEL: <{{aliased|other}}>:
; OBJ-NEXT: jmpq *(%rip)
; OBJ-NEXT: R_X86_64_PC32 aliased.hp.slot
; OBJ-LABEL: <ext>:
; OBJ-NEXT: jmpq *(%rip)
; OBJ-NEXT: R_X86_64_PC32 ext.hp.slot
; OBJ-LABEL: <big>:
; OBJ-NEXT: jmpq *(%rip)
; OBJ-NEXT: R_X86_64_PC32 hotpatch_slots

; Symbols as the functions had them: a 6-byte jump, the binding of the
; linkage, the visibility.
; SYM-DAG: 6 FUNC GLOBAL DEFAULT {{[0-9]+}} ext{{$}}
; SYM-DAG: 6 FUNC LOCAL DEFAULT {{[0-9]+}} big{{$}}
; SYM-DAG: 6 FUNC GLOBAL DEFAULT {{[0-9]+}} va{{$}}
; SYM-DAG: 6 FUNC GLOBAL HIDDEN {{[0-9]+}} hid{{$}}
; SYM-DAG: 6 FUNC WEAK DEFAULT {{[0-9]+}} tmpl{{$}}

; The linkonce stub is kept or dropped with its impl and slot.
; GROUP: COMDAT group section [{{ *[0-9]+}}] `.group' [tmpl] contains {{[0-9]+}} sections:
; GROUP-NEXT: [Index] Name
; GROUP-DAG: .text.tmpl
; GROUP-DAG: .text.tmpl.hp.impl
; GROUP-DAG: hotpatch_slots

; ext has the unwind entry its function had, covering its 6 bytes.
; UNWIND: {{0*}}[[EXT:[1-9a-f][0-9a-f]*]] 6 FUNC GLOBAL DEFAULT {{[0-9]+}} ext{{$}}
; UNWIND: initial_location: 0x[[EXT]]{{$}}
; UNWIND-NEXT: address_range: 0x6

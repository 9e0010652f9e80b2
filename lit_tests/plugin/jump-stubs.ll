; In build mode, after the optimiser, a stub on x86-64 ELF becomes a naked
; function that jumps through its slot (cheaper to compile than the musttail
; call it replaces, which sends every stub through SelectionDAG).  Stubs
; whose jump would bypass indirect-branch hardening keep the IR call.
;
; RUN: %opt -passes=hotpatch-instrument,hotpatch-finalize -hotpatch-module-id=m.c -S %s > %t.ll
; RUN: FileCheck %s < %t.ll
; RUN: llc -O0 -filetype=obj %t.ll -o %t.o
; RUN: llvm-objdump -dr --no-show-raw-insn %t.o | FileCheck --check-prefix=OBJ %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.big = type { i64, i64, i64 }

; CHECK-LABEL: define i32 @ext(i32 %0)
; CHECK-SAME: [[NAKED:#[0-9]+]]
; CHECK-NEXT: entry:
; CHECK-NEXT: call void asm sideeffect "jmpq *${0:P}(%rip)", "i"(ptr @ext.hp.slot)
; CHECK-NEXT: unreachable
define i32 @ext(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}

; Linkage and ABI attributes stay; arguments are forwarded untouched.
; CHECK-LABEL: define internal void @big(ptr sret(%struct.big) align 8 %0, ptr byval(%struct.big) align 8 %1)
; CHECK-SAME: [[NAKED]]
; CHECK: "i"(ptr @big.hp.slot)
define internal void @big(ptr sret(%struct.big) align 8 %out, ptr byval(%struct.big) align 8 %in) {
  ret void
}

; CHECK-LABEL: define i32 @va(i32 %0, ...)
; CHECK-SAME: [[NAKED]]
; CHECK: "i"(ptr @va.hp.slot)
define i32 @va(i32 %n, ...) {
  ret i32 %n
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
  ret void
}

attributes #0 = { "target-features"="+retpoline-indirect-branches,+retpoline-indirect-calls" }

; CHECK: attributes [[NAKED]] = { naked noinline "thunk" }

; The stub is one jump through a slot of section hotpatch_slots.
; OBJ-LABEL: <ext>:
; OBJ-NEXT: jmpq *(%rip)
; OBJ-NEXT: R_X86_64_PC32 hotpatch_slots

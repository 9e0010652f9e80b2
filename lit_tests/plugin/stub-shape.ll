; The instrument pass turns every defined function into a stub that
; tail-calls through its slot, moves the body to an internal impl, and points
; direct calls at the impl while address-taken uses keep the stub.
;
; RUN: %opt -passes=hotpatch-instrument -S %s > %t.ll
; RUN: FileCheck %s < %t.ll
; RUN: FileCheck --check-prefix=IMPL %s < %t.ll

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.big = type { i64, i64, i64 }

@fp = global ptr @callee

; The slot is mutable, externally initialised (so GlobalOpt cannot fold it),
; in its own section, and kept alive through llvm.compiler.used.
; CHECK-DAG: @callee.hp.slot = internal externally_initialized global ptr @callee.hp.impl, section "hotpatch_slots", align 8
; CHECK-DAG: @llvm.compiler.used = appending global {{.*}}ptr @callee.hp.slot
; Taking the address still yields the stub: function-pointer identity.
; CHECK-DAG: @fp = global ptr @callee

; The body moved: internal impl with the original arguments' names.
; IMPL-LABEL: define internal i32 @callee.hp.impl(i32 noundef signext %x)
; IMPL-NEXT: %r = add i32 %x, 1
; CHECK: define i32 @callee(i32 noundef signext %0) [[STUB:#[0-9]+]]
; CHECK-NEXT: entry:
; CHECK-NEXT: %target = load atomic ptr, ptr @callee.hp.slot acquire, align 8
; CHECK-NEXT: %1 = musttail call i32 %target(i32 noundef signext %0)
; CHECK-NEXT: ret i32 %1
define i32 @callee(i32 noundef signext %x) {
  %r = add i32 %x, 1
  ret i32 %r
}

; Direct calls inside the module reach the impl, so the optimiser can inline.
; IMPL-LABEL: define internal i32 @caller.hp.impl(
; IMPL-NEXT: call i32 @callee.hp.impl(i32 7)
define i32 @caller() {
  %r = call i32 @callee(i32 7)
  ret i32 %r
}

; sret and byval ABI attributes are forwarded exactly.
; CHECK-LABEL: define void @ret_big(ptr sret(%struct.big) align 8 %0, ptr byval(%struct.big) align 8 %1)
; CHECK: musttail call void %target(ptr sret(%struct.big) align 8 %0, ptr byval(%struct.big) align 8 %1)
define void @ret_big(ptr sret(%struct.big) align 8 %out, ptr byval(%struct.big) align 8 %in) {
  call void @llvm.memcpy.p0.p0.i64(ptr %out, ptr %in, i64 24, i1 false)
  ret void
}

; Variadic functions forward their variable arguments from a thunk.
; CHECK-LABEL: define i32 @vsum(i32 %0, ...)
; CHECK: musttail call i32 (i32, ...) %target(i32 %0, ...)
define i32 @vsum(i32 %n, ...) {
  ret i32 %n
}

; A weak function may be replaced at link time: calls keep going to the stub.
; CHECK-LABEL: define weak i32 @overridable()
; IMPL-LABEL: define internal i32 @calls_weak.hp.impl()
; IMPL-NEXT: call i32 @overridable()
define weak i32 @overridable() {
  ret i32 1
}
define i32 @calls_weak() {
  %r = call i32 @overridable()
  ret i32 %r
}


; The stubs carry the thunk attribute and are never inlined.
; CHECK: attributes [[STUB]] = { noinline "hotpatch-stub" "thunk" }

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

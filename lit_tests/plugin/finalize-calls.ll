; After optimisation, every direct call the optimiser left to an impl is
; routed through the slot, and the module gets a descriptor and a
; registering constructor that tolerates a missing runtime (extern_weak).
;
; RUN: %opt -passes=hotpatch-instrument,hotpatch-finalize -hotpatch-module-id=m.c -S %s | FileCheck %s --implicit-check-not=hotpatch.was_direct
;
; The mark on a load that replaced a direct call is for the content hash
; only: a build drops it once the hashes are taken (implicit-check-not).

; Internal functions get "module-id:name" ids; external ones their name.
; CHECK-DAG: @__hotpatch.strings = private constant [{{[0-9]+}} x i8] c"m.c\00m.c:helper\00user\00"
; CHECK-DAG: @__hotpatch.info = internal constant {{.*}} c"hotpatch-module 2 {{[0-9a-f]+}} m.c\0Afunction {{[0-9a-f]+}} 1 m.c:helper\0Afunction {{[0-9a-f]+}} 0 user\0Aend\0A\00", section "hotpatch_info"
; CHECK-DAG: @llvm.global_ctors = appending global {{.*}} { i32 0, ptr @__hotpatch.ctor, ptr null }

define internal i32 @helper(i32 %x) noinline {
  %r = mul i32 %x, 3
  ret i32 %r
}

; CHECK-LABEL: define internal i32 @user.hp.impl(
; CHECK: %hp.target = load atomic ptr, ptr @helper.hp.slot acquire, align 8
; CHECK-NEXT: call i32 %hp.target(i32 %y)
define i32 @user(i32 %y) {
  %r = call i32 @helper(i32 %y)
  ret i32 %r
}

; CHECK: declare extern_weak void @__hotpatch_register_module(ptr)
; CHECK-LABEL: define internal void @__hotpatch.ctor()
; CHECK: icmp ne ptr @__hotpatch_register_module, null
; CHECK: call void @__hotpatch_register_module(ptr @__hotpatch.module)

; Functions annotated no_hotpatch, naked functions and ifunc resolvers keep
; their bodies: their address must be the code itself.
;
; RUN: %opt -passes=hotpatch-instrument -S %s | FileCheck %s
; CHECK-NOT: @skipped.hp.impl
; CHECK-NOT: @naked.hp.impl
; CHECK-NOT: @resolver.hp.impl
; CHECK: @plain.hp.impl

@.str = private unnamed_addr constant [12 x i8] c"no_hotpatch\00", section "llvm.metadata"
@.file = private unnamed_addr constant [4 x i8] c"a.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @skipped, ptr @.str, ptr @.file, i32 1, ptr null }], section "llvm.metadata"
@chosen = ifunc i32 (), ptr @resolver

define i32 @skipped() {
  ret i32 1
}
define void @naked() naked {
  unreachable
}
define ptr @resolver() {
  ret ptr @plain
}
define i32 @plain() {
  ret i32 2
}

// The functions the plugin adds (the registering and ready constructors, a
// thread-local's accessor) carry the subtarget attributes most of the
// unit's definitions have: without them the code generator set up a second
// subtarget for them in every compile (plugin/NewFunctions.cpp).  A
// function with a target attribute of its own, first in the unit, lends
// them nothing.
//
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=t.c -S -emit-llvm %s -o %t.ll
// RUN: FileCheck --check-prefix=PLAIN %s < %t.ll
// RUN: FileCheck --check-prefix=CTOR %s < %t.ll
// RUN: FileCheck --check-prefix=READY %s < %t.ll
// RUN: FileCheck --check-prefix=TLS %s < %t.ll
//
// clang's own functions, for comparison:
// PLAIN: define internal i32 @first.hp.impl() {{.*}}#[[G:[0-9]+]]
// PLAIN: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
//
// CTOR: define internal void @__hotpatch.ctor() #[[G:[0-9]+]]
// CTOR: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
// READY: define internal void @__hotpatch.ready() #[[G:[0-9]+]]
// READY: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
// TLS: define internal ptr @counter.hp.tls() #[[G:[0-9]+]]
// TLS: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

__attribute__((target("avx2"))) int wide(int x) { return x + 1; }
_Thread_local int counter;
int first(void) { return ++counter; }
int second(void) { return wide(first()); }

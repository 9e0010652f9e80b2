// The functions the plugin adds (the registering and ready constructors, a
// thread-local's accessor) carry the subtarget attributes clang gives the
// unit's functions that have no target attribute: without them the code
// generator set up a second subtarget for them in every compile
// (plugin/NewFunctions.cpp).  A function with a target attribute of its
// own lends them nothing, whether it comes first or its kind is most of
// the unit; when every function has one, they get none.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=first.c -S -emit-llvm first.c -o first.ll
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=most.c -S -emit-llvm most.c -o most.ll
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=all.c -S -emit-llvm all.c -o all.ll
// RUN: FileCheck --check-prefix=PLAIN %s < first.ll
// RUN: FileCheck --check-prefix=PLAIN %s < most.ll
// RUN: for p in CTOR READY TLS; do FileCheck --check-prefix=$p %s < first.ll && FileCheck --check-prefix=$p %s < most.ll || exit 1; done
// RUN: for p in CTOR READY TLS; do FileCheck --check-prefix=$p-NONE %s < all.ll || exit 1; done
//
// clang's own functions without a target attribute, for comparison:
// PLAIN: define internal i32 @first.hp.impl() {{.*}}#[[G:[0-9]+]]
// PLAIN: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
//
// CTOR: define internal void @__hotpatch.ctor() #[[G:[0-9]+]]
// CTOR: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
// READY: define internal void @__hotpatch.ready() #[[G:[0-9]+]]
// READY: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
// TLS: define internal ptr @counter.hp.tls() #[[G:[0-9]+]]
// TLS: attributes #[[G]] = { {{.*}}"min-legal-vector-width"="0" {{.*}}"target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
//
// CTOR-NONE: define internal void @__hotpatch.ctor() #[[G:[0-9]+]]
// CTOR-NONE: attributes #[[G]] = { nounwind }
// READY-NONE: define internal void @__hotpatch.ready() #[[G:[0-9]+]]
// READY-NONE: attributes #[[G]] = { nounwind }
// TLS-NONE: define internal ptr @counter.hp.tls() #[[G:[0-9]+]]
// TLS-NONE: attributes #[[G]] = { nounwind }

//--- first.c
__attribute__((target("avx2"))) int wide(int x) { return x + 1; }
_Thread_local int counter;
int first(void) { return ++counter; }
int second(void) { return wide(first()); }

//--- most.c
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
int wide(int x) { return x + 1; }
int wider(int x) { return x + 2; }
int widest(int x) { return x + 3; }
#pragma clang attribute pop
_Thread_local int counter;
int first(void) { return wide(++counter); }

//--- all.c
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
_Thread_local int counter;
int first(void) { return ++counter; }
int wide(int x) { return x + first(); }
#pragma clang attribute pop

// A reload hook that forks in safe-point mode (the hook runs on the program
// thread that reached hotpatch_safepoint(), right after the patch was
// published there).  The `hcc patch` that ran the hook gets its answer at
// once; the child is a patchable process of its own, with a free loader
// (patched, reverted and asked for its status at once), keeps nothing of
// its parent's control socket, and forks again.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/hook-fork.c main.c && cp v1.c lib.c
// RUN: %hcc -O2 -c main.c -o main.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: %drive script | FileCheck %s

// CHECK: out: main SigBlk: [[MASK:[0-9a-f]+]]
// CHECK: out: main hook generation=1
// CHECK: out: main frame: main f=2 generation=1 reloads=1
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK: out: child f=2 generation=1 reloads=1
// CHECK: out: child SigBlk: [[MASK]]
// CHECK: out: child sockets: own=1 parent=0
// The child is patched on its own, at its safe point.
// CHECK: out: child hook generation=2
// CHECK-NEXT: out: child frame: child f=3 generation=2 reloads=2
// CHECK: hcc: patched lib.c: f
// CHECK: out: main f=2 generation=1 reloads=1
// CHECK: out: child hook generation=1
// CHECK-NEXT: out: child frame: child f=2 generation=1 reloads=3
// CHECK: hcc: reverted to generation 1
// CHECK: generation=1 modules=2 functions=
// CHECK-NEXT: patch 1 {{.*}}.so
// CHECK-NEXT: sh exit=0
// CHECK: out: grandchild exited 7
// CHECK: out: child killed by signal 15
// CHECK: exit=0

//--- script
start env HOTPATCH_MODE=safepoint ./prog
expect ^ready
send mask
expect ^main SigBlk
send arm
copy v2.c lib.c
patch-bg
send frame
expect ^main frame
patch-wait
send child call
expect ^child f=
send child mask
expect ^child SigBlk
send child sockets
expect ^child sockets
copy v3.c lib.c
sh (timeout 20 $HCC patch --pid $(cat child.pid); echo done) > child-patch.log 2>&1 &
send child frame
expect ^child frame
sh timeout 20 bash -c 'until grep -q ^done child-patch.log; do sleep 0.1; done'; cat child-patch.log
send call
expect ^main f=
sh (timeout 20 $HCC revert --pid $(cat child.pid); echo done) > child-revert.log 2>&1 &
send child frame
expect ^child frame
sh timeout 20 bash -c 'until grep -q ^done child-revert.log; do sleep 0.1; done'; cat child-revert.log
sh timeout 20 $HCC status --verbose --pid $(cat child.pid)
send child fork
expect ^grandchild
sh kill -TERM $(cat child.pid)
send wait
expect ^child
send quit
close

//--- v1.c
int f(void) { return 1; }

//--- v2.c
int f(void) { return 2; }

//--- v3.c
int f(void) { return 3; }

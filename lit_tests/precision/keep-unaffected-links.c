// A patch compile with HOTPATCH_INLINED_BODIES=0 does not use the bodies
// the build recorded after the inliner, so it keeps nothing unaffected and
// optimises walk again (to the code the process runs). It still notes
// which functions the closures file links to their recorded bodies
// (docs/design.md, "Unaffected callers"): the next patch compile, with the
// recorded bodies, finds walk unaffected by the second edit of step and
// keeps it as the build made it. Without the links that compile would
// optimise walk again, and so would every later one until a new build.
// walk(6) is 49 with step(n) = walk(n - 1) + n, 58 with 2 * n, 67 with 3 * n.
//
// The program and its first two versions are keep-unaffected.c's; the
// third is its second with step's factor 3.
//
// RUN: rm -rf %t && split-file %S/keep-unaffected.c %t && split-file %s %t
// RUN: cd %t && mkdir .hotpatch && sed 's/2 \* n;/3 * n;/' v2.c > v4.c
// RUN: not cmp -s v2.c v4.c
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive links-script | FileCheck %s
//
// CHECK: out: walk=49 calls=0
// CHECK-NOT: kept as the build
// CHECK: hcc:   changed step
// CHECK-NOT: kept as the build
// CHECK: hcc: patched lib.c: step (generation 1,
// CHECK: out: walk=58 calls=0
// CHECK: hcc: kept as the build made them: 1 of them, whose callees were edited but whose code holds no edited code
// CHECK: hcc:   changed step
// CHECK-NEXT: hcc: patched lib.c: step (generation 2,
// CHECK: out: walk=67 calls=0
// CHECK: exit=0

//--- links-script
start ./prog
expect ^ready
send go
expect ^out
copy v2.c lib.c
sh HOTPATCH_INLINED_BODIES=0 hcc patch --verbose --pid $PID 2>&1
send go
expect ^out
copy v4.c lib.c
patch --verbose
send go
expect ^out
close

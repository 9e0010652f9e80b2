// `hcc patch --all` compiles once for the processes that run the same code:
// a parent and its two forked workers at generation 0 of one build get one
// patch (--verbose counts the builds and compiles, --json gives each
// process's compiles and whose patch it got), and all three run it.  Then
// worker 1 is patched alone (generation 2), so the next --all builds two
// patches: one shared by the parent and worker 0 (generation 1), one for
// worker 1.  The processes are patched in pid order, so the parent, forked
// first from the shell, builds its group's patch.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: mkfifo w0.fifo w1.fifo
// RUN: cp -p %S/Inputs/prefork.c main.c && %hcc -O2 -c main.c -o main.o && cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: ready 2 workers parent=[[P:[0-9]+]] w0=[[W0:[0-9]+]] w1=[[W1:[0-9]+]]
//
// One compile for the three processes at generation 0.
// CHECK-DAG: {"event":"patch","pid":[[P]],"result":"applied",{{.*}}"compiles":1,"shared_from":null
// CHECK-DAG: {"event":"patch","pid":[[W0]],"result":"applied",{{.*}}"compiles":0,"shared_from":[[P]],
// CHECK-DAG: {"event":"patch","pid":[[W1]],"result":"applied",{{.*}}"compiles":0,"shared_from":[[P]],
// CHECK-DAG: hcc: process [[W0]]: same build, generation and sources as process [[P]]: its patch, no compile
// CHECK-DAG: hcc: process [[W1]]: same build, generation and sources as process [[P]]: its patch, no compile
// CHECK-DAG: hcc: process [[P]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W0]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W1]]: patched lib.c: value (generation 1,
// CHECK: hcc: 3 processes; patches built: 1, units compiled: 1
// CHECK-NEXT: sh exit=0
// CHECK: out: parent value=2
// CHECK: out: worker 0 value=2
// CHECK: out: worker 1 value=2
//
// Worker 1 alone to generation 2.
// CHECK: hcc: patched lib.c: value (generation 2,
// CHECK-NEXT: sh exit=0
//
// Two groups, two compiles.
// CHECK-DAG: hcc: process [[W0]]: same build, generation and sources as process [[P]]: its patch, no compile
// CHECK-DAG: hcc: process [[P]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W0]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W1]]: patched lib.c: value (generation 3,
// CHECK: hcc: 3 processes; patches built: 2, units compiled: 2
// CHECK-NEXT: sh exit=0
// CHECK: out: parent value=4
// CHECK: out: worker 0 value=4
// CHECK: out: worker 1 value=4
// CHECK: exit=0

//--- script
start ./prog 2
expect ^ready
copy v2.c lib.c
sh $HCC patch --all --verbose --json ./prog
send report
expect ^parent
sh echo report > w0.fifo
expect ^worker 0
sh echo report > w1.fifo
expect ^worker 1
copy v3.c lib.c
sh $HCC patch --pid $(cat w1.pid)
copy v4.c lib.c
sh $HCC patch --all --verbose ./prog
send report
expect ^parent
sh echo report > w0.fifo
expect ^worker 0
sh echo report > w1.fifo
expect ^worker 1
close

//--- v1.c
int value(void) { return 1; }

//--- v2.c
int value(void) { return 2; }

//--- v3.c
int value(void) { return 3; }

//--- v4.c
int value(void) { return 4; }

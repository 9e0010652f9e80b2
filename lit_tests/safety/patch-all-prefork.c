// `hcc patch --all PROGRAM` patches every running process of a pre-forking
// server: the parent and its three workers, each against its own registry.
// Worker 1 was patched alone first (generation 1, v2), so the --all patch
// brings it from v2 to v3 (generation 2) and the others from v1 to v3
// (generation 1).  One status line per process, exit 0; every process then
// answers with v3.  Once worker 2 has quit, --all patches the three
// processes that are left (v4).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: mkfifo w0.fifo w1.fifo w2.fifo
// RUN: cp -p %S/../live/Inputs/prefork.c main.c && %hcc -O2 -c main.c -o main.o && cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: ready 3 workers parent=[[P:[0-9]+]] w0=[[W0:[0-9]+]] w1=[[W1:[0-9]+]] w2=[[W2:[0-9]+]]
// CHECK: out: parent value=1
// CHECK: out: worker 1 value=1
// CHECK: hcc: patched lib.c: value (generation 1,
// CHECK-NEXT: sh exit=0
// CHECK: out: worker 1 value=2
// CHECK: out: worker 0 value=1
// CHECK-DAG: hcc: process [[P]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W0]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W1]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W2]]: patched lib.c: value (generation 1,
// CHECK: sh exit=0
// CHECK: out: parent value=3
// CHECK: out: worker 0 value=3
// CHECK: out: worker 1 value=3
// CHECK: out: worker 2 value=3
// CHECK: out: worker 2 quit
// CHECK: out: reaped 2
// CHECK-DAG: hcc: process [[P]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W0]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W1]]: patched lib.c: value (generation 3,
// CHECK-NOT: process [[W2]]
// CHECK: sh exit=0
// CHECK: out: worker 0 value=4
// CHECK: out: parent value=4
// CHECK: exit=0

//--- script
start ./prog 3
expect ^ready
send report
expect ^parent
sh echo report > w1.fifo
expect ^worker 1
copy v2.c lib.c
sh $HCC patch --pid $(cat w1.pid)
sh echo report > w1.fifo
expect ^worker 1
sh echo report > w0.fifo
expect ^worker 0
copy v3.c lib.c
sh $HCC patch --all ./prog
send report
expect ^parent
sh echo report > w0.fifo
expect ^worker 0
sh echo report > w1.fifo
expect ^worker 1
sh echo report > w2.fifo
expect ^worker 2
sh echo quit > w2.fifo
expect ^worker 2 quit
send reap 2
expect ^reaped 2
copy v4.c lib.c
sh $HCC patch --all ./prog
sh echo report > w0.fifo
expect ^worker 0
send report
expect ^parent
close

//--- v1.c
int value(void) { return 1; }

//--- v2.c
int value(void) { return 2; }

//--- v3.c
int value(void) { return 3; }

//--- v4.c
int value(void) { return 4; }

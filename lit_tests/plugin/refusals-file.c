// Every refusal of patch mode is written, with its kind, to the refusals
// file hcc names (-fplugin-arg-hotpatch-refusals=FILE, format in
// include/hotpatch_abi.h), besides failing the compile: hcc tells a refused
// change from a compile error by this file, not by the wording of messages.
// A compile that refuses nothing leaves no file.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -c v1.c -o v1.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=baseline.txt v1.o
//
// Nothing refused: no file.
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -fplugin-arg-hotpatch-refusals=same.refused -c v1.c -o same.o
// RUN: not test -e same.refused
//
// A global's layout.
// RUN: not %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -fplugin-arg-hotpatch-refusals=layout.refused -c layout.c -o layout.o 2> layout.err
// RUN: FileCheck --check-prefix=LAYOUT %s < layout.refused
// RUN: count 1 < layout.refused
// RUN: FileCheck --check-prefix=LAYOUTERR %s < layout.err
// LAYOUT: {{^}}layout cannot patch global 'counter' of layout.c: its type changed from i32 (4 bytes) to i64 (8 bytes)
// LAYOUTERR: error: hotpatch: cannot patch global 'counter'
//
// An external constant's size.
// RUN: not %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -fplugin-arg-hotpatch-refusals=size.refused -c size.c -o size.o
// RUN: FileCheck --check-prefix=SIZE %s < size.refused
// RUN: count 1 < size.refused
// SIZE: {{^}}constant-size cannot patch constant 'table' of size.c: its size changed (was 8 bytes, now 12 bytes)
//
// A module the baseline does not have (a new source file).
// RUN: not %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=other.c -fplugin-arg-hotpatch-baseline=baseline.txt -fplugin-arg-hotpatch-refusals=new.refused -c v1.c -o new.o
// RUN: FileCheck --check-prefix=NEW %s < new.refused
// RUN: count 1 < new.refused
// NEW: {{^}}new-module module 'other.c' is not part of the running program; rebuild and restart it to add new source files
//
// A compile error is not a refusal.
// RUN: not %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=a.c -fplugin-arg-hotpatch-baseline=baseline.txt -fplugin-arg-hotpatch-refusals=broken.refused -c broken.c -o broken.o
// RUN: not test -e broken.refused
//
// Lambdas of an inline function that units could number apart: one with a
// static ran, one of the same kind is added before it and it is edited.
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=l.cpp -c lambdas.v1.cpp -o lambdas.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=lambdas.txt lambdas.o
// RUN: not %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=l.cpp -fplugin-arg-hotpatch-baseline=lambdas.txt -fplugin-arg-hotpatch-refusals=lambda.refused -c lambdas.v2.cpp -o lambdas2.o
// RUN: FileCheck --check-prefix=LAMBDA %s < lambda.refused
// RUN: count 1 < lambda.refused
// LAMBDA: {{^}}lambda cannot tell which lambda of 'tally()' is which: 1 of the same kind ran, 2 are edited or new, and every unit that uses the function must number them alike; edit and add its lambdas in separate patches, or restart the program

//--- v1.c
int counter;
const int table[2] = {1, 2};
int bump(void) { return ++counter + table[1]; }

//--- layout.c
long counter;
const int table[2] = {1, 2};
int bump(void) { return (int)++counter + table[1]; }

//--- size.c
int counter;
const int table[3] = {1, 2, 3};
int bump(void) { return ++counter + table[2]; }

//--- broken.c
#error "hotpatch: cannot patch this"

//--- lambdas.v1.cpp
inline int tally() {
  auto count = [] { static int n = 0; return n += 1; };
  return count();
}
int use() { return tally(); }

//--- lambdas.v2.cpp
inline int tally() {
  auto hundreds = [] { static int n = 0; return n += 100; };
  auto count = [] { static int n = 0; return n += 2; };
  return hundreds() + count();
}
int use() { return tally(); }

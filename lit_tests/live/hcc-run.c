// `hcc run` starts the program, watches its sources and headers, and patches
// on every save: a plain save, an editor's rename-save, a header edit and a
// save with a syntax error (diagnostics shown, program unchanged), one status
// line per applied patch. The program's exit status is hcc run's.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c && cp h.v1.h lib.h
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: err: hcc: watching {{[0-9]+}} files of {{.*}}prog (pid {{[0-9]+}})
// CHECK: out: v1 x1
// CHECK: err: hcc: patched lib.c: scenario_command (generation 1, {{[0-9]+}} ms)
// CHECK: out: v2 x1
// CHECK: err: hcc: patched lib.c: scenario_command (generation 2, {{[0-9]+}} ms)
// CHECK: out: v3 x1
// CHECK: err: hcc: patched lib.c: scenario_command (generation 3, {{[0-9]+}} ms)
// CHECK: out: v3 x7
// CHECK: err: {{.*}}lib.c:{{[0-9]+}}:{{[0-9]+}}: error:
// CHECK: out: v3 x7
// CHECK: exit=0

//--- script
hccrun ./prog
expect-err watching
send go
expect ^v1
copy v2.c lib.c
expect-err patched
send go
expect ^v2
rename-save v3.c lib.c
expect-err patched
send go
expect ^v3
copy h.v2.h lib.h
expect-err patched
send go
expect ^v3
copy broken.c lib.c
expect-err error
send go
expect ^v3
close

//--- h.v1.h
#define FACTOR 1

//--- h.v2.h
#define FACTOR 7

//--- v1.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v1 x%d\n", FACTOR); }

//--- v2.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v2 x%d\n", FACTOR); }

//--- v3.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v3 x%d\n", FACTOR); }

//--- broken.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) { (void)command; printf("v4 x%d\n", FACTOR) }

// A compile error is exit 3 even when its text reads like a refusal: hcc
// tells refusals by the plugin's refusals file, not by searching the
// compiler output for "hotpatch: cannot patch".
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
//
// CHECK: out: v1
// Each compiler's spelling of the #error.
// CLANG: lib.c:1:2: error: "hotpatch: cannot patch this yet"
// GCC: lib.c:1:2: error: #error "hotpatch: cannot patch this yet"
// CHECK: hcc: error: not patched: lib.c did not compile; process {{[0-9]+}} keeps running generation 0
// CHECK-NEXT: patch exit=3
// CHECK-NEXT: out: v1

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch
send go
expect ^v1
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  puts("v1");
}

//--- v2.c
#error "hotpatch: cannot patch this yet"

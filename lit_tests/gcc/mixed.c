// A mixed program: a shared library built by hcc-gcc (gcc-12 and the GCC
// plugin) and an executable built by hcc (clang-19), and the other way
// round.  Both register in the one registry of the process (each module
// once), and a function of either compiler's module is redirected through
// the runtime, reached from the other's code.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: %hcc-gcc -O2 -fPIC -shared lib.c -o libpart.so
// RUN: %hcc -O2 main.c -L. -lpart -Wl,-rpath,%t -o gcc-lib
// RUN: ./gcc-lib | FileCheck %s
// RUN: %hcc -O2 -fPIC -shared lib.c -o libpart.so
// RUN: %hcc-gcc -O2 main.c -L. -lpart -Wl,-rpath,%t -o clang-lib
// RUN: ./clang-lib | FileCheck %s

// CHECK:      module {{(.*/)?}}lib.c hash={{([0-9a-f]{32})$}}
// CHECK-NEXT:   function {{ *([0-9a-f]{32})}} lib_twice{{$}}
// CHECK:      module {{(.*/)?}}main.c hash={{([0-9a-f]{32})$}}
// CHECK:      before: twice=4 main-side=3
// CHECK-NEXT: redirect lib: 0
// CHECK-NEXT: redirect main: 0
// CHECK-NEXT: after: twice=300 main-side=200

//--- lib.c
int main_side(int x);
int lib_twice(int x) { return 2 * x; }
int lib_calls_main(int x) { return main_side(x); }

//--- main.c
#include <hotpatch.h>
#include <stdio.h>
int lib_twice(int x);
int lib_calls_main(int x);
int main_side(int x) { return x + 1; }
static int hundred(int x) { return 100 * x; }

int main(void) {
  hotpatch_debug_dump(stdout);
  printf("before: twice=%d main-side=%d\n", lib_twice(2), lib_calls_main(2));
  printf("redirect lib: %d\n", hotpatch_debug_redirect("lib_twice", (void *)hundred));
  printf("redirect main: %d\n", hotpatch_debug_redirect("main_side", (void *)hundred));
  printf("after: twice=%d main-side=%d\n", lib_twice(3), lib_calls_main(2));
  return 0;
}

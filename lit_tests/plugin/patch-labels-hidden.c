// Two shapes from real code (Lua's interpreter loop) that a patch must
// survive: a computed-goto table of label addresses in the changed function
// (the labels belong to the impl, which keeps F's body), and calls to
// hidden functions of other files (LUAI_FUNC), which become imports and
// leave no undefined hidden symbol behind, so the patch links.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O2 -fPIC -fplugin=%plugin -fplugin-arg-hotpatch-module-id=vm.c -c v1.c -o v1.o
// RUN: %clang -O2 -fPIC -fplugin=%plugin -fplugin-arg-hotpatch-module-id=other.c -c other.c -o other.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=a.txt v1.o
// RUN: llvm-objcopy --dump-section=hotpatch_info=b.txt other.o
// RUN: cat a.txt b.txt > baseline.txt
//
// The build itself runs right: labels reach the moved body.
// RUN: %clang -O2 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=main.c main.c v1.o other.o -o prog
// RUN: ./prog | FileCheck --check-prefix=RUN1 %s
// RUN1: run 7
//
// RUN: %clang -O2 -fPIC -fplugin=%plugin -fplugin-arg-hotpatch-module-id=vm.c -fplugin-arg-hotpatch-baseline=baseline.txt -S -emit-llvm v2.c -o v2.ll
// RUN: FileCheck --check-prefix=IR %s < v2.ll
// IR: blockaddress(@run.hp.impl,
// IR-NOT: declare hidden
// RUN: %clang -O2 -fPIC -fplugin=%plugin -fplugin-arg-hotpatch-module-id=vm.c -fplugin-arg-hotpatch-baseline=baseline.txt -c v2.c -o v2.o
// RUN: %clang -shared v2.o -o patch.so
// RUN: llvm-nm -u v2.o | FileCheck --check-prefix=UNDEF %s
// UNDEF-NOT: helper

//--- other.c
__attribute__((visibility("hidden"))) int helper(int x) { return x + 1; }

//--- main.c
#include <stdio.h>
int run(const unsigned char *code);
int main(void) {
  const unsigned char code[] = {0, 0, 1, 2};
  printf("run %d\n", run(code));
  return 0;
}

//--- v1.c
__attribute__((visibility("hidden"))) int helper(int x);
int run(const unsigned char *code) {
  static void *const ops[] = {&&inc, &&dbl, &&end};
  int acc = 1;
  goto *ops[*code];
inc:
  acc = helper(acc);
  goto *ops[*++code];
dbl:
  acc *= 2;
  goto *ops[*++code];
end:
  return acc + 1;
}

//--- v2.c
__attribute__((visibility("hidden"))) int helper(int x);
int run(const unsigned char *code) {
  static void *const ops[] = {&&inc, &&dbl, &&end};
  int acc = 1;
  goto *ops[*code];
inc:
  acc = helper(acc);
  goto *ops[*++code];
dbl:
  acc *= 3;
  goto *ops[*++code];
end:
  return acc + 1;
}

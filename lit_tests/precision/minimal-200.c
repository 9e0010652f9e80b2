// One function of a translation unit of 200 changes: the patch holds that
// function alone. Then a static helper that two of them inlined changes:
// the patch holds exactly those two (the helper, inlined everywhere, has no
// body of its own in a clang build: 201 functions; a gcc build keeps it:
// 202, and its patch holds the helper too). `hcc patch --verbose`
// lists what each patch contains; CHECK-NEXT makes the lists exact.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: bash gen.sh 'x + 1' 'x * 100 + 1' > v1.c
// RUN: bash gen.sh 'x + 1' 'x * 100 + 2' > v2.c
// RUN: bash gen.sh 'x + 5' 'x * 100 + 2' > v3.c
// RUN: cp v1.c lib.c && %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %hcc inspect lib.o | grep -c '^  function ' | FileCheck %s --check-prefix=COUNT-%compiler-prefix
// COUNT-CLANG: 201
// COUNT-GCC: 202
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
//
// CHECK: out: f10=11 f11=12 f100=101 f150=15001
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed f100
// CHECK-NEXT: hcc: patched lib.c: f100 (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: f10=11 f11=12 f100=102 f150=15001
// CHECK: hcc: module lib.c:lib.o
// GCC-NEXT: hcc:   changed lib.c:lib.o:bump
// CHECK-NEXT: hcc:   changed f10
// CHECK-NEXT: hcc:   changed f11
// CLANG-NEXT: hcc: patched lib.c: f10, f11 (generation 2,
// GCC-NEXT: hcc: patched lib.c: bump, f10, f11 (generation 2,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: f10=15 f11=16 f100=102 f150=15001
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^f10
copy v2.c lib.c
patch --verbose
send go
expect ^f10
copy v3.c lib.c
patch --verbose
send go
expect ^f10
close

//--- gen.sh
# gen.sh BUMP F100: 200 functions f0..f199; f10 and f11 call the static
# helper bump (returning BUMP), which the optimiser inlines into them; f100
# returns F100; the others return x * i + 1.
echo '#include <stdio.h>'
echo "static int bump(int x) { return $1; }"
for i in $(seq 0 199); do
  case $i in
  10 | 11) echo "int f$i(int x) { return bump(x) + $((i - 10)); }" ;;
  100) echo "int f$i(int x) { return $2; }" ;;
  *) echo "int f$i(int x) { return x * $i + 1; }" ;;
  esac
done
cat <<'END'
void scenario_command(const char *command) {
  (void)command;
  int (*volatile a)(int) = f10, (*volatile b)(int) = f11;
  int (*volatile c)(int) = f100, (*volatile d)(int) = f150;
  printf("f10=%d f11=%d f100=%d f150=%d\n", a(10), b(10), c(1), d(100));
}
END

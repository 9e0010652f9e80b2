// The descriptor gives every function its C signature for hcc call
// (include/hotpatch_abi.h): one code per type, read from clang's AST, since
// the IR cannot tell int from unsigned, bool from char, or char * from
// struct node *; what libffi cannot pass from typed arguments is "!" and the
// reason.  Each function below has a signature of its own, and its row in
// the function table points at it.  Without the front end (-fpass-plugin=)
// the field is null.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=m.c -Wno-deprecated-non-prototype -S -emit-llvm m.c -o - \
// RUN:   | python3 %S/Inputs/descriptor-strings.py | FileCheck %s
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=m.cpp -S -emit-llvm m.cpp -o - \
// RUN:   | python3 %S/Inputs/descriptor-strings.py | FileCheck --check-prefix=CXX %s
// RUN: %clang -O0 -fpass-plugin=%plugin -fplugin-arg-hotpatch-module-id=m.c -Wno-deprecated-non-prototype -S -emit-llvm m.c -o - \
// RUN:   | python3 %S/Inputs/descriptor-strings.py | FileCheck --check-prefix=BARE %s
//
// The descriptor's strings are one table; descriptor-strings.py writes
// each pointer into it as the string it points at (str"...").
// CHECK-DAG: { ptr str"add", ptr @add.hp.slot, ptr @add, ptr @add.hp.impl, i64 {{-?[0-9]+}}, i64 {{-?[0-9]+}}, i32 0, i32 0, ptr str"i32(i32,i32)" }
// CHECK-DAG: { ptr str"widen", {{[^}]*}}, ptr str"u64(u8,u16,u32,u64)" }
// CHECK-DAG: { ptr str"narrow", {{[^}]*}}, ptr str"i8(i8,i16,i64,i8)" }
// CHECK-DAG: { ptr str"flip", {{[^}]*}}, ptr str"b(b)" }
// CHECK-DAG: { ptr str"mix", {{[^}]*}}, ptr str"f32(f32,f64,ld)" }
// Enums by their underlying type: unsigned int without negative values.
// CHECK-DAG: { ptr str"next_color", {{[^}]*}}, ptr str"u32(u32,i32)" }
// Any pointer to char is a string, whatever its qualifiers and signedness.
// CHECK-DAG: { ptr str"greet", {{[^}]*}}, ptr str"s(s,s,s)" }
// CHECK-DAG: { ptr str"where", {{[^}]*}}, ptr str"p(p,p,p,p)" }
// CHECK-DAG: { ptr str"nothing", {{[^}]*}}, ptr str"v()" }
// A static function too, and a typedef is its type.
// CHECK-DAG: { ptr str"m.c:helper", ptr @helper.hp.slot, ptr @helper, ptr @helper.hp.impl, {{[^}]*}}, ptr str"i64(u64)" }
//
// What cannot be passed: the reason, naming the parameter and its type.
// CHECK-DAG: { ptr str"px", {{[^}]*}}, ptr str"!parameter 1 (p) is a struct or union passed by value ('struct point')" }
// CHECK-DAG: { ptr str"origin", {{[^}]*}}, ptr str"!it returns a struct or union by value ('struct point')" }
// CHECK-DAG: { ptr str"sum", {{[^}]*}}, ptr str"!it takes a variable argument list (...)" }
// CHECK-DAG: { ptr str"wide", {{[^}]*}}, ptr str"!it returns '__int128', which hcc call cannot read" }
// CHECK-DAG: { ptr str"re", {{[^}]*}}, ptr str"!parameter 2 (z) has type '_Complex double', which hcc call cannot pass" }
// CHECK-DAG: { ptr str"knr", {{[^}]*}}, ptr str"!it is defined without a prototype (K&R style)" }
//
// CXX-DAG: { ptr str"_ZN7counter4bumpEi", {{[^}]*}}, ptr str"!it is a C++ member function" }
// CXX-DAG: { ptr str"_Z4freei", ptr @_Z4freei.hp.slot, ptr @_Z4freei, ptr @_Z4freei.hp.impl, {{[^}]*}}, ptr str"i32(i32)" }
// CXX-DAG: { ptr str"_Z3refRi", {{[^}]*}}, ptr str"!parameter 1 (r) has type 'int &', which hcc call cannot pass" }
//
// BARE-NOT: str"i32(i32,i32)"
// BARE: { ptr str"add", ptr @add.hp.slot, ptr @add, ptr @add.hp.impl, i64 {{-?[0-9]+}}, i64 {{-?[0-9]+}}, i32 0, i32 0, ptr null }

//--- m.c
#include <stdbool.h>
#include <stddef.h>
struct point { int x, y; };
struct node;
enum color { RED, GREEN, BLUE };
enum sign { NEGATIVE = -1, POSITIVE = 1 };
typedef long long ticks;

int add(int a, int b) { return a + b; }
unsigned long long widen(unsigned char a, unsigned short b, unsigned c,
                         unsigned long d) { return a + b + c + d; }
signed char narrow(char a, short b, long long c, signed char d) {
  return (signed char)(a + b + c + d);
}
bool flip(bool b) { return !b; }
float mix(float a, double b, long double c) { return a + (float)b + (float)c; }
enum color next_color(enum color c, enum sign s) { return c + (s > 0); }
const char *greet(const char *name, char *buffer, unsigned char *bytes) {
  return bytes ? buffer : name;
}
void *where(int *p, void (*fn)(void), struct node *n, size_t *size) {
  return p ? (void *)p : fn ? (void *)n : size;
}
void nothing(void) {}
static ticks helper(size_t n) { return (ticks)n; }
ticks use_helper(void) { return helper(3); }

int px(struct point p) { return p.x; }
struct point origin(void) { struct point o = {0, 0}; return o; }
int sum(int n, ...) { return n; }
__int128 wide(void) { return 1; }
double re(double x, _Complex double z) { return x + __real__ z; }
int knr(a) int a; { return a; }

//--- m.cpp
struct counter {
  int n;
  int bump(int by) { return n += by; }
};
int free(int x) { counter c{0}; return c.bump(x); }
int ref(int &r) { return r; }

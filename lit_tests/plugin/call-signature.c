// The descriptor gives every function its C signature for hcc call
// (include/hotpatch_abi.h): one code per type, read from clang's AST, since
// the IR cannot tell int from unsigned, bool from char, or char * from
// struct node *; what libffi cannot pass from typed arguments is "!" and the
// reason.  Each function below has a signature of its own, and its row in
// the function table points at it.  Without the front end (-fpass-plugin=)
// the field is null.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=m.c -Wno-deprecated-non-prototype -S -emit-llvm m.c -o - | FileCheck %s
// RUN: %clang -O0 -fplugin=%plugin -fplugin-arg-hotpatch-module-id=m.cpp -S -emit-llvm m.cpp -o - | FileCheck --check-prefix=CXX %s
// RUN: %clang -O0 -fpass-plugin=%plugin -fplugin-arg-hotpatch-module-id=m.c -Wno-deprecated-non-prototype -S -emit-llvm m.c -o - | FileCheck --check-prefix=BARE %s

// CHECK-DAG: @[[ADD:[^ ]+]] = private unnamed_addr constant {{.*}} c"i32(i32,i32)\00"
// CHECK-DAG: ptr @add.hp.slot, ptr @add, ptr @add.hp.impl, i64 {{-?[0-9]+}}, i64 {{-?[0-9]+}}, i32 0, i32 0, ptr @[[ADD]] }
// CHECK-DAG: @[[UNSIGNED:[^ ]+]] = private unnamed_addr constant {{.*}} c"u64(u8,u16,u32,u64)\00"
// CHECK-DAG: ptr @widen.hp.impl, {{.*}}, ptr @[[UNSIGNED]] }
// CHECK-DAG: @[[SIGNED:[^ ]+]] = private unnamed_addr constant {{.*}} c"i8(i8,i16,i64,i8)\00"
// CHECK-DAG: ptr @narrow.hp.impl, {{.*}}, ptr @[[SIGNED]] }
// CHECK-DAG: @[[BOOL:[^ ]+]] = private unnamed_addr constant {{.*}} c"b(b)\00"
// CHECK-DAG: ptr @flip.hp.impl, {{.*}}, ptr @[[BOOL]] }
// CHECK-DAG: @[[FLOAT:[^ ]+]] = private unnamed_addr constant {{.*}} c"f32(f32,f64,ld)\00"
// CHECK-DAG: ptr @mix.hp.impl, {{.*}}, ptr @[[FLOAT]] }
// Enums by their underlying type: unsigned int without negative values.
// CHECK-DAG: @[[ENUM:[^ ]+]] = private unnamed_addr constant {{.*}} c"u32(u32,i32)\00"
// CHECK-DAG: ptr @next_color.hp.impl, {{.*}}, ptr @[[ENUM]] }
// Any pointer to char is a string, whatever its qualifiers and signedness.
// CHECK-DAG: @[[STRING:[^ ]+]] = private unnamed_addr constant {{.*}} c"s(s,s,s)\00"
// CHECK-DAG: ptr @greet.hp.impl, {{.*}}, ptr @[[STRING]] }
// CHECK-DAG: @[[POINTER:[^ ]+]] = private unnamed_addr constant {{.*}} c"p(p,p,p,p)\00"
// CHECK-DAG: ptr @where.hp.impl, {{.*}}, ptr @[[POINTER]] }
// CHECK-DAG: @[[VOID:[^ ]+]] = private unnamed_addr constant {{.*}} c"v()\00"
// CHECK-DAG: ptr @nothing.hp.impl, {{.*}}, ptr @[[VOID]] }
// A static function too, and a typedef is its type.
// CHECK-DAG: @[[STATIC:[^ ]+]] = private unnamed_addr constant {{.*}} c"i64(u64)\00"
// CHECK-DAG: ptr @helper.hp.impl, {{.*}}, ptr @[[STATIC]] }
//
// What cannot be passed: the reason, naming the parameter and its type.
// CHECK-DAG: c"!parameter 1 (p) is a struct or union passed by value ('struct point')\00"
// CHECK-DAG: c"!it returns a struct or union by value ('struct point')\00"
// CHECK-DAG: c"!it takes a variable argument list (...)\00"
// CHECK-DAG: c"!it returns '__int128', which hcc call cannot read\00"
// CHECK-DAG: c"!parameter 2 (z) has type '_Complex double', which hcc call cannot pass\00"
// CHECK-DAG: c"!it is defined without a prototype (K&R style)\00"
//
// CXX-DAG: c"!it is a C++ member function\00"
// CXX-DAG: @[[FREE:[^ ]+]] = private unnamed_addr constant {{.*}} c"i32(i32)\00"
// CXX-DAG: ptr @_Z4freei.hp.impl, {{.*}}, ptr @[[FREE]] }
// CXX-DAG: c"!parameter 1 (r) has type 'int &', which hcc call cannot pass\00"
//
// BARE-NOT: c"i32(i32,i32)\00"
// BARE: ptr @add.hp.slot, ptr @add, ptr @add.hp.impl, i64 {{-?[0-9]+}}, i64 {{-?[0-9]+}}, i32 0, i32 0, ptr null }

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

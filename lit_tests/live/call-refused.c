// What hcc call cannot marshal, or a call that does not fit the function,
// is refused with one line naming the function and why, exit 1, and
// nothing is called: every function here counts its calls, and the count
// stays 0.  Usage errors are exit 2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c
// RUN: %hcc -O2 loop.c refused.c -o prog
// RUN: %drive script | FileCheck --strict-whitespace %s
//
// CHECK: hcc: error: process {{[0-9]+}}: cannot call 'area': parameter 1 (r) is a struct or union passed by value ('struct rect')
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'origin': it returns a struct or union by value ('struct rect')
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'total': it takes a variable argument list (...)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'add': it takes 2 arguments (int32_t, int32_t), not 1
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'add': it takes 2 arguments (int32_t, int32_t), not 3
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'tick': it takes 0 arguments, not 1
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'add': argument 2: 'two' is not a signed 32-bit integer (-2147483648 to 2147483647)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'add': argument 1: '2147483648' is not a signed 32-bit integer (-2147483648 to 2147483647)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'small': argument 1: '256' is not an unsigned 8-bit integer (0 to 255)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'small': argument 1: '-1' is not an unsigned 8-bit integer (0 to 255)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'add': argument 1: ' 1' is not a signed 32-bit integer (-2147483648 to 2147483647)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'scaled': argument 1: '1.5x' is not a double
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'flag': argument 1: 'yes' is not a bool (true, false, 1 or 0)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'peek': argument 1: 'xyz' is not a pointer (hex, as 0x7f3a2c001000, or 0 or NULL)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: no function 'missing' in this process (hcc inspect PROGRAM lists them: a static one as FILE:NAME, a C++ one by its mangled name)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: no function 'nosuch.c:tick' in this process (hcc inspect PROGRAM lists them: a static one as FILE:NAME, a C++ one by its mangled name)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: hcc: error: hcc call: no FUNCTION (usage: hcc call [--pid PID | PROGRAM] FUNCTION [ARGS...])
// CHECK-NEXT: hcc exit=2
// CHECK-NEXT: hcc: error: hcc call: unknown option '--frobnicate' (usage: hcc call [--pid PID | PROGRAM] FUNCTION [ARGS...])
// CHECK-NEXT: hcc exit=2
// CHECK-NEXT: hcc: error: hcc call: --pid needs a process id (see 'hcc --help')
// CHECK-NEXT: hcc exit=2
// CHECK-NEXT: out: calls=0
// CHECK-NEXT: 0
// CHECK-NEXT: hcc exit=0
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
hcc call --pid PID area 1
hcc call --pid PID origin
hcc call --pid PID total 1 2
hcc call --pid PID add 1
hcc call --pid PID add 1 2 3
hcc call --pid PID tick 1
hcc call --pid PID add 1 two
hcc call --pid PID add 2147483648 1
hcc call --pid PID small 256
hcc call --pid PID small -1
hcc call --pid PID add " 1" 2
hcc call --pid PID scaled 1.5x
hcc call --pid PID flag yes
hcc call --pid PID peek xyz
hcc call --pid PID missing
hcc call --pid PID nosuch.c:tick
hcc call --pid PID
hcc call --frobnicate
hcc call --pid
send show
expect ^calls=
hcc call --pid PID calls_so_far
close

//--- refused.c
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int calls;
struct rect { int w, h; };

int area(struct rect r) { calls++; return r.w * r.h; }
struct rect origin(void) { calls++; struct rect o = {0, 0}; return o; }
int total(int n, ...) { calls++; return n; }
int add(int a, int b) { calls++; return a + b; }
int tick(void) { return ++calls; }
unsigned char small(unsigned char x) { calls++; return x; }
double scaled(double x) { calls++; return x * 2; }
bool flag(bool b) { calls++; return b; }
int peek(const int *p) { calls++; return p ? *p : 0; }
int calls_so_far(void) { return calls; }

void scenario_command(const char *command) {
  if (strcmp(command, "show") == 0)
    printf("calls=%d\n", calls);
}

// hcc call passes arguments of every C type by the signature the plugin
// recorded and prints the result the way C would read it back: integers of
// each width and signedness (wrapping as the function's own arithmetic
// does), float, double and long double (the shortest text that reads back
// as the same value), bool, enums as numbers, strings (with spaces, quotes,
// non-ASCII bytes, empty), pointers as hex, and void.  The state it sees and
// changes is the program's: a counter the program bumped, then set by a
// call and printed by the program.  Every expected value is worked out by
// hand from the C types (e.g. 0.1 * 3 in double is 0.30000000000000004).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c
// RUN: %hcc -O2 loop.c types.c -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: counter=3
// CHECK-NEXT: {{^}}3{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}5{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}-5{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}24{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}-128{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}0{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}-16384{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}14464{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}4294967295{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}-12884901888{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}18446744073709551615{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}99{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}0.75{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}0.33333334{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}0.30000000000000004{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}0.25{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}true{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}false{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}false{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}true{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}6{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}"hello, big world"{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}"hello, say \"hi\"\nthere"{{$}}
// CHECK-NEXT: sh exit=0
// CHECK-NEXT: {{^}}"hello, "{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}6{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}NULL{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}void{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: out: counter=42
// A pointer printed by one call is an argument of the next.
// CHECK-NEXT: {{^}}0x{{[0-9a-f]+}} 42{{$}}
// CHECK-NEXT: sh exit=0
// PROGRAM instead of --pid.
// CHECK-NEXT: {{^}}42{{$}}
// CHECK-NEXT: sh exit=0
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send bump
send bump
send bump
send show
expect ^counter=3
hcc call --pid PID get_counter
hcc call --pid PID add 2 3
hcc call --pid PID add -7 2
hcc call --pid PID add 0x10 010
hcc call --pid PID neg8 -128
hcc call --pid PID next8 255
hcc call --pid PID half16 -32768
hcc call --pid PID twice16 40000
hcc call --pid PID sub32 1 2
hcc call --pid PID mul64 4294967296 -3
hcc call --pid PID max64
hcc call --pid PID letter 2
hcc call --pid PID half 1.5
hcc call --pid PID third 1
hcc call --pid PID scale 0.1 3
hcc call --pid PID ratio 1 4
hcc call --pid PID is_even 4
hcc call --pid PID is_even 7
hcc call --pid PID negate true
hcc call --pid PID negate 0
hcc call --pid PID after 5
hcc call --pid PID greet "big world"
sh hcc call --pid $PID greet $'say "hi"\nthere'
hcc call --pid PID greet ""
hcc call --pid PID length héllo
hcc call --pid PID nothing
hcc call --pid PID set_counter 42
send show
expect ^counter=
sh p=$(hcc call --pid $PID counter_address) && echo "$p $(hcc call --pid $PID read_int $p)"
sh hcc call ./prog get_counter
close

//--- types.c
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int counter;
static char greeting[64];

void scenario_command(const char *command) {
  if (strcmp(command, "bump") == 0)
    counter++;
  else if (strcmp(command, "show") == 0)
    printf("counter=%d\n", counter);
}

int get_counter(void) { return counter; }
void set_counter(int value) { counter = value; }
int *counter_address(void) { return &counter; }
int read_int(const int *p) { return *p; }

int add(int a, int b) { return a + b; }
int8_t neg8(int8_t x) { return (int8_t)-x; }
uint8_t next8(uint8_t x) { return (uint8_t)(x + 1); }
short half16(short x) { return x / 2; }
unsigned short twice16(unsigned short x) { return (unsigned short)(x * 2); }
unsigned sub32(unsigned a, unsigned b) { return a - b; }
long long mul64(long long a, long long b) { return a * b; }
unsigned long long max64(void) { return UINT64_MAX; }
char letter(int i) { return (char)('a' + i); }

float half(float x) { return x / 2; }
float third(float x) { return x / 3; }
double scale(double x, int n) { return x * n; }
long double ratio(long double a, long double b) { return a / b; }

bool is_even(int x) { return x % 2 == 0; }
bool negate(bool b) { return !b; }
enum color { RED, GREEN = 5, BLUE };
enum color after(enum color c) { return c + 1; }

const char *greet(const char *name) {
  snprintf(greeting, sizeof greeting, "hello, %s", name);
  return greeting;
}
size_t length(const char *s) { return strlen(s); }
const char *nothing(void) { return NULL; }

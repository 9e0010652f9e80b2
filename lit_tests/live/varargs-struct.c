// A variadic function and a function returning a struct by value change;
// callers in an unchanged file reach the new code through the stubs.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c use.c -o use.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o use.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: sum=6 text=[a-1] point=(1,2,3)
// CHECK: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: sum=60 text=<a:1.50> point=(30,20,10)

//--- script
start ./prog
expect ^ready
send go
expect ^sum
copy v2.c lib.c
patch
send go
expect ^sum
close

//--- use.c
#include <stdio.h>
struct point { long x, y, z; };
int sum(int n, ...);
void format(char *out, const char *tag, ...);
struct point make_point(long a, long b, long c);
void scenario_command(const char *command) {
  (void)command;
  char text[64];
  format(text, "a", 1, 1.5);
  struct point p = make_point(1, 2, 3);
  printf("sum=%d text=%s point=(%ld,%ld,%ld)\n", sum(3, 1, 2, 3), text, p.x,
         p.y, p.z);
}

//--- v1.c
#include <stdarg.h>
#include <stdio.h>
struct point { long x, y, z; };
int sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++)
    s += va_arg(ap, int);
  va_end(ap);
  return s;
}
void format(char *out, const char *tag, ...) {
  va_list ap;
  va_start(ap, tag);
  int i = va_arg(ap, int);
  va_end(ap);
  sprintf(out, "[%s-%d]", tag, i);
}
struct point make_point(long a, long b, long c) { return (struct point){a, b, c}; }

//--- v2.c
#include <stdarg.h>
#include <stdio.h>
struct point { long x, y, z; };
int sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++)
    s += 10 * va_arg(ap, int);
  va_end(ap);
  return s;
}
void format(char *out, const char *tag, ...) {
  va_list ap;
  va_start(ap, tag);
  int i = va_arg(ap, int);
  double d = va_arg(ap, double);
  va_end(ap);
  sprintf(out, "<%s:%.2f>", tag, i * d);
}
struct point make_point(long a, long b, long c) { return (struct point){c * 10, b * 10, a * 10}; }

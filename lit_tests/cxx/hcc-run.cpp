// `hcc run` watches a C++ program's sources and headers and patches it on
// every save, like a C program; here built without exceptions and RTTI
// (-fno-exceptions -fno-rtti), at -O2, with a template in the header.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp h.v1.h h.h
// RUN: %hcc -O2 -c loop.c -o loop.o
// RUN: %hcc++ -O2 -fno-exceptions -fno-rtti -c app.cpp -o app.o
// RUN: %hcc++ -fno-exceptions -fno-rtti loop.o app.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: err: hcc: watching {{[0-9]+}} files of {{.*}}prog (pid {{[0-9]+}})
// CHECK: out: total=6 calls=1
// CHECK: err: hcc: patched app.cpp: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK: out: total=60 calls=2
// CHECK: exit=0

//--- script
hccrun ./prog
expect-err watching
send go
expect ^total=
copy h.v2.h h.h
expect-err patched
send go
expect ^total=
close

//--- h.v1.h
#pragma once
template <typename T> T sum(const T *v, int n) {
  T total = 0;
  for (int i = 0; i < n; ++i)
    total += v[i];
  return total;
}

//--- h.v2.h
#pragma once
template <typename T> T sum(const T *v, int n) {
  T total = 0;
  for (int i = 0; i < n; ++i)
    total += 10 * v[i];
  return total;
}

//--- app.cpp
#include "h.h"
#include <cstdio>
struct Stats {
  int calls = 0;
};
static Stats stats;
extern "C" void scenario_command(const char *) {
  const int v[] = {1, 2, 3};
  stats.calls++;
  std::printf("total=%d calls=%d\n", sum(v, 3), stats.calls);
}

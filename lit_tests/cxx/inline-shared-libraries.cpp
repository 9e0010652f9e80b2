// The same inline function emitted by the program and by shared libraries:
// each linked object has its own slot for it (its calls load that slot),
// while the dynamic linker gives them all the program's stub.  The runtime
// keeps one registry entry and remembers the other objects' slots as its
// mirrors: a patch reaches the calls of every object, a library loaded with
// dlopen after the patch runs the patched code at once, and a revert takes
// them all back.  One piece of state (the static local) throughout.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp h.v1.h h.h
// RUN: %hcc -O0 -c loop.c -o loop.o
// RUN: %hcc++ -O0 -fPIC -c linked.cpp -o linked.o && %hcc++ -shared linked.o -o liblinked.so
// RUN: %hcc++ -O0 -fPIC -c loaded.cpp -o loaded.o && %hcc++ -shared loaded.o -o libloaded.so
// RUN: %hcc++ -O0 -c main.cpp -o main.o
// RUN: %hcc++ loop.o main.o -L. -llinked -ldl -Wl,-rpath,%t -o prog
// RUN: %drive script | FileCheck %s
//
// next() adds 1 (v1) or 100 (v2) to the one static local.
// CHECK: out: linked=1 main=2
// CHECK: hcc: patched linked.cpp: next(); main.cpp: next() (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: linked=102 main=202
// CHECK-NEXT: out: loaded=302
// CHECK: hcc: reverted to generation 0
// CHECK: out: linked=303 main=304
// CHECK-NEXT: out: loaded=305

//--- script
start ./prog
expect ^ready
send go
expect ^linked=
copy h.v2.h h.h
patch
send go
expect ^linked=
send load
expect ^loaded=
hcc revert --pid PID
send go
expect ^linked=
send load
expect ^loaded=
close

//--- h.v1.h
#pragma once
inline int next() {
  static int n = 0;
  return n += 1;
}

//--- h.v2.h
#pragma once
inline int next() {
  static int n = 0;
  return n += 100;
}

//--- linked.cpp
#include "h.h"
int from_linked() { return next(); }

//--- loaded.cpp
#include "h.h"
extern "C" int from_loaded() { return next(); }

//--- main.cpp
#include "h.h"
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
int from_linked();
extern "C" void scenario_command(const char *command) {
  if (!std::strcmp(command, "load")) {
    void *lib = dlopen("libloaded.so", RTLD_NOW);
    auto *from_loaded =
        lib ? reinterpret_cast<int (*)()>(dlsym(lib, "from_loaded")) : nullptr;
    std::printf("loaded=%d\n", from_loaded ? from_loaded() : -1);
    return;
  }
  int linked = from_linked();
  int main = next();
  std::printf("linked=%d main=%d\n", linked, main);
}

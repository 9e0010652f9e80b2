// A thread_local object with a dynamic initialiser (a std::string) keeps
// its value across a patch of the code that uses it, and its initialiser
// does not run again (it counts its runs).  Tested on the main thread;
// -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp script $O/ && cd $O && cp v1.cpp lib.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c lib.cpp -o lib.o && %hcc++ loop.o lib.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// CHECK: out: tls=t11 inits=1
// CHECK: hcc: patched lib.cpp: scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: tls=t112 inits=1

//--- script
start ./prog
expect ^ready
send go
expect ^tls=
copy v2.cpp lib.cpp
patch
send go
expect ^tls=
close

//--- v1.cpp
#include <cstdio>
#include <string>
static int inits;
thread_local std::string tls = std::string("t") + std::to_string(++inits);
extern "C" void scenario_command(const char *) {
  tls += "1";
  std::printf("tls=%s inits=%d\n", tls.c_str(), inits);
}

//--- v2.cpp
#include <cstdio>
#include <string>
static int inits;
thread_local std::string tls = std::string("t") + std::to_string(++inits);
extern "C" void scenario_command(const char *) {
  tls += "2";
  std::printf("tls=%s inits=%d\n", tls.c_str(), inits);
}

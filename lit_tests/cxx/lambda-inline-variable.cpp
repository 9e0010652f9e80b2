// Lambdas in the initialiser of an inline variable or of a static data
// member keep their identity when another one is added before them in the
// same initialiser.  clang numbers them per variable and signature
// ("ns::ones::{lambda()#1}", "_ZNK2ns4onesMUlvE_clEv"), so the added one
// takes the number of the first, its slots and static locals, unless the
// plugin renumbers them like the lambdas of a function
// (plugin/LambdaIds.cpp).  The initialisers ran once, before the patch, and
// never run again: the function pointers they stored (`tens_fn`, `ones`,
// `fours_fn`, `Box::twos`) reach the lambdas through their old numbers' stubs.
// Checked: each keeps its body and its static local's value (ones adds 1,
// tens 10, twos 2, fours 4), and the added lambda, never called, changes
// nothing.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c v1.cpp v2.cpp script $O/ && cd $O && cp v1.cpp lambdas.cpp && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c lambdas.cpp -o lambdas.o && %hcc++ loop.o lambdas.o -o prog && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// CHECK: out: v1 ones=1 tens=10 twos=2 fours=4
// CHECK-NEXT: out: v1 ones=2 tens=20 twos=4 fours=8
// CHECK: patch exit=0
// CHECK-NEXT: out: v2 ones=3 tens=30 twos=6 fours=12
// CHECK-NEXT: out: v2 ones=4 tens=40 twos=8 fours=16
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^v1
send go
expect ^v1
copy v2.cpp lambdas.cpp
patch
send go
expect ^v2
send go
expect ^v2
close

//--- v1.cpp
#include <cstdio>
int (*tens_fn)();
int (*fours_fn)();
namespace ns {
inline int (*ones)() = (tens_fn = +[] { static int n = 0; return n += 10; },
                        +[] { static int n = 0; return n += 1; });
}
struct Box {
  static inline int (*twos)() =
      (fours_fn = +[] { static int n = 0; return n += 4; },
       +[] { static int n = 0; return n += 2; });
};
extern "C" void scenario_command(const char *) {
  int o = ns::ones(), t = tens_fn(), w = Box::twos(), f = fours_fn();
  std::printf("v1 ones=%d tens=%d twos=%d fours=%d\n", o, t, w, f);
}

//--- v2.cpp
#include <cstdio>
int (*tens_fn)();
int (*fours_fn)();
namespace ns {
inline int (*ones)() =
    ((void)+[] { static int n = 0; return n += 100; },
     tens_fn = +[] { static int n = 0; return n += 10; },
     +[] { static int n = 0; return n += 1; });
}
struct Box {
  static inline int (*twos)() =
      ((void)+[] { static int n = 0; return n += 300; },
       fours_fn = +[] { static int n = 0; return n += 4; },
       +[] { static int n = 0; return n += 2; });
};
extern "C" void scenario_command(const char *) {
  int o = ns::ones(), t = tens_fn(), w = Box::twos(), f = fours_fn();
  std::printf("v2 ones=%d tens=%d twos=%d fours=%d\n", o, t, w, f);
}

// A std::thread whose lambda only calls the function that loops
// (`std::thread([w] { serve_loop(w); })`, the common way to run a member
// or a free function with arguments): the loop is not in the root but in
// its callee, and at -O2 `serve` was inlined into that loop for good, so
// the running thread never took the patch.  A root without a loop only
// forwards to the thread's real body, so its callees are roots too
// (plugin/Instrument.cpp): after the patch the thread's next round runs
// the new `serve`, its count kept.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c worker.cpp serve.v1.h serve.v2.h script $O/ && cd $O && cp serve.v1.h serve.h && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c worker.cpp -o worker.o && %hcc++ loop.o worker.o -o prog -lpthread && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// v1 adds 1 to the served count, v2 adds 100.
// CHECK: out: served=1
// CHECK-NEXT: out: served=2
// CHECK: patch exit=0
// CHECK-NEXT: out: served=102
// CHECK-NEXT: out: served=202
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send go
expect ^served=
send go
expect ^served=
copy serve.v2.h serve.h
patch
send go
expect ^served=
send go
expect ^served=
close

//--- worker.cpp
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

struct Worker {
  std::mutex lock;
  std::condition_variable changed;
  bool pending = false;
  int served = 0;
};

#include "serve.h"

// The thread's body: one round per request, for the life of the thread.
static void serve_loop(Worker *w) {
  std::unique_lock<std::mutex> hold(w->lock);
  for (;;) {
    w->changed.wait(hold, [w] { return w->pending; });
    serve(w);
    w->pending = false;
    w->changed.notify_all();
  }
}

extern "C" void scenario_command(const char *) {
  static Worker *w = [] {
    Worker *n = new Worker;
    std::thread([n] { serve_loop(n); }).detach();
    return n;
  }();
  std::unique_lock<std::mutex> hold(w->lock);
  w->pending = true;
  w->changed.notify_all();
  w->changed.wait(hold, [] { return !w->pending; });
  std::printf("served=%d\n", w->served);
}

//--- serve.v1.h
static void serve(Worker *w) { w->served += 1; }

//--- serve.v2.h
static void serve(Worker *w) { w->served += 100; }

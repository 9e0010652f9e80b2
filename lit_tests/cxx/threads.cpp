// Threads started with std::thread, each with thread_local objects that
// have dynamic initialisation and that every thread initialised before the
// patch.  After the patch each thread keeps its own values (the
// initialisers never run again), and the loops of the running threads --
// lambdas handed to std::thread, which never return -- call the new
// `serve`: like main and pthread start routines, a callable std::thread
// runs is a root whose calls stay patchable (plugin/Instrument.cpp), else
// at -O2 `serve` would be inlined into the loop for good.  -O0 and -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: for O in O0 O2; do mkdir -p $O/.hotpatch && cp %S/../live/Inputs/loop.c threads.cpp serve.v1.h serve.v2.h script $O/ && cd $O && cp serve.v1.h serve.h && %hcc -$O -c loop.c -o loop.o && %hcc++ -$O -c threads.cpp -o threads.o && %hcc++ loop.o threads.o -o prog -lpthread && cd .. || exit 1; done
// RUN: cd %t/O0 && %drive script | FileCheck %s
// RUN: cd %t/O2 && %drive script | FileCheck %s
//
// Commands: `a` and `b` have worker thread A or B serve, `m` the main
// thread.  serve() (serve.h, in the same unit as the thread loops, so that
// -O2 may inline it there) adds 1 to the thread's visits in v1, 10 in v2
// and says v2.
// CHECK: out: init tag 0
// CHECK-NEXT: out: thread0 visits=1
// CHECK-NEXT: out: init tag 1
// CHECK-NEXT: out: thread1 visits=1
// CHECK-NEXT: out: init tag 2
// CHECK-NEXT: out: thread2 visits=1
// CHECK-NEXT: out: thread0 visits=2
// CHECK: patch exit=0
// CHECK-NOT: init tag
// CHECK: out: v2 thread0 visits=12
// CHECK-NEXT: out: v2 thread1 visits=11
// CHECK-NEXT: out: v2 thread2 visits=11
// CHECK-NEXT: out: v2 thread1 visits=21
// CHECK-NEXT: out: bye pid=

//--- script
start ./prog
expect ^ready
send a
expect visits=
send b
expect visits=
send m
expect visits=
send a
expect visits=
copy serve.v2.h serve.h
patch
send a
expect visits=
send b
expect visits=
send m
expect visits=
send b
expect visits=
close

//--- threads.cpp
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

static int next_tag; // each thread initialises its tag while served alone
static std::string make_tag() {
  std::printf("init tag %d\n", next_tag);
  return "thread" + std::to_string(next_tag++);
}
thread_local std::string tag = make_tag();
thread_local int visits = 0;

#include "serve.h"

// A worker thread serves once per request; the caller waits for it.
struct Worker {
  std::mutex lock;
  std::condition_variable changed;
  bool pending = false;
};

static Worker *start_worker() {
  Worker *w = new Worker;
  std::thread([w] {
    std::unique_lock<std::mutex> hold(w->lock);
    for (;;) {
      w->changed.wait(hold, [w] { return w->pending; });
      serve();
      w->pending = false;
      w->changed.notify_all();
    }
  }).detach();
  return w;
}

static void request(Worker *w) {
  std::unique_lock<std::mutex> hold(w->lock);
  w->pending = true;
  w->changed.notify_all();
  w->changed.wait(hold, [w] { return !w->pending; });
}

extern "C" void scenario_command(const char *command) {
  static Worker *workers[2] = {start_worker(), start_worker()};
  if (command[0] == 'm')
    serve();
  else
    request(workers[command[0] - 'a']);
}

//--- serve.v1.h
void serve() {
  visits += 1;
  std::printf("%s visits=%d\n", tag.c_str(), visits);
}

//--- serve.v2.h
void serve() {
  visits += 10;
  std::printf("v2 %s visits=%d\n", tag.c_str(), visits);
}

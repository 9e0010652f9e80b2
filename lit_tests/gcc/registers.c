// A gcc-built program registers with the runtime as a clang-built one
// does (lit_tests/runtime/control-hello.c): its modules, and that of a
// gcc-built shared library it links, in one registry answered on the
// control socket; `registry` gives the module info text that `hcc inspect`
// reads from the files, with the same hashes; data of every kind is
// described, and a thread-local's accessor gives each thread its own copy.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %gcchp -O2 -fPIC -shared lib.c -o libcount.so
// RUN: %gcchp -O2 main.c -L. -lcount -Wl,-rpath,%t %gcclink -o prog
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt
//
// registry and inspect agree on every function hash.
// RUN: grep '^function ' registry.txt | awk '{print $2, $4}' | sort > running.txt
// RUN: %hcc inspect prog libcount.so | awk '$1 == "function" {print $2, $3}' | sort > built.txt
// RUN: test -s built.txt
// RUN: diff built.txt running.txt

// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK: out: tls own=1 other-thread-differs=1
// CHECK: ok generation=0 modules=2 functions=5
// CHECK-NEXT: sh exit=0
// CHECK: ok
// CHECK-DAG: hotpatch-module {{[0-9]+}} {{([0-9a-f]{32})}} main.c
// CHECK-DAG: function {{([0-9a-f]{32})}} 0 twice
// CHECK-DAG: function {{([0-9a-f]{32})}} 1 main.c:helper
// CHECK-DAG: function {{([0-9a-f]{32})}} 0 main
// CHECK-DAG: function {{([0-9a-f]{32})}} 1 main.c:thread_main
// CHECK-DAG: data static-local 4 {{([0-9a-f]{16})}} 1 i32 main.c:main.calls
// CHECK-DAG: data global 4 {{([0-9a-f]{16})}} 0 i32 counter
// CHECK-DAG: data tls 4 {{([0-9a-f]{16})}} 1 i32 main.c:per_thread
// CHECK-DAG: data constant 12 {{([0-9a-f]{16})}} 0 [3xi32] primes
// CHECK-DAG: hotpatch-module {{[0-9]+}} {{([0-9a-f]{32})}} lib.c
// CHECK-DAG: function {{([0-9a-f]{32})}} 0 lib_count
// CHECK-DAG: data static 4 {{([0-9a-f]{16})}} 1 i32 lib.c:count
// CHECK: sh exit=0
// CHECK: out: twice 21 count 1
// CHECK: exit=0

//--- script.txt
start ./prog
expect ^ready
expect ^tls
sh python3 $HPCTL $(cat pid) status
sh python3 $HPCTL $(cat pid) registry | tee registry.txt
send 10
expect ^twice
close

//--- lib.c
static int count;
int lib_count(void) { return ++count; }

//--- main.c
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int counter;
const int primes[3] = {2, 3, 5};
static _Thread_local int per_thread;
int lib_count(void);
// The accessor the plugin emits for per_thread (a local symbol of this
// unit, so only this unit can name it).
void *per_thread_accessor(void) __asm__("per_thread.hp.tls");

static int helper(int x) { return x + counter; }
__attribute__((noinline)) int twice(int x) { return 2 * helper(x); }

static void *thread_main(void *mine) {
  return per_thread_accessor() != mine ? (void *)1 : NULL;
}

int main(void) {
  static int calls;
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready pid=%d\n", (int)getpid());
  pthread_t t;
  void *differs = NULL;
  pthread_create(&t, NULL, thread_main, (void *)&per_thread);
  pthread_join(t, &differs);
  printf("tls own=%d other-thread-differs=%d\n",
         per_thread_accessor() == (void *)&per_thread, differs != NULL);
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    calls++;
    counter = 1;
    printf("twice %d count %d\n", twice(atoi(line)) - 1 + primes[0] - 2,
           lib_count());
    fflush(stdout);
  }
  return 0;
}

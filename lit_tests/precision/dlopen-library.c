// A shared library built with hcc after the program was linked is loaded
// with dlopen while the program runs. An edit of its source patches it:
// hcc finds its compile through the library's own link record.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c plugin.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c main.c -o main.o
// RUN: %hcc loop.o main.o -ldl -o prog
// RUN: %hcc -O2 -fPIC -c plugin.c -o plugin.o && %hcc -shared plugin.o -o plugin.so
// RUN: %drive script | FileCheck %s
//
// CHECK: out: loaded
// CHECK: out: greeting=hello 1
// CHECK: hcc: patched plugin.c: greet (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: greeting=howdy 2
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send load
expect ^loaded
send call
expect ^greeting
copy v2.c plugin.c
patch
send call
expect ^greeting
close

//--- main.c
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
static const char *(*greet)(int);
void scenario_command(const char *command) {
  if (strcmp(command, "load") == 0) {
    void *h = dlopen("./plugin.so", RTLD_NOW);
    greet = h ? (const char *(*)(int))dlsym(h, "greet") : NULL;
    puts(greet ? "loaded" : dlerror());
  } else {
    static int calls;
    printf("greeting=%s\n", greet(++calls));
  }
}

//--- v1.c
#include <stdio.h>
const char *greet(int n) {
  static char buf[32];
  snprintf(buf, sizeof buf, "hello %d", n);
  return buf;
}

//--- v2.c
#include <stdio.h>
const char *greet(int n) {
  static char buf[32];
  snprintf(buf, sizeof buf, "howdy %d", n);
  return buf;
}

// One registry per process: a program built with hcc that dlopens two
// hcc-built shared objects sees all three modules in one registry, once
// each, and code inside a shared object sees exactly the same registry.
// A runtime copy private to each shared object would show only that
// object's module in its dump, and fail the diff below.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %hcc -shared -fPIC lib1.c -o lib1.so
// RUN: %hcc -shared -fPIC lib2.c -o lib2.so
// RUN: %hcc main.c -o main
// RUN: ./main %t/lib1.so %t/lib2.so main.dump lib1.dump > out.txt
// RUN: FileCheck --check-prefix=OUT %s < out.txt
// RUN: FileCheck --check-prefix=DUMP %s < main.dump
// RUN: diff main.dump lib1.dump
//
// Each module exactly once (three module lines in all).
// RUN: grep -c '^module ' main.dump | FileCheck --check-prefix=COUNT %s
// COUNT: {{^}}3{{$}}

// The program's module and both shared objects' modules, each with its
// functions and data.  Constructors of the program run before main, those of
// a shared object inside its dlopen, so the order is main.c, lib1.c, lib2.c.
// DUMP:      {{^}}module {{(.*/)?}}main.c hash={{[0-9a-f]{32}$}}
// DUMP:      {{^}}  function     {{([0-9a-f]{32})}} main{{$}}
// DUMP:      {{^}}module {{(.*/)?}}lib1.c hash={{[0-9a-f]{32}$}}
// DUMP-NEXT: {{^}}  function     {{([0-9a-f]{32})}} lib1_dump{{$}}
// DUMP-NEXT: {{^}}module {{(.*/)?}}lib2.c hash={{[0-9a-f]{32}$}}
// DUMP-NEXT: {{^}}  function     {{([0-9a-f]{32})}} lib2_value{{$}}
// DUMP-NEXT: {{^}}  global       {{([0-9a-f]{16})}} size=4 lib2_counter{{$}}
// DUMP-NOT:  {{.}}

// The program redirects a function that lives in lib2.so by id, through its
// own registry, and the call through dlsym's pointer reaches the new code.
// OUT:      lib2_value before: 7
// OUT-NEXT: redirect lib2_value: 0
// OUT-NEXT: lib2_value after: 700

//--- lib1.c
#include <hotpatch.h>
#include <stdio.h>

// Dumps the registry from inside the shared object.
int lib1_dump(const char *path) {
  FILE *out = fopen(path, "w");
  if (!out)
    return -1;
  hotpatch_debug_dump(out);
  return fclose(out);
}

//--- lib2.c
int lib2_counter = 6;

int lib2_value(void) { return ++lib2_counter; }

//--- main.c
#include <dlfcn.h>
#include <hotpatch.h>
#include <stdio.h>

static int seven_hundred(void) { return 700; }

static void *must_dlopen(const char *path) {
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
  return handle;
}

int main(int argc, char **argv) {
  if (argc != 5)
    return 2;
  void *lib1 = must_dlopen(argv[1]);
  void *lib2 = must_dlopen(argv[2]);
  if (!lib1 || !lib2)
    return 1;
  int (*lib1_dump)(const char *) = (int (*)(const char *))dlsym(lib1, "lib1_dump");
  int (*lib2_value)(void) = (int (*)(void))dlsym(lib2, "lib2_value");
  if (!lib1_dump || !lib2_value)
    return 1;

  FILE *out = fopen(argv[3], "w");
  if (!out)
    return 1;
  hotpatch_debug_dump(out);
  fclose(out);
  if (lib1_dump(argv[4]) != 0)
    return 1;

  printf("lib2_value before: %d\n", lib2_value());
  printf("redirect lib2_value: %d\n",
         hotpatch_debug_redirect("lib2_value", (void *)seven_hundred));
  printf("lib2_value after: %d\n", lib2_value());
  return 0;
}

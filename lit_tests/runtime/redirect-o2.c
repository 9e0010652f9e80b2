// The indirection survives -O2: after hotpatch_debug_redirect("f", g), the
// call from another file and a call through a pointer taken before the
// redirect reach g, although f is `return x + 1`, which -O2 would gladly
// fold into its callers.  If the optimiser folded f's slot away (the stub
// becoming the body), those lines would still print 2.
//
// Direct calls inside the defining file: the plugin points them at the
// body so that the optimiser may still inline (docs/design.md), except in
// main() and thread start routines, whose frames live as long as the
// process: their calls always go through the slot.  So every call here,
// all made from main, must be redirected at every -O level.  A static
// function is redirected through its id "<module-id>:s", found in the dump
// because the module id depends on where the build root is.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %hcc -O2 -c a.c -o a.o
// RUN: %hcc -O2 -c b.c -o b.o
// RUN: %hcc -O2 a.o b.o -o prog
// RUN: ./prog | FileCheck %s
// RUN: %hcc -O3 a.c b.c -o prog-O3
// RUN: ./prog-O3 | FileCheck %s
// RUN: %hcc -O0 a.c b.c -o prog-O0
// RUN: ./prog-O0 | FileCheck %s

// CHECK:      before: from-b=2 pointer=2 direct-noinline=12 direct=2 static=3
// CHECK-NEXT: redirect f: 0
// CHECK-NEXT: redirect h: 0
// CHECK-NEXT: after: from-b=100 pointer=100 direct-noinline=1000
// CHECK-NEXT: after: direct=100
// CHECK-NEXT: static id: {{(.*/)?}}a.c{{(:.*a.o)?}}:s
// CHECK-NEXT: redirect static: 0
// CHECK-NEXT: static after: pointer=200 direct=200

//--- a.c
#define _POSIX_C_SOURCE 200809L
#include <hotpatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int f(int x) { return x + 1; }
__attribute__((noinline)) int h(int x) { return x + 10; }
static __attribute__((noinline)) int s(int x) { return x + 2; }
static int g(int x) { return x * 100; }
int call_f_from_b(int x);

// The id of the one registered function whose id ends in ":s".
static char *static_id(void) {
  char *text = NULL, *line, *found = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  hotpatch_debug_dump(out);
  fclose(out);
  for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    char *id = strrchr(line, ' ');
    size_t n = id ? strlen(id) : 0;
    if (strncmp(line, "  function ", 11) == 0 && n > 3 && strcmp(id + n - 2, ":s") == 0)
      found = strdup(id + 1);
  }
  free(text);
  return found;
}

int main(void) {
  int (*p)(int) = f;
  int (*ps)(int) = s;
  printf("before: from-b=%d pointer=%d direct-noinline=%d direct=%d static=%d\n",
         call_f_from_b(1), p(1), h(2), f(1), s(1));
  printf("redirect f: %d\n", hotpatch_debug_redirect("f", (void *)g));
  printf("redirect h: %d\n", hotpatch_debug_redirect("h", (void *)g));
  printf("after: from-b=%d pointer=%d direct-noinline=%d\n", call_f_from_b(1),
         p(1), h(10));
  printf("after: direct=%d\n", f(1));

  char *id = static_id();
  printf("static id: %s\n", id ? id : "(none)");
  printf("redirect static: %d\n", id ? hotpatch_debug_redirect(id, (void *)g) : -1);
  printf("static after: pointer=%d direct=%d\n", ps(2), s(2));
  free(id);
  return 0;
}

//--- b.c
int f(int x);

int call_f_from_b(int x) { return f(x); }

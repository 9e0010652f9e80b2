// Another user gets nothing: a patch file owned by another user, or
// writable by a group that is not the process's own, is refused; a client
// running as another user cannot reach the control socket (the directory
// is 0700), and even when the directory and socket are opened up by hand,
// the runtime refuses the peer (SO_PEERCRED) and changes nothing.  Needs
// root to create files and run clients as `nobody`.
//
// REQUIRES: root
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch xdg && chmod 755 %t
// RUN: cp v1.c main.c && %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog
// RUN: env XDG_RUNTIME_DIR=%t/xdg HPCTL=%S/../runtime/Inputs/hpctl.py CLANG=%clang PATCHCC="%patchcc" BASELINE=%baseline_arg %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt

// CHECK: error cannot load patch {{.*}}/theirs.so: it is owned by uid 65534, not by this process's user (uid 0) or root; only your own and root's patch files are loaded
// CHECK: error cannot load patch {{.*}}/group.so: it is writable by its group (mode 0664), so someone else could have changed it; chmod go-w it and apply again
// CHECK: hpctl: cannot reach {{.*}}/xdg/hotpatch/{{[0-9]+}}.sock: Permission denied
// CHECK: error permission denied: process {{[0-9]+}} runs as uid 0; only uid 0 and root may patch it, not uid 65534
// CHECK: ok hotpatch 2 pid={{[0-9]+}} generation=0
// CHECK: out: f=1
// CHECK: exit=0

//--- script.txt
start ./prog
expect ^ready
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base.txt && cp v2.c main.c && $PATCHCC -O2 -c main.c -o main.o $BASELINE=base.txt && $CLANG -shared main.o -o patch.so
sh cp patch.so theirs.so && chown nobody theirs.so && python3 $HPCTL $(cat pid) apply $PWD/theirs.so
sh cp patch.so group.so && chgrp nogroup group.so && chmod 664 group.so && python3 $HPCTL $(cat pid) apply $PWD/group.so
sh chmod 644 patch.so && runuser -u nobody -- env XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR python3 $HPCTL $(cat pid) apply $PWD/patch.so
# Open the directory and the socket to everyone: the runtime still refuses.
sh chmod 711 xdg/hotpatch && chmod 777 xdg/hotpatch/$(cat pid).sock && runuser -u nobody -- env XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR python3 $HPCTL $(cat pid) apply $PWD/patch.so
sh python3 $HPCTL $(cat pid) hello
send call
expect ^f=
send quit
close

//--- v1.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "call\n") == 0)
      printf("f=%d\n", f());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

//--- v2.c
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }

int main(void) {
  char line[64];
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "call\n") == 0)
      printf("f=%d\n", f());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  return 0;
}

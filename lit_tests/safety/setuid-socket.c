// One socket directory rule for the runtime and hcc (hotpatch_control.h),
// in a set-user-ID program: started by root, it runs with real uid 0 and
// effective uid nobody.  Its environment is root's, so it ignores
// XDG_RUNTIME_DIR and listens in /tmp/hotpatch-<euid>, the directory of the
// user it runs as; an hcc with the same effective uid finds it there,
// whether its real uid is nobody's or root's (setpriv).  Needs root to
// make a program set-user-ID nobody.
//
// REQUIRES: root
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch xdg && chmod 755 %t xdg
// RUN: %hcc -O2 main.c -o prog && cp prog prog-suid && chown nobody prog-suid && chmod 4755 prog-suid
// RUN: env XDG_RUNTIME_DIR=%t/xdg %drive script | FileCheck %s

// CHECK: out: uid=0 euid=65534
// CHECK: socket in /tmp/hotpatch-65534
// CHECK: nothing in XDG_RUNTIME_DIR
// CHECK: generation=0 modules=1
// CHECK: sh exit=0
// CHECK: generation=0 modules=1
// CHECK: sh exit=0
// CHECK-NOT: warning
// CHECK: exit=0

//--- script
start ./prog-suid
expect ^uid=
sh test -S /tmp/hotpatch-65534/$PID.sock && echo socket in /tmp/hotpatch-65534
sh test ! -e xdg/hotpatch && echo nothing in XDG_RUNTIME_DIR
# hcc as nobody, with the same XDG_RUNTIME_DIR (where nothing listens).
sh runuser -u nobody -- env XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR $HCC status --pid $PID
# hcc set-user-ID-like: real uid root, effective uid nobody.
sh setpriv --euid=65534 --egid=65534 --clear-groups $HCC status --pid $PID
close

//--- main.c
#include <stdio.h>
#include <unistd.h>

int main(void) {
  char line[64];
  printf("uid=%d euid=%d\n", (int)getuid(), (int)geteuid());
  fflush(stdout);
  while (fgets(line, sizeof line, stdin))
    ;
  return 0;
}

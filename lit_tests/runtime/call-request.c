// The `call` request by hand (include/hotpatch_control.h): words separated
// by single spaces, each %-encoded, an empty argument an empty word; the
// answer is one line, "ok <value>" or "error <why>".
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %hcc -O2 main.c -o prog
// RUN: env HPCTL=%S/Inputs/hpctl.py %drive script.txt | FileCheck %s
//
// CHECK: ok 5
// CHECK: ok "[a b%]"
// CHECK: ok "[]"
// CHECK: ok 2
// CHECK: error bad %-encoding in the call request (word 2)
// CHECK: error bad %-encoding in the call request (word 2)
// CHECK: error the call names no function
// CHECK: error cannot call 'add': it takes 2 arguments (int32_t, int32_t), not 0
// CHECK: error more than 64 arguments
// CHECK: error unknown request 'call'

//--- script.txt
start ./prog
expect ^ready
sh python3 $HPCTL $PID call add 2 3
sh python3 $HPCTL $PID call bracket a%20b%25
sh python3 $HPCTL $PID call bracket ""
sh python3 $HPCTL $PID call length %C3%A9
sh python3 $HPCTL $PID call bracket a%2
sh python3 $HPCTL $PID call bracket a%00
sh python3 $HPCTL $PID call ""
sh python3 $HPCTL $PID call add
sh python3 $HPCTL $PID call add $(seq 65)
sh python3 $HPCTL $PID call
close

//--- main.c
#include <stdio.h>
#include <string.h>

static char text[64];
int add(int a, int b) { return a + b; }
const char *bracket(const char *s) {
  snprintf(text, sizeof text, "[%s]", s);
  return text;
}
unsigned long length(const char *s) { return strlen(s); }

int main(void) {
  char line[64];
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin))
    ;
  return 0;
}

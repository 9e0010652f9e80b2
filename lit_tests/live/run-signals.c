// hcc run ends with its program.  SIGHUP, SIGTERM and SIGQUIT sent to hcc
// run (kill, as a closing terminal's shell or a supervisor sends them)
// reach the program, and hcc run exits as it does (128+N).  A program that
// handles SIGTERM keeps running and keeps being patched.  A real terminal
// hangup (pty closed) ends both; a program that survives the hangup (it
// handles SIGHUP, as daemons do) is left running and hcc run exits 129
// instead of watching for nobody.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %hcc -O0 hupprog.c -o hupprog && %hcc -O0 plainprog.c -o plainprog
// RUN: %drive script | FileCheck %s
// RUN: python3 hangup.py %hcc ./plainprog | FileCheck %s --check-prefix=HANGUP-PLAIN
// RUN: python3 hangup.py %hcc ./hupprog | FileCheck %s --check-prefix=HANGUP-HANDLED
//
// CHECK: err: hcc: watching
// CHECK: exit=129
// CHECK: program gone
// CHECK: err: hcc: watching
// CHECK: exit=143
// CHECK: err: hcc: watching
// CHECK: exit=131
// A program that handles SIGTERM (lib.c's handler) keeps running, and a
// save still patches it.
// CHECK: err: hcc: watching
// CHECK: out: v1 terms=0
// CHECK: out: got SIGTERM
// CHECK: out: v1 terms=1
// CHECK: err: hcc: patched lib.c:
// CHECK: out: v2 terms=1
// CHECK: exit=0
//
// HANGUP-PLAIN: hcc run exit=129 program gone=yes
// HANGUP-HANDLED: hcc run exit=129 program gone=no

//--- script
hccrun ./prog
expect-err watching
sh kill -HUP $RUNNER && echo $PID > hup.pid
wait
sh kill -0 $(cat hup.pid) 2>/dev/null || echo program gone
hccrun ./prog
expect-err watching
sh kill -TERM $RUNNER
wait
hccrun ./prog
expect-err watching
sh kill -QUIT $RUNNER
wait
hccrun ./prog handle-term
expect-err watching
send go
expect ^v1
sh kill -TERM $RUNNER
expect ^got SIGTERM
send go
expect ^v1 terms=1
copy v2.c lib.c
expect-err patched
send go
expect ^v2
close

//--- v1.c
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
static volatile sig_atomic_t terms;
static void on_term(int sig) {
  (void)sig;
  terms++;
  write(1, "got SIGTERM\n", 12);
}
void scenario_command(const char *command) {
  (void)command;
  static int installed;
  if (!installed++) signal(SIGTERM, on_term);
  printf("v1 terms=%d\n", (int)terms);
}

//--- v2.c
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
static volatile sig_atomic_t terms;
static void on_term(int sig) {
  (void)sig;
  terms++;
  write(1, "got SIGTERM\n", 12);
}
void scenario_command(const char *command) {
  (void)command;
  static int installed;
  if (!installed++) signal(SIGTERM, on_term);
  printf("v2 terms=%d\n", (int)terms);
}

//--- plainprog.c
#include <stdio.h>
#include <unistd.h>
int main(void) {
  printf("ready %d\n", (int)getpid());
  fflush(stdout);
  for (;;) pause();
}

//--- hupprog.c
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
static void on_hup(int sig) { (void)sig; }
int main(void) {
  signal(SIGHUP, on_hup);
  printf("ready %d\n", (int)getpid());
  fflush(stdout);
  for (;;) pause();
}

//--- hangup.py
# Runs `hcc run -- PROGRAM` in a real terminal (a pty), waits for the
# program's "ready PID" and hcc's "watching", closes the terminal, and
# reports hcc run's exit status and whether the program is gone.
import os, pty, signal, sys, time

hcc, program = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execv(hcc, [hcc, "run", "--", program])
seen = b""
deadline = time.monotonic() + 60
while (b"watching" not in seen or b"ready" not in seen) and time.monotonic() < deadline:
    try:
        seen += os.read(fd, 4096)
    except OSError:
        break
program_pid = int(seen.split(b"ready ")[1].split()[0])
os.close(fd)  # the terminal goes away: the kernel sends SIGHUP
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
code = 128 - code if code < 0 else code
# hcc run reaped the program if it ended; one that survived the hangup
# was reparented and still answers signal 0 (and is ended here).
try:
    os.kill(program_pid, 0)
    gone = "no"
    os.kill(program_pid, signal.SIGKILL)
except ProcessLookupError:
    gone = "yes"
print("hcc run exit=%d program gone=%s" % (code, gone))

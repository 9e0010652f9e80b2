// Daemons close every descriptor at start-up, the runtime's listening
// socket included, and reuse the numbers: a program that calls
// close_range(3, ~0U, 0) and then opens a listening socket of its own (it
// gets the runtime's old number) is still patched, `hcc status` answers,
// and its own socket keeps its connections (the runtime neither closes
// nor accepts on a number it no longer owns).  Once the runtime listens
// again (the patch went through), the program's next descriptor is the
// next low number (5: 3 is its socket, 4 the fifo it answers on): the
// runtime's new socket is far above, not on a number the daemon expects
// for its own files.  The same for a daemon(3)
// daemon and a double-fork daemon that close their descriptors: each is
// patched at its final pid.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: %hcc -O2 -c main.c -o main.o && cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: bash run.sh close-range | FileCheck %s --check-prefixes=CHECK,DIRECT
// RUN: cp v1.c lib.c && bash run.sh daemon | FileCheck %s --check-prefixes=CHECK,DETACHED
// RUN: cp v1.c lib.c && bash run.sh double-fork | FileCheck %s --check-prefixes=CHECK,DETACHED
//
// CHECK: started
// DIRECT: own socket fd=3
// DETACHED: detached from the starter: yes
// CHECK: value=1 own socket got: ping
// CHECK: hcc: patched lib.c: value (generation 1,
// CHECK: status generation=1 modules=2
// CHECK: next fd=5
// CHECK: value=2 own socket got: ping
// CHECK: stopped

//--- run.sh
# run.sh MODE: start the program (it detaches in the daemon modes), talk to
# it through fifos (its stdio is closed or /dev/null), patch it, stop it.
set -eu
rm -f cmd.fifo out.fifo prog.pid own.sock
mkfifo cmd.fifo out.fifo
starter=$$
./prog "$1" &
# A failing step must not leave the program running (it holds the pipe
# FileCheck reads).
trap 'kill %1 $(cat prog.pid 2>/dev/null) 2>/dev/null || true' EXIT
# The program writes its pid once it has closed its descriptors and opened
# its own socket; reading the first answer waits for that.  The timeout
# turns a program that died into a failure instead of a hang.
ask() { timeout 60 bash -c 'echo "$1" > cmd.fifo && cat out.fifo' ask "$1"; }
ping() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect("own.sock"); s.sendall(b"ping"); s.close()'; }
ask hello
echo started
pid=$(cat prog.pid)
if [ "$1" = close-range ]; then
  ask own-fd
else
  ppid=$(awk '{print $4}' /proc/$pid/stat)
  [ "$ppid" != "$starter" ] && echo "detached from the starter: yes"
fi
ping && ask report
cp v2.c lib.c
$HCC patch --pid "$pid" 2>&1
echo "status $($HCC status --pid "$pid" 2>&1 | awk '{print $2, $3}')"
ask next-fd
ping && ask report
ask quit
echo stopped

//--- main.c
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

int value(void);

static void detach_twice(void) {
  if (fork() != 0) exit(0);
  setsid();
  if (fork() != 0) exit(0);
}

static int own_socket(void) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  strcpy(a.sun_path, "own.sock");
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 4) != 0) exit(1);
  return fd;
}

/* What the connection waiting on our own socket sent. */
static void own_got(int own, char *buf, size_t size) {
  int c = accept4(own, NULL, NULL, SOCK_NONBLOCK);
  ssize_t n = 0;
  if (c >= 0) {
    fcntl(c, F_SETFL, 0);
    n = read(c, buf, size - 1);
    close(c);
  }
  buf[n > 0 ? n : 0] = '\0';
  if (c < 0) strcpy(buf, "nothing (the connection was taken or lost)");
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (strcmp(mode, "daemon") == 0 && daemon(1, 0) != 0) return 1;
  if (strcmp(mode, "double-fork") == 0) detach_twice();
  close_range(3, ~0U, 0);
  int own = own_socket();
  FILE *pid = fopen("prog.pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  char line[64], got[64];
  for (;;) {
    FILE *in = fopen("cmd.fifo", "r");
    if (!in || !fgets(line, sizeof line, in)) return 1;
    fclose(in);
    FILE *out = fopen("out.fifo", "w");
    if (!out) return 1;
    if (strcmp(line, "report\n") == 0) {
      own_got(own, got, sizeof got);
      fprintf(out, "value=%d own socket got: %s\n", value(), got);
    } else if (strcmp(line, "own-fd\n") == 0) {
      fprintf(out, "own socket fd=%d\n", own);
    } else if (strcmp(line, "next-fd\n") == 0) {
      int next = open("/dev/null", O_RDONLY);
      fprintf(out, "next fd=%d\n", next);
      close(next);
    } else if (strcmp(line, "quit\n") == 0) {
      fclose(out);
      return 0;
    }
    fclose(out);
  }
}

//--- v1.c
int value(void) { return 1; }

//--- v2.c
int value(void) { return 2; }

/* A program whose reload hook forks (lit_tests/safety/reload-hook-forks*.c).

   Commands on stdin:
     mask        print the main thread's blocked signals (SigBlk)
     arm         the next reload hook forks a child; the child reads its
                 commands from a pipe and never returns from the hook
     call        print f(), the generation and the reload count
     frame       call hotpatch_safepoint() until the reload count changes
     child CMD   pass CMD to the child: call, frame, mask, sockets, fork, quit
     wait        wait for the child; print how it ended
     quit        exit
   The child writes its pid to child.pid.  `sockets` prints how many of the
   child's open fds are UNIX sockets bound to its own control socket and to
   its parent's: a child keeps no connection or socket of its parent. */
#define _GNU_SOURCE
#include <hotpatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int f(void);

static int armed;          /* fork in the next hook */
static int to_child = -1;  /* the pipe to the child's commands */
static pid_t child = -1;
static const char *who = "main";

static void print_status(void) {
  printf("%s f=%d generation=%lu reloads=%lu\n", who, f(),
         hotpatch_generation(), hotpatch_reload_count());
}

static void print_mask(void) {
  char line[256];
  FILE *status = fopen("/proc/self/status", "r");
  while (status && fgets(line, sizeof line, status))
    if (strncmp(line, "SigBlk:", 7) == 0)
      printf("%s SigBlk: %s", who, line + 8);
  if (status)
    fclose(status);
}

/* Does the UNIX socket `fd` carry the name <dir>/<pid>.sock? */
static int named_for(int fd, pid_t pid) {
  struct sockaddr_un address;
  socklen_t length = sizeof address;
  char suffix[32];
  if (getsockname(fd, (struct sockaddr *)&address, &length) != 0 ||
      address.sun_family != AF_UNIX || length <= sizeof(sa_family_t))
    return 0;
  snprintf(suffix, sizeof suffix, "/%d.sock", (int)pid);
  size_t n = strlen(address.sun_path), m = strlen(suffix);
  return n >= m && strcmp(address.sun_path + n - m, suffix) == 0;
}

static void print_sockets(void) {
  int own = 0, parent = 0;
  for (int fd = 0; fd < 1024; fd++) {
    own += named_for(fd, getpid());
    parent += named_for(fd, getppid());
  }
  printf("%s sockets: own=%d parent=%d\n", who, own, parent);
}

/* Calls hotpatch_safepoint() until a patch or revert has been published. */
static void frame(void) {
  unsigned long before = hotpatch_reload_count();
  do
    hotpatch_safepoint();
  while (hotpatch_reload_count() == before);
  printf("%s frame: ", who);
  print_status();
}

static void fork_grandchild(void) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(7);
  int status = 0;
  waitpid(pid, &status, 0);
  printf("grandchild exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void child_loop(int fd) {
  FILE *in = fdopen(fd, "r");
  char line[64];
  FILE *out = fopen("child.pid", "w");
  fprintf(out, "%d\n", (int)getpid());
  fclose(out);
  printf("child ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, in)) {
    line[strcspn(line, "\n")] = '\0';
    if (strcmp(line, "call") == 0)
      print_status();
    else if (strcmp(line, "frame") == 0)
      frame();
    else if (strcmp(line, "mask") == 0)
      print_mask();
    else if (strcmp(line, "sockets") == 0)
      print_sockets();
    else if (strcmp(line, "fork") == 0)
      fork_grandchild();
    else if (strcmp(line, "quit") == 0)
      exit(0);
    fflush(stdout);
  }
  exit(0);
}

static void hook(unsigned long generation, const char *const *changed,
                 size_t count, void *arg) {
  (void)changed;
  (void)count;
  (void)arg;
  printf("%s hook generation=%lu\n", who, generation);
  fflush(stdout);
  if (!__atomic_exchange_n(&armed, 0, __ATOMIC_ACQ_REL))
    return;
  int fds[2];
  if (pipe(fds) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0) {
    who = "child";
    close(fds[1]);
    child_loop(fds[0]); /* never returns */
  }
  close(fds[0]);
  __atomic_store_n(&child, pid, __ATOMIC_RELEASE);
  __atomic_store_n(&to_child, fds[1], __ATOMIC_RELEASE);
}

static void wait_child(void) {
  int status = 0;
  waitpid(__atomic_load_n(&child, __ATOMIC_ACQUIRE), &status, 0);
  if (WIFSIGNALED(status))
    printf("child killed by signal %d\n", WTERMSIG(status));
  else
    printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int main(void) {
  char line[64];
  hotpatch_on_reload(hook, NULL);
  FILE *out = fopen("pid", "w");
  fprintf(out, "%d\n", (int)getpid());
  fclose(out);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = '\0';
    if (strcmp(line, "mask") == 0) {
      print_mask();
    } else if (strcmp(line, "arm") == 0) {
      __atomic_store_n(&armed, 1, __ATOMIC_RELEASE);
    } else if (strcmp(line, "call") == 0) {
      print_status();
    } else if (strcmp(line, "frame") == 0) {
      frame();
    } else if (strncmp(line, "child ", 6) == 0) {
      char command[64];
      int n = snprintf(command, sizeof command, "%s\n", line + 6);
      if (write(__atomic_load_n(&to_child, __ATOMIC_ACQUIRE), command,
                (size_t)n) != n)
        printf("no child\n");
    } else if (strcmp(line, "wait") == 0) {
      wait_child();
    } else if (strcmp(line, "quit") == 0) {
      break;
    }
    fflush(stdout);
  }
  return 0;
}

/*
** standby.c: children forked ahead of need (see standby.h).
**
** On its socket a standby first says 'R' (or 'M': ready_word) once it
** holds nothing of hcc's (sb_fill waits for it; a spawned one's is read
** with its job).  A job travels to it as a struct job_header and then
** the strings, each NUL-terminated: the directory (when has_dir), the
** output file, argv[0..argc-1].  A forked standby runs the function the
** header names (it is a copy of hcc); a spawned one, another program,
** finds its own from argv.  It answers as a freshly forked child answers
** on its two pipes: a struct rcmd_report, then, for a program that
** started, its exit status (rcmd_finish reads it, and reaps the standby
** later).
*/
#define _GNU_SOURCE
#include "standby.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run_command.h"
#include "util.h"

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22 /* Linux 5.14; older kernels say EINVAL */
#endif

/* The most pages one madvise fills before the standby looks for a job
** again (2 MB: about a tenth of a millisecond). */
#define WARM_RUN 512

/* The compile and the link of the next patch. */
#define STANDBYS 2

static struct standby {
  pid_t pid;    /* 0: none */
  int sock;     /* hcc's end */
  int started;  /* spawned: its ready word not read yet */
  int mimalloc; /* it said 'M' */
} pool[STANDBYS];

static unsigned taken;          /* jobs handed over, for sb_taken */
static unsigned taken_mimalloc; /* of those, by standbys that said 'M' */

struct job_header {
  int (*in_process)(int argc, const char **argv); /* for a forked standby */
  uint32_t argc;
  uint32_t size; /* of the strings that follow */
  uint32_t has_dir;
};

/* Read exactly n bytes; 0 on success, -1 at end of file or error. */
static int read_full(int fd, void *to, size_t n) {
  for (char *p = to; n > 0;) {
    ssize_t got = read(fd, p, n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return -1;
    p += got;
    n -= (size_t)got;
  }
  return 0;
}

static int job_waiting(int sock) {
  struct pollfd p = {sock, POLLIN, 0};
  return poll(&p, 1, 0) != 0;
}

/* The pages worth warming: the read-only file mappings of hcc as the
** first sb_fill found them (the toolchain loaded), and a bit per page, in
** memory shared with every child forked since, set for each page an
** in-process job had mapped when it ended (sb_after_job).  Warming only
** those, not the whole 270 MB of libLLVM, libclang-cpp, libz3's and ICU's
** data and the rest, matters twice: filling page tables costs time, and so
** does tearing them down when the standby exits, which is when the next
** patch is being prepared.  A compile maps about a quarter of it.
** Reading the page map costs a job 2-3 ms of CPU after its status is
** told, and the set settles within a few patches: every job adds to it
** at first, then one job in LEARN_EVERY. */
enum { LEARN_FIRST = 8, LEARN_EVERY = 8 };
struct region {
  uintptr_t lo, hi;
  size_t first_bit;
};
static struct {
  struct region *regions;
  size_t count;
  uint64_t *jobs; /* MAP_SHARED: jobs that ended, then the bits */
  uint64_t *bits; /* NULL: nothing is warmed                       */
} warm;

enum { PAGE = 4096 };

/* Find the read-only file mappings and share a bitmap of their pages. */
static void find_regions(void) {
  FILE *maps = fopen("/proc/self/maps", "re");
  if (!maps)
    return;
  size_t cap = 0, bits = 0;
  char line[4096];
  while (fgets(line, sizeof line, maps)) {
    unsigned long lo, hi;
    char perms[8];
    int path = 0;
    if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms, &path) <
            3 ||
        perms[1] == 'w' || line[path] != '/')
      continue;
    if (warm.count == cap) {
      cap = cap ? 2 * cap : 64;
      warm.regions = hu_xrealloc(warm.regions, cap * sizeof *warm.regions);
    }
    warm.regions[warm.count++] = (struct region){lo, hi, bits};
    bits += (hi - lo) / PAGE;
  }
  fclose(maps);
  size_t bytes = (1 + (bits + 63) / 64) * sizeof(uint64_t);
  void *shared = bits ? mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                             MAP_SHARED | MAP_ANONYMOUS, -1, 0)
                      : MAP_FAILED;
  if (shared != MAP_FAILED) {
    warm.jobs = shared;
    warm.bits = warm.jobs + 1;
  }
}

static int page_wanted(size_t bit) {
  return (warm.bits[bit / 64] >> (bit % 64)) & 1;
}

/* In a standby: fill the page tables of the pages worth warming, a run of
** pages at a time, until a job comes (or hcc goes). */
static void warm_up(int sock) {
  for (size_t r = 0; warm.bits && r < warm.count; r++) {
    const struct region *g = &warm.regions[r];
    size_t pages = (g->hi - g->lo) / PAGE;
    for (size_t p = 0; p < pages;) {
      if (!page_wanted(g->first_bit + p)) {
        p++;
        continue;
      }
      size_t run = 1;
      while (p + run < pages && run < WARM_RUN &&
             page_wanted(g->first_bit + p + run))
        run++;
      if (job_waiting(sock))
        return;
      (void)madvise((void *)(g->lo + p * PAGE), run * PAGE,
                    MADV_POPULATE_READ); /* else faulted in */
      p += run;
    }
  }
}

/* See standby.h. */
void sb_after_job(void) {
  if (!warm.bits)
    return;
  uint64_t job = __atomic_fetch_add(warm.jobs, 1, __ATOMIC_RELAXED);
  if (job >= LEARN_FIRST && job % LEARN_EVERY != 0)
    return;
  int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  /* /proc/PID/pagemap: an entry of 64 bits per page; bit 63, present. */
  static uint64_t entries[4096];
  for (size_t r = 0; r < warm.count; r++) {
    const struct region *g = &warm.regions[r];
    size_t pages = (g->hi - g->lo) / PAGE;
    for (size_t p = 0; p < pages;) {
      size_t want = pages - p < 4096 ? pages - p : 4096;
      ssize_t got = pread(fd, entries, want * sizeof *entries,
                          (off_t)((g->lo / PAGE + p) * sizeof *entries));
      if (got <= 0)
        break;
      size_t n = (size_t)got / sizeof *entries;
      for (size_t i = 0; i < n; i++)
        if (entries[i] >> 63) {
          size_t bit = g->first_bit + p + i;
          __atomic_fetch_or(&warm.bits[bit / 64], (uint64_t)1 << (bit % 64),
                            __ATOMIC_RELAXED);
        }
      p += n;
    }
  }
  close(fd);
}

/* What a standby says once it holds nothing of hcc's: 'M' when malloc in
** it is mimalloc's (a lib/hotpatch-toolchain hcc preloaded it into:
** resident.c), else 'R'.  Asked of the process, not of the environment it
** was given, so that --verbose says what the compile really ran with. */
static char ready_word(void) {
  return dlsym(RTLD_DEFAULT, "mi_version") ? 'M' : 'R';
}

/* Note a standby's ready word. */
static void heard(struct standby *s, char word) {
  s->started = 0;
  s->mimalloc = word == 'M';
}

/* See standby.h.  The standby's life: let go of hcc's descriptors, warm
** up (only when nothing else wants the CPU), take one job and run it as a
** freshly forked child would, or exit when hcc closes the socket. */
void sb_serve(int sock, const char *name,
              sb_program *(*program_for)(char *const *argv)) {
  int devnull = open("/dev/null", O_RDWR);
  for (int fd = 0; fd < 3 && devnull >= 0; fd++)
    dup2(devnull, fd);
  if (sock > 3)
    close_range(3, (unsigned)sock - 1, 0);
  close_range((unsigned)sock + 1, ~0U, 0);
  char ready = ready_word(); /* holding nothing of hcc's now */
  if (write(sock, &ready, 1) != 1)
    _exit(0);
  if (warm.bits) { /* else nothing to warm, or no way back from idle */
    struct sched_param none = {0};
    (void)sched_setscheduler(0, SCHED_IDLE, &none);
    warm_up(sock);
    (void)sched_setscheduler(0, SCHED_OTHER, &none);
  }
  struct job_header h;
  if (read_full(sock, &h, sizeof h) != 0 || h.argc == 0)
    _exit(0);
  if (name)
    (void)prctl(PR_SET_NAME, name); /* a job's child, as a fork's */
  char *strings = malloc((size_t)h.size + 1);
  char **argv = malloc(((size_t)h.argc + 1) * sizeof *argv);
  if (!strings || !argv || read_full(sock, strings, h.size) != 0)
    _exit(0);
  strings[h.size] = '\0';
  char *next = strings, *end = strings + h.size;
  const char *dir = NULL;
  if (h.has_dir) {
    dir = next;
    next += strlen(next) + 1;
  }
  const char *output = next < end ? next : "";
  next += strlen(output) + 1;
  for (uint32_t i = 0; i < h.argc; i++) {
    argv[i] = next < end ? next : strings + h.size;
    next += strlen(argv[i]) + 1;
  }
  argv[h.argc] = NULL;
  struct rcmd c = {.argv = argv,
                   .dir = dir,
                   .output = output,
                   .in_process =
                       program_for ? program_for(argv) : h.in_process};
  rcmd_child(&c, sock, -1, sock);
}

/* Whether a thread of this process may leave SCHED_IDLE again: without
** CAP_SYS_NICE (a user, or root in a container that drops it) and with the
** default RLIMIT_NICE of 0 it may not (sched(7)), and a standby that
** warmed up at idle priority would run its job there, starved by any other
** work on the machine.  Tried by a thread of its own: the policy is the
** thread's. */
static void *try_idle_and_back(void *result) {
  struct sched_param none = {0};
  *(int *)result = sched_setscheduler(0, SCHED_IDLE, &none) == 0 &&
                   sched_setscheduler(0, SCHED_OTHER, &none) == 0;
  return NULL;
}

static int idle_is_reversible(void) {
  int reversible = 0;
  pthread_t thread;
  if (pthread_create(&thread, NULL, try_idle_and_back, &reversible) != 0)
    return 0;
  pthread_join(thread, NULL);
  return reversible;
}

/* See standby.h. */
int sb_fill(void) {
  static int warmable = -1; /* standbys warm up only at idle priority */
  if (warmable < 0) {
    warmable = idle_is_reversible();
    if (warmable)
      find_regions();
  }
  int forked = 0;
  /* Named for ps and top while they wait, from their first instruction
  ** (the name is the thread's, inherited). */
  char name[16] = "";
  (void)prctl(PR_GET_NAME, name);
  (void)prctl(PR_SET_NAME, "hcc standby");
  for (int i = 0; i < STANDBYS; i++) {
    if (pool[i].pid > 0)
      continue;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
      break;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
      close(sv[0]);
      sb_serve(sv[1], name, NULL);
    }
    close(sv[1]);
    char ready;
    if (pid < 0 || read_full(sv[0], &ready, 1) != 0) {
      close(sv[0]);
      if (pid > 0)
        waitpid(pid, NULL, 0);
      break;
    }
    pool[i] = (struct standby){pid, sv[0], 0, 0};
    heard(&pool[i], ready);
    forked++;
  }
  (void)prctl(PR_SET_NAME, name);
  return forked;
}

/* End standby s, and reap it later.  Killed: it holds nothing and has
** nothing to finish, and a spawned one still starting would only notice
** its closed socket once ready. */
static void end(struct standby *s) {
  kill(s->pid, SIGKILL);
  close(s->sock);
  rcmd_reap_later(s->pid);
  s->pid = 0;
}

/* See standby.h. */
void sb_drop(void) {
  for (int i = 0; i < STANDBYS; i++)
    if (pool[i].pid > 0)
      end(&pool[i]);
}

/* See standby.h. */
int sb_spawn(const char *exe, char *const *envp) {
  int i = 0;
  while (i < STANDBYS && pool[i].pid > 0)
    i++;
  int sv[2];
  if (i == STANDBYS || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
    return -1;
  char *const argv[] = {(char *)"hotpatch-toolchain", (char *)"--standby",
                        NULL};
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  fflush(NULL);
  pid_t pid = devnull < 0 ? -1 : fork();
  if (pid == 0) { /* nothing but async-signal-safe calls until exec */
    for (int fd = 0; fd < 3; fd++)
      dup2(devnull, fd);
    dup2(sv[1], 3); /* the standby's socket; dup2 clears O_CLOEXEC */
    if (sv[1] == 3)
      fcntl(3, F_SETFD, 0);
    close_range(4, ~0U, 0); /* from its first instruction, none of ours */
    execve(exe, argv, envp);
    _exit(127);
  }
  if (devnull >= 0)
    close(devnull);
  close(sv[1]);
  if (pid < 0) {
    close(sv[0]);
    return -1;
  }
  pool[i] = (struct standby){pid, sv[0], 1, 0};
  return 0;
}

/* See standby.h. */
int sb_wait_started(void) {
  for (int i = 0; i < STANDBYS; i++) {
    char ready;
    if (pool[i].pid <= 0 || !pool[i].started)
      continue;
    if (read_full(pool[i].sock, &ready, 1) != 0) {
      end(&pool[i]);
      return -1;
    }
    heard(&pool[i], ready);
  }
  return 0;
}

/* The job message for c. */
static void encode(const struct rcmd *c, struct hu_buf *b) {
  struct job_header h = {c->in_process, 0, 0, c->dir != NULL};
  hu_buf_add(b, (const char *)&h, sizeof h);
  if (c->dir)
    hu_buf_add(b, c->dir, strlen(c->dir) + 1);
  hu_buf_add(b, c->output, strlen(c->output) + 1);
  for (; c->argv[h.argc]; h.argc++)
    hu_buf_add(b, c->argv[h.argc], strlen(c->argv[h.argc]) + 1);
  h.size = (uint32_t)(b->len - sizeof h);
  memcpy(b->data, &h, sizeof h);
}

/* Write all of b to sock; 0, or -1 (a standby that died). */
static int send_all(int sock, const struct hu_buf *b) {
  for (size_t at = 0; at < b->len;) {
    ssize_t n = send(sock, b->data + at, b->len - at, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    at += (size_t)n;
  }
  return 0;
}

/* See standby.h. */
int sb_start(struct rcmd *c) {
  struct hu_buf job = HU_BUF_INIT;
  int rc = 1;
  for (int i = 0; i < STANDBYS && rc == 1; i++) {
    if (pool[i].pid <= 0)
      continue;
    if (!job.len)
      encode(c, &job);
    struct standby s = pool[i];
    pool[i].pid = 0;
    struct rcmd_report r;
    char ready = 'R';
    if (send_all(s.sock, &job) != 0 ||
        (s.started && read_full(s.sock, &ready, 1) != 0) ||
        read_full(s.sock, &r, sizeof r) != 0) {
      end(&s); /* it died idle (killed): the next one, or a fork */
      continue;
    }
    if (s.started)
      heard(&s, ready);
    if (r.step != RCMD_OK) {
      end(&s);
      c->failed = (enum rcmd_step)r.step;
      errno = r.err;
      rc = -1;
      break;
    }
    c->pid = s.pid;
    c->done_fd = s.sock;
    c->bare = 1;
    c->failed = RCMD_OK;
    taken++;
    taken_mimalloc += s.mimalloc;
    rc = 0;
  }
  hu_buf_free(&job);
  return rc;
}

/* See standby.h. */
unsigned sb_taken(void) {
  return taken;
}

/* See standby.h. */
unsigned sb_taken_mimalloc(void) {
  return taken_mimalloc;
}

/*
** process_lookup.c: live control sockets and the processes behind them.
*/
#define _GNU_SOURCE
#include "process_lookup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "control_client.h"
#include "hotpatch_control.h"
#include "util.h"

/* Contents of /proc/PID/stat after the command name, or NULL. */
static char *stat_fields(pid_t pid, char *buf, size_t size) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  size_t n = fread(buf, 1, size - 1, f);
  fclose(f);
  buf[n] = '\0';
  char *paren =
      strrchr(buf, ')'); /* the command name may hold spaces and ')' */
  return paren && paren[1] == ' ' ? paren + 2 : NULL;
}

/* See process_lookup.h. */
int pl_alive(pid_t pid) {
  char buf[1024];
  char *f = stat_fields(pid, buf, sizeof buf);
  return f && f[0] != 'Z' && f[0] != 'X';
}

/* See process_lookup.h. */
long long pl_start_time(pid_t pid) {
  char buf[1024];
  char *f = stat_fields(pid, buf, sizeof buf);
  if (!f)
    return -1;
  /* f starts at field 3 (state); the start time is field 22. */
  for (int field = 3; field < 22; field++) {
    f = strchr(f, ' ');
    if (!f)
      return -1;
    f++;
  }
  return strtoll(f, NULL, 10);
}

/* See process_lookup.h. */
char *pl_exe(pid_t pid) {
  char path[64], exe[PATH_MAX];
  snprintf(path, sizeof path, "/proc/%ld/exe", (long)pid);
  ssize_t n = readlink(path, exe, sizeof exe - 1);
  if (n < 0)
    return NULL;
  exe[n] = '\0';
  static const char deleted[] = " (deleted)";
  size_t len = (size_t)n, dlen = sizeof deleted - 1;
  if (len > dlen && strcmp(exe + len - dlen, deleted) == 0)
    exe[len - dlen] = '\0';
  return hu_xstrdup(exe);
}

/* See process_lookup.h. */
int pl_mapped_files(pid_t pid, struct hu_vec *paths) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/maps", (long)pid);
  char *text = hu_read_file(path, NULL);
  if (!text)
    return -1;
  char *cursor = text, *line;
  while ((line = hu_next_line(&cursor)) != NULL) {
    /* address perms offset dev inode path: the path is what starts with '/' */
    char *file = strchr(line, '/');
    if (!file || strstr(file, " (deleted)"))
      continue;
    int seen = 0;
    for (int i = 0; i < paths->count && !seen; i++)
      seen = strcmp(paths->items[i], file) == 0;
    if (!seen)
      hu_vec_push(paths, file);
  }
  free(text);
  return 0;
}

/* The pid of a file name "<pid><suffix>", or 0. */
static pid_t name_pid(const char *name, const char *suffix) {
  char *end;
  long pid = strtol(name, &end, 10);
  if (end == name || pid <= 0 || pid > INT_MAX || strcmp(end, suffix) != 0)
    return 0;
  return (pid_t)pid;
}

/* The pid of a socket file name "<pid>.sock", or 0. */
static pid_t socket_pid(const char *name) {
  return name_pid(name, HOTPATCH_SOCKET_SUFFIX);
}

/* The pid of a patch lock "<pid>.sock.lock" (pl_lock), or 0. */
static pid_t lock_pid(const char *name) {
  return name_pid(name, HOTPATCH_SOCKET_SUFFIX ".lock");
}

static int has_pid(const struct pl_proc *procs, int n, pid_t pid) {
  for (int i = 0; i < n; i++)
    if (procs[i].pid == pid)
      return 1;
  return 0;
}

static int by_pid(const void *a, const void *b) {
  pid_t x = ((const struct pl_proc *)a)->pid,
        y = ((const struct pl_proc *)b)->pid;
  return (x > y) - (x < y);
}

/* See process_lookup.h. */
int pl_list(struct pl_proc **out) {
  char *dirs[2];
  int ndirs = cc_socket_dirs(dirs);
  struct pl_proc *procs = NULL;
  int n = 0;
  for (int d = 0; d < ndirs; d++) {
    DIR *dir = opendir(dirs[d]);
    if (!dir)
      continue;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
      pid_t pid = lock_pid(e->d_name);
      if (pid && !pl_alive(pid)) {
        /* The runtime removes its socket at exit; the lock is hcc's. */
        char *path = hu_xasprintf("%s/%s", dirs[d], e->d_name);
        unlink(path);
        free(path);
        continue;
      }
      pid = socket_pid(e->d_name);
      if (!pid)
        continue;
      char *path = hu_xasprintf("%s/%s", dirs[d], e->d_name);
      if (!pl_alive(pid)) {
        unlink(path); /* stale: the process is gone */
        char *lock = hu_xasprintf("%s.lock", path);
        unlink(lock);
        free(lock);
        free(path);
        continue;
      }
      if (has_pid(procs, n, pid)) {
        free(path);
        continue;
      }
      procs = hu_xrealloc(procs, (size_t)(n + 1) * sizeof *procs);
      procs[n].pid = pid;
      procs[n].socket = path;
      n++;
    }
    closedir(dir);
  }
  for (int d = 0; d < ndirs; d++)
    free(dirs[d]);
  if (n > 1)
    qsort(procs, (size_t)n, sizeof *procs, by_pid);
  *out = procs;
  return n;
}

/* See process_lookup.h. */
char *pl_socket_of(pid_t pid) {
  char *dirs[2];
  int ndirs = cc_socket_dirs(dirs);
  char *found = NULL;
  for (int d = 0; d < ndirs; d++) {
    char *path =
        hu_xasprintf("%s/%ld%s", dirs[d], (long)pid, HOTPATCH_SOCKET_SUFFIX);
    if (!found && hu_exists(path))
      found = path;
    else
      free(path);
    free(dirs[d]);
  }
  return found;
}

/* See process_lookup.h. */
void pl_free(struct pl_proc *procs, int count) {
  for (int i = 0; i < count; i++)
    free(procs[i].socket);
  free(procs);
}

/* See process_lookup.h. */
int pl_lock(pid_t pid, const char *socket) {
  char *path = hu_xasprintf("%s.lock", socket);
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    hu_warning(
        "cannot open the patch lock %s: %s; another hcc patching process %ld at the "
        "same time is not kept apart",
        path, strerror(errno), (long)pid);
    free(path);
    return -1;
  }
  free(path);
  if (flock(fd, LOCK_EX | LOCK_NB) == 0)
    return fd;
  fprintf(stderr,
          "hcc: note: another hcc is patching process %ld; waiting for it to "
          "finish\n",
          (long)pid);
  fflush(stderr);
  while (flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR)
      continue;
    hu_warning("cannot lock process %ld for patching: %s", (long)pid,
               strerror(errno));
    break;
  }
  return fd;
}

/* See process_lookup.h. */
void pl_unlock(int fd) {
  if (fd >= 0)
    close(fd); /* closing the last descriptor releases the flock */
}

static int select_pid(const char *pid_arg, struct pl_proc **out, int *count) {
  char *end;
  long pid = strtol(pid_arg, &end, 10);
  if (end == pid_arg || *end || pid <= 0 || pid > INT_MAX) {
    hu_error("--pid needs a process id, not '%s'", pid_arg);
    return HCC_EXIT_USAGE;
  }
  if (!pl_alive((pid_t)pid)) {
    hu_error("no process %ld (is it running?)", pid);
    return HCC_EXIT_NO_PROCESS;
  }
  char *sock = pl_socket_of((pid_t)pid);
  if (!sock) {
    hu_error(
        "process %ld has no hotpatch socket (was it built with hcc, and is "
        "HOTPATCH=off set?)",
        pid);
    return HCC_EXIT_NO_PROCESS;
  }
  *out = hu_xmalloc(sizeof **out);
  (*out)->pid = (pid_t)pid;
  (*out)->socket = sock;
  *count = 1;
  return 0;
}

/* Keep only the processes whose executable is `program`. */
static int filter_program(struct pl_proc *procs, int n, const char *program) {
  char real[PATH_MAX];
  if (!realpath(program, real)) {
    hu_error("cannot find program %s: %s", program, strerror(errno));
    return -1;
  }
  int kept = 0;
  for (int i = 0; i < n; i++) {
    char *exe = pl_exe(procs[i].pid);
    if (exe && strcmp(exe, real) == 0)
      procs[kept++] = procs[i];
    else
      free(procs[i].socket);
    free(exe);
  }
  return kept;
}

/* See process_lookup.h. */
int pl_select(const char *pid_arg, const char *program, int allow_many,
              struct pl_proc **out, int *count) {
  *out = NULL;
  *count = 0;
  if (pid_arg)
    return select_pid(pid_arg, out, count);
  struct pl_proc *procs;
  int n = pl_list(&procs);
  if (program) {
    n = filter_program(procs, n, program);
    if (n < 0) {
      free(procs);
      return HCC_EXIT_FAIL;
    }
  }
  if (n == 0) {
    free(procs);
    if (program)
      hu_error(
          "no running process of %s has a hotpatch socket (is it running, and built "
          "with hcc?)",
          program);
    else
      hu_error(
          "no running process has a hotpatch socket (is it running, and built with "
          "hcc?)");
    return HCC_EXIT_NO_PROCESS;
  }
  if (n > 1 && !allow_many) {
    struct hu_buf pids = HU_BUF_INIT;
    /* n > 1: pl_list allocated procs (the analyzer loses that). */
    /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
    for (int i = 0; i < n; i++)
      hu_buf_addf(&pids, "%s%ld", i ? ", " : "", (long)procs[i].pid);
    hu_error(
        "%d processes%s%s have a hotpatch socket (%s); choose one with --pid PID",
        n, program ? " of " : "", program ? program : "",
        pids.data ? pids.data : "");
    hu_buf_free(&pids);
    pl_free(procs, n);
    return HCC_EXIT_FAIL;
  }
  *out = procs;
  *count = n;
  return 0;
}

/* See process_lookup.h. */
int pl_parse_args(const char *command, int argc, char **argv,
                  struct pl_args *a) {
  memset(a, 0, sizeof *a);
  int only_operands = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (!only_operands && !strcmp(arg, "--")) {
      only_operands = 1;
    } else if (!only_operands && !strcmp(arg, "--pid")) {
      if (i + 1 >= argc) {
        hu_error("hcc %s: --pid needs a process id (see 'hcc --help')",
                 command);
        return HCC_EXIT_USAGE;
      }
      a->pid = argv[++i];
    } else if (!only_operands && !strncmp(arg, "--pid=", 6)) {
      a->pid = arg + 6;
    } else if (!only_operands &&
               (!strcmp(arg, "--verbose") || !strcmp(arg, "-v"))) {
      a->verbose = 1;
    } else if (!only_operands && !strcmp(arg, "--all") &&
               !strcmp(command, "patch")) {
      a->all = 1;
    } else if (!only_operands && !strcmp(arg, "--dry-run") &&
               !strcmp(command, "patch")) {
      a->dry_run = 1;
    } else if (!only_operands && !strcmp(arg, "--json")) {
      a->json = 1;
    } else if (!only_operands && !strcmp(arg, "--history") &&
               !strcmp(command, "status")) {
      a->history = 1;
    } else if (!only_operands && arg[0] == '-' && arg[1]) {
      hu_error("hcc %s: unknown option '%s' (see 'hcc --help')", command, arg);
      return HCC_EXIT_USAGE;
    } else if (a->program) {
      hu_error("hcc %s: only one PROGRAM, got '%s' and '%s' (see 'hcc --help')",
               command, a->program, arg);
      return HCC_EXIT_USAGE;
    } else {
      a->program = arg;
    }
  }
  if (a->pid && a->program) {
    hu_error("hcc %s: give --pid or PROGRAM, not both", command);
    return HCC_EXIT_USAGE;
  }
  if (a->all && (a->pid || !a->program)) {
    hu_error(
        "hcc %s: --all needs PROGRAM and no --pid: hcc %s --all PROGRAM patches every "
        "running process of PROGRAM",
        command, command);
    return HCC_EXIT_USAGE;
  }
  return 0;
}

/* See process_lookup.h. */
int pl_targets(struct pl_targets *t, const char *command, int argc, char **argv,
               int allow_many) {
  int rc = pl_parse_args(command, argc, argv, &t->args);
  return rc ? rc
            : pl_select(t->args.pid, t->args.program, allow_many, &t->procs,
                        &t->count);
}

/* See process_lookup.h. */
int pl_no_answer(const struct pl_proc *p, const char *request, int err) {
  if (!pl_alive(p->pid)) {
    hu_error("process %ld exited", (long)p->pid);
    return HCC_EXIT_NO_PROCESS;
  }
  return hu_error("process %ld gave no valid answer to '%s' on %s: %s",
                  (long)p->pid, request, p->socket, strerror(err));
}

/*
** process_lookup.h: finding the running process a command is about: its
** live control socket, its executable, its identity (pid + start time, so
** that a reused pid is never mistaken for the process hcc patched before).
*/
#ifndef HCC_PROCESS_LOOKUP_H
#define HCC_PROCESS_LOOKUP_H

#include <sys/types.h>

#include "util.h"

/* A process with a control socket. */
struct pl_proc {
  pid_t pid;
  char *socket; /* absolute path of <dir>/<pid>.sock */
};

/* 1 if `pid` is a running process (not a zombie). */
int pl_alive(pid_t pid);

/* The process's start time in clock ticks since boot (field 22 of
** /proc/PID/stat), or -1 when it is gone. */
long long pl_start_time(pid_t pid);

/* Path of the process's executable (/proc/PID/exe, " (deleted)" removed
** when the file was replaced by a rebuild), or NULL.  Caller frees. */
char *pl_exe(pid_t pid);

/* Append to `paths` each file mapped into `pid` (from /proc/PID/maps:
** the program, its shared libraries, whatever dlopen loaded), once each;
** files deleted since they were mapped are left out.  Returns 0, or -1
** when the map cannot be read. */
int pl_mapped_files(pid_t pid, struct hu_vec *paths);

/* Every socket <pid>.sock of this user whose process is alive, in the
** directories of cc_socket_dirs(), each pid once.  Sockets of dead
** processes are unlinked.  Returns the count; *out is malloc'ed. */
int pl_list(struct pl_proc **out);

/* The socket of `pid`, or NULL when it has none.  Caller frees. */
char *pl_socket_of(pid_t pid);

void pl_free(struct pl_proc *procs, int count);

/* Take the per-process patch lock: an flock on "<socket>.lock" next to the
** socket (the user's 0700 socket directory), so that two hcc commands
** (hcc run's patches, hcc patch, hcc revert) never interleave their
** requests to one process: the second would otherwise build against a
** baseline the first is replacing.  Waits while another hcc holds it,
** saying so once on stderr.  Returns the descriptor to pass to
** pl_unlock, or -1 when the lock file cannot be opened (then nothing is
** serialised; a warning says why). */
int pl_lock(pid_t pid, const char *socket);

/* Release what pl_lock took (-1 is ignored). */
void pl_unlock(int fd);

/* The targets of hcc patch/revert/status: `pid_arg` (may be NULL) and
** `program` (may be NULL).  Neither: every live socket when `allow_many`,
** else the only one.  On success fills *out / *count (caller pl_free's) and
** returns 0; otherwise prints an error and returns the exit code: 2 bad
** --pid, 5 no such process, 1 ambiguous (several: use --pid). */
int pl_select(const char *pid_arg, const char *program, int allow_many,
              struct pl_proc **out, int *count);

/* The arguments common to the process commands: [--pid PID] [--verbose]
** [--json] [PROGRAM] (options anywhere, "--" ends them), for `patch` also
** --all (which needs PROGRAM and excludes --pid) and --dry-run, for
** `status` also --history.  Returns 0, or prints a usage error naming
** `command` and returns 2. */
struct pl_args {
  const char *pid;
  const char *program;
  int verbose;
  int all;
  int dry_run;
  int json;
  int history;
};
int pl_parse_args(const char *command, int argc, char **argv,
                  struct pl_args *a);

/* Report `request` to p that got no valid answer (err from cc_request):
** exit 5 when the process is gone, else 1.  Returns the exit code. */
int pl_no_answer(const struct pl_proc *p, const char *request, int err);

/* What a process command acts on: its arguments and the processes they
** select. */
struct pl_targets {
  struct pl_args args;
  struct pl_proc *procs;
  int count;
};

/* pl_parse_args, then pl_select of what they name.  Returns 0 (release
** t->procs with pl_free), or the exit code after a message. */
int pl_targets(struct pl_targets *t, const char *command, int argc, char **argv,
               int allow_many);

#endif /* HCC_PROCESS_LOOKUP_H */

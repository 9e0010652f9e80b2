/*
** patch_build.c: one patch of a running process (overview in
** patch_build.h).
**
** Sections: talking to the process | session | state files | compiles |
** link and apply | entry points.
*/
#define _GNU_SOURCE
#include "patch_build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "builddb.h"
#include "control_client.h"
#include "demangle.h"
#include "hotpatch_abi.h"
#include "patch_compile.h"
#include "patch_info.h"
#include "patch_link.h"
#include "paths.h"
#include "process_lookup.h"
#include "program_db.h"
#include "resident.h"
#include "status_line.h"
#include "tu_state.h"

enum {
  HELLO_TIMEOUT_MS = 5000,
  REGISTRY_TIMEOUT_MS = 20000,
  APPLY_TIMEOUT_MS = 120000
};

struct session {
  const struct pb_target *t;
  const struct pb_options *o;
  long long ticks;          /* process start time: identity with the pid */
  long long generation;     /* what the process runs now                 */
  char *registry;           /* the baseline: registry answer sans "ok"   */
  struct hu_vec module_ids;
  struct pd_program prog;
  char *live_dir;           /* <db>/live/<pid>-<ticks>                   */
  struct ts_state state;    /* of `generation`                           */
  int said_hello;
  /* CLOCK_MONOTONIC at the stage boundaries, for --verbose */
  struct timespec compile_start, compile_end, link_end;
  int resident;             /* compiles and links run in-process         */
};

/* ===================================================== talking to the process */

/* Report a request that got no answer; returns the exit code. */
static int lost(const struct session *s, const char *request, enum cc_status st, int err) {
  pid_t pid = s->t->pid;
  if (!pl_alive(pid)) {
    if (s->said_hello)
      hu_error("process %ld exited during the patch; nothing is left to patch", (long)pid);
    else hu_error("no process %ld (it exited)", (long)pid);
    return HCC_EXIT_NO_PROCESS;
  }
  if (st == CC_NO_PEER) {
    hu_error("process %ld does not listen on its hotpatch socket %s: %s", (long)pid,
             s->t->socket, strerror(err));
    return HCC_EXIT_NO_PROCESS;
  }
  return hu_error("process %ld gave no valid answer to '%s' on %s: %s", (long)pid, request,
                  s->t->socket, strerror(err));
}

/* Send a request that must succeed; 0 with *answer, or the exit code. */
static int ask(struct session *s, const char *request, int timeout_ms, char **answer) {
  int err;
  enum cc_status st = cc_request(s->t->socket, request, timeout_ms, answer, &err);
  if (st == CC_OK) return 0;
  if (st == CC_REFUSED) {
    int rc = hu_error("process %ld answered '%s' with: %s", (long)s->t->pid, request,
                      strtok(*answer, "\n"));
    free(*answer);
    *answer = NULL;
    return rc;
  }
  free(*answer);
  *answer = NULL;
  return lost(s, request, st, err);
}

/* "hotpatch-module 1 <hash> <id>" lines of the registry text. */
static void registry_modules(const char *text, struct hu_vec *ids) {
  static const char magic[] = HOTPATCH_INFO_MAGIC " 1 ";
  for (const char *line = text; *line;) {
    const char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    if (len > sizeof magic - 1 + 33 && strncmp(line, magic, sizeof magic - 1) == 0) {
      const char *id = line + sizeof magic - 1 + 33;
      hu_vec_push(ids, "");
      free(ids->items[ids->count - 1]);
      ids->items[ids->count - 1] = hu_xstrndup(id, len - (size_t)(id - line));
    }
    line = nl ? nl + 1 : line + len;
  }
}

/* ================================================================= session */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  remove(path);
  return 0;
}

/* Remove <parent>/<pid>-<ticks> entries whose process is gone. */
static void remove_dead(const char *parent) {
  DIR *dir = opendir(parent);
  if (!dir) return;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    long pid;
    long long ticks;
    char tail;
    if (sscanf(e->d_name, "%ld-%lld%c", &pid, &ticks, &tail) != 2) continue;
    if (pl_alive((pid_t)pid) && pl_start_time((pid_t)pid) == ticks) continue;
    char *path = hu_xasprintf("%s/%s", parent, e->d_name);
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(path);
  }
  closedir(dir);
}

static int make_dirs(const char *path) {
  char *copy = hu_xstrdup(path);
  for (char *p = copy + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    mkdir(copy, 0777);
    *p = '/';
  }
  int rc = mkdir(copy, 0777) == 0 || errno == EEXIST ? 0 : -1;
  free(copy);
  return rc;
}

static char *state_path(const struct session *s, long long generation) {
  return hu_xasprintf("%s/gen-%lld.state", s->live_dir, generation);
}

/* The state of the running generation: saved by an earlier patch, else
** what the build left; units the state lacks come from the build. */
static void load_state(struct session *s) {
  char *path = state_path(s, s->generation);
  if (ts_load(&s->state, path) != 0) memset(&s->state, 0, sizeof s->state);
  free(path);
  for (int i = 0; i < s->prog.tu_count; i++) {
    const struct pd_compile *c = &s->prog.tus[i];
    if (ts_find(&s->state, c->module_id)) continue;
    struct timespec start = {(time_t)c->start_sec, (long)c->start_nsec};
    struct ts_tu tu;
    ts_tu_from_build(&tu, c->module_id, c->source, c->depfile, c->cwd, &start, c->start_known);
    ts_put(&s->state, &tu);
  }
}

static void session_free(struct session *s) {
  free(s->registry);
  hu_vec_free(&s->module_ids);
  pd_free(&s->prog);
  free(s->live_dir);
  ts_free(&s->state);
}

/* hello, registry, program, database, state.  Returns an exit code. */
static int session_open(struct session *s, const struct pb_target *t,
                        const struct pb_options *o) {
  memset(s, 0, sizeof *s);
  s->t = t;
  s->o = o;
  s->ticks = pl_start_time(t->pid);
  char *answer;
  int rc = ask(s, "hello", HELLO_TIMEOUT_MS, &answer);
  if (rc) return rc;
  s->said_hello = 1;
  s->generation = cc_answer_number(answer, "generation");
  free(answer);
  if (s->generation < 0)
    return hu_error("process %ld: malformed answer to hello (no generation=)", (long)t->pid);
  if ((rc = ask(s, "registry", REGISTRY_TIMEOUT_MS, &answer)) != 0) return rc;
  const char *nl = answer ? strchr(answer, '\n') : NULL;
  s->registry = hu_xstrdup(nl ? nl + 1 : "");
  free(answer);
  registry_modules(s->registry, &s->module_ids);
  char *exe = hu_xasprintf("/proc/%ld/exe", (long)t->pid);
  char *name = pl_exe(t->pid);
  char *shown = hu_xasprintf("process %ld (%s)", (long)t->pid, name ? name : "?");
  rc = pd_identify(&s->prog, exe, shown);
  free(exe);
  free(name);
  free(shown);
  if (rc) return pl_alive(t->pid) ? HCC_EXIT_FAIL : lost(s, "hello", CC_BROKEN, ESRCH);
  /* Shared objects built into the same database (linked or dlopen'ed). */
  struct hu_vec mapped = HU_VEC_INIT;
  pl_mapped_files(t->pid, &mapped);
  for (int i = 0; i < mapped.count; i++) pd_add_library(&s->prog, mapped.items[i]);
  hu_vec_free(&mapped);
  struct hu_vec missing = HU_VEC_INIT;
  if (pd_load(&s->prog, &s->module_ids, &missing)) {
    hu_vec_free(&missing);
    return HCC_EXIT_FAIL;
  }
  if (o && o->verbose)
    for (int i = 0; i < missing.count; i++)
      fprintf(stderr, "hcc: note: module %s has no compile record in %s; it is not watched\n",
              missing.items[i], s->prog.db_dir);
  hu_vec_free(&missing);
  char *live = hu_xasprintf("%s/live", s->prog.db_dir);
  remove_dead(live);
  s->live_dir = hu_xasprintf("%s/%ld-%lld", live, (long)t->pid, s->ticks);
  free(live);
  load_state(s);
  return 0;
}

/* Save `state` as the state of `generation`; a failure costs only
** recompiles later, so it is a warning. */
static void save_state(const struct session *s, const struct ts_state *state,
                       long long generation) {
  char *path = state_path(s, generation);
  if (make_dirs(s->live_dir) != 0 || ts_save(state, path) != 0)
    hu_warning("cannot save %s: %s; the next patch recompiles more than needed", path,
               strerror(errno));
  free(path);
}

/* ================================================================ compiles */

struct job {
  const struct pd_compile *rec;
  struct ts_tu snap;        /* hashes just before the compile            */
  struct ts_tu after;       /* the unit as this compile built it         */
  struct timespec start;
  char *object, *depfile, *output, *closures;
  struct hu_vec argv;
  pid_t pid;
  int status;               /* exit status; -1 not run                  */
  int refused;              /* the plugin refused a change              */
  struct pi_patch patch;
  int have_patch;
};

static int job_count_limit(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

/* fork + exec with cwd and output redirected; the child starts with the
** default signal mask (hcc run blocks signals for its signalfd). */
static pid_t spawn(char **argv, const char *cwd, const char *output) {
  pid_t pid = hu_fork();
  if (pid != 0) return pid;
  int fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
  }
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0) dup2(devnull, 0);
  if (chdir(cwd) != 0) {
    fprintf(stderr, "hcc: error: cannot enter %s (the directory the unit was compiled in): "
                    "%s\n", cwd, strerror(errno));
    _exit(127);
  }
  rs_exec(argv);
  execvp(argv[0], argv);
  fprintf(stderr, "hcc: error: cannot run %s: %s; install clang-19 or set HOTPATCH_CLANG\n",
          argv[0], strerror(errno));
  _exit(127);
}

static int wait_status(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return 1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static char *read_text(const char *path) {
  FILE *f = fopen(path, "r");
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_add(&b, "", 0);
  if (!f) return hu_buf_detach(&b);
  char chunk[8192];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) hu_buf_add(&b, chunk, n);
  fclose(f);
  return hu_buf_detach(&b);
}

/* Copy the captured output to stderr verbatim; returns its text. */
static char *show_output(const char *path) {
  char *text = read_text(path);
  fputs(text, stderr);
  fflush(stderr);
  return text;
}

/* Run every job, at most nproc at a time. */
static void run_jobs(struct job *jobs, int n) {
  int limit = job_count_limit(), waited = 0;
  for (int i = 0; i < n; i++) {
    while (i - waited >= limit) {
      if (jobs[waited].pid > 0) jobs[waited].status = wait_status(jobs[waited].pid);
      waited++;
    }
    ts_now(&jobs[i].start);
    jobs[i].pid = spawn(jobs[i].argv.items, jobs[i].rec->cwd, jobs[i].output);
    if (jobs[i].pid < 0) jobs[i].status = 127;
  }
  for (; waited < n; waited++)
    if (jobs[waited].pid > 0) jobs[waited].status = wait_status(jobs[waited].pid);
}

/* Show the jobs' compiler output in order; note which ones the plugin
** refused. */
static void show_jobs(struct job *jobs, int n) {
  for (int i = 0; i < n; i++) {
    char *text = show_output(jobs[i].output);
    jobs[i].refused = jobs[i].status != 0 && strstr(text, "hotpatch: cannot patch") != NULL;
    free(text);
  }
}

/* A new attempt directory <db>/patches/<pid>-<ticks>/<seq>. */
static char *attempt_dir(const struct session *s) {
  char *parent = hu_xasprintf("%s/patches", s->prog.db_dir);
  remove_dead(parent);
  char *mine = hu_xasprintf("%s/%ld-%lld", parent, (long)s->t->pid, s->ticks);
  free(parent);
  if (make_dirs(mine) != 0) {
    hu_error("cannot create %s: %s; fix the permissions of the build database directory",
             mine, strerror(errno));
    free(mine);
    return NULL;
  }
  for (int seq = 1;; seq++) {
    char *dir = hu_xasprintf("%s/%d", mine, seq);
    if (mkdir(dir, 0777) == 0) {
      free(mine);
      return dir;
    }
    int err = errno;
    if (err != EEXIST) {
      hu_error("cannot create %s: %s", dir, strerror(err));
      free(dir);
      free(mine);
      return NULL;
    }
    free(dir);
  }
}

static int write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  int ok = f && fputs(text, f) >= 0;
  if (f && fclose(f) != 0) ok = 0;
  return ok ? 0 : -1;
}

/* HOTPATCH_SKIP_UNCHANGED=0 turns off skipping the optimisation of what
** cannot have changed (plugin/Closures.cpp): for comparison, or doubt. */
static int skip_unchanged(void) {
  return hu_env_switch("HOTPATCH_SKIP_UNCHANGED") != 0;
}

/* Set up the jobs of the dirty units.  Returns the count, -1 on error. */
static int plan_jobs(struct session *s, const char *dir, const char *baseline,
                     const struct hp_paths *paths, struct job **out) {
  struct job *jobs = hu_xmalloc((size_t)(s->prog.tu_count + 1) * sizeof *jobs);
  int n = 0, bad = 0;
  for (int i = 0; i < s->prog.tu_count; i++) {
    const struct pd_compile *rec = &s->prog.tus[i];
    struct ts_tu *tu = ts_find(&s->state, rec->module_id);
    if (!tu || !ts_tu_dirty(tu)) continue;
    struct job *j = &jobs[n];
    memset(j, 0, sizeof *j);
    j->rec = rec;
    j->status = -1;
    j->object = hu_xasprintf("%s/%d.o", dir, n);
    j->depfile = hu_xasprintf("%s/%d.d", dir, n);
    j->output = hu_xasprintf("%s/%d.out", dir, n);
    j->closures = skip_unchanged() ? hb_closures_dir(s->prog.db_dir) : NULL;
    struct pc_job pc = {rec, baseline, s->prog.build_id, j->object, j->depfile, j->closures,
                        isatty(2)};
    if (pc_command(&j->argv, hp_clang(), paths, &pc) != 0) {
      hu_error("the recorded compile of %s does not name the source (%s); rebuild the "
               "program with hcc", rec->module_id, rec->source);
      bad = 1;
    }
    ts_snapshot(&j->snap, tu);
    n++;
  }
  *out = jobs;
  return bad ? -n - 1 : n;
}

static void free_jobs(struct job *jobs, int n) {
  for (int i = 0; i < n; i++) {
    ts_tu_free(&jobs[i].snap);
    ts_tu_free(&jobs[i].after);
    free(jobs[i].object);
    free(jobs[i].depfile);
    free(jobs[i].output);
    free(jobs[i].closures);
    hu_vec_free(&jobs[i].argv);
    pi_free(&jobs[i].patch);
  }
  free(jobs);
}

static const char *rel(const struct session *s, const char *path) {
  return hu_relpath_inside(path, s->prog.root);
}

/* Report failed compiles; returns the exit code (0 when all compiled). */
static int compile_failures(const struct session *s, struct job *jobs, int n) {
  struct hu_buf broken = HU_BUF_INIT, refused = HU_BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (jobs[i].status == 0) continue;
    struct hu_buf *b = jobs[i].refused ? &refused : &broken;
    hu_buf_addf(b, "%s%s", b->len ? ", " : "", rel(s, jobs[i].rec->source));
  }
  int rc = 0;
  if (broken.len) {
    hu_error("not patched: %s did not compile; process %ld keeps running generation %lld",
             broken.data, (long)s->t->pid, s->generation);
    rc = HCC_EXIT_COMPILE;
  } else if (refused.len) {
    hu_error("not patched: the change to %s cannot be applied live (see above); process %ld "
             "keeps running generation %lld", refused.data, (long)s->t->pid, s->generation);
    rc = HCC_EXIT_REFUSED;
  }
  hu_buf_free(&broken);
  hu_buf_free(&refused);
  return rc;
}

/* ========================================================= link and apply */

/* Run argv in dir with its output in dir/<name>; returns the status. */
static int run_in(struct hu_vec *argv, const char *dir, const char *name, char **out) {
  *out = hu_xasprintf("%s/%s", dir, name);
  pid_t pid = spawn(argv->items, dir, *out);
  return pid > 0 ? wait_status(pid) : 127;
}

/* The driver's linker arguments for this clang: from the template in the
** build database, else learnt from `clang -###` and saved.  0 or -1. */
static int lld_template(const char *db_dir, const char *dir, const char *key,
                        const struct hu_vec *objects, const char *so, struct hu_vec *tmpl) {
  if (objects->count == 0) return -1; /* nothing to learn from */
  char *path = hu_xasprintf("%s/patch-link.args", db_dir);
  int rc = plk_load(path, key, tmpl);
  if (rc != 0) {
    struct hu_vec argv = HU_VEC_INIT;
    hu_vec_push(&argv, hp_clang());
    hu_vec_push(&argv, "-###");
    hu_vec_push(&argv, "-fuse-ld=lld");
    hu_vec_push(&argv, "-shared");
    hu_vec_push(&argv, "-o");
    hu_vec_push(&argv, so);
    hu_vec_push(&argv, objects->items[0]);
    char *out;
    if (run_in(&argv, dir, "link-probe.out", &out) == 0) {
      char *text = read_text(out);
      rc = plk_parse_driver(text, so, objects->items[0], tmpl);
      free(text);
      if (rc == 0) plk_save(path, key, tmpl);
    }
    free(out);
    hu_vec_free(&argv);
  }
  free(path);
  return rc;
}

/* Link with ld.lld itself (see patch_link.h).  0 when linked; -1 when the
** driver must link: no template, or lld failed (the driver then shows
** the error, or links with what the template missed). */
static int lld_link(const char *db_dir, const char *dir, const struct hu_vec *objects,
                    const char *so, int *stale) {
  char *key = plk_key(hp_clang());
  if (!key) return -1;
  struct hu_vec tmpl = HU_VEC_INIT, argv = HU_VEC_INIT;
  int rc = lld_template(db_dir, dir, key, objects, so, &tmpl);
  if (rc == 0) {
    char *lld = plk_lld_path(hp_clang());
    plk_command(&argv, lld, &tmpl, objects, so);
    free(lld);
    char *out;
    rc = run_in(&argv, dir, "link.out", &out) == 0 ? 0 : -1;
    *stale = rc != 0;
    free(out);
  }
  free(key);
  hu_vec_free(&tmpl);
  hu_vec_free(&argv);
  return rc;
}

/* The patch objects name their target build (the plugin's `target`
** argument), so linking is all that is left; lld, which clang-19 ships
** beside itself, links a patch several times faster than GNU ld, and
** running it without the clang driver saves the driver's start-up. */
static int link_patch(const char *db_dir, const char *dir, struct job *jobs, int n,
                      const char *so) {
  enum plk_linker linker;
  if (plk_choice(&linker) != 0) return HCC_EXIT_FAIL;
  struct hu_vec objects = HU_VEC_INIT;
  for (int i = 0; i < n; i++)
    if (pi_changes(&jobs[i].patch)) hu_vec_push(&objects, jobs[i].object);
  int stale = 0;
  if (linker == PLK_LLD && lld_link(db_dir, dir, &objects, so, &stale) == 0) {
    hu_vec_free(&objects);
    return 0;
  }
  struct hu_vec argv = HU_VEC_INIT;
  hu_vec_push(&argv, hp_clang());
  hu_vec_push(&argv, "-fuse-ld=lld");
  hu_vec_push(&argv, "-shared");
  hu_vec_push(&argv, "-o");
  hu_vec_push(&argv, so);
  hu_vec_pushv(&argv, objects.items, objects.count);
  char *out;
  int status = run_in(&argv, dir, "link.out", &out);
  int rc = 0;
  if (status != 0) {
    char *text = show_output(out);
    if (strstr(text, "-fPIC"))
      rc = hu_error("cannot link the patch %s: the program's objects were compiled without "
                    "-fPIC; rebuild the program with -fPIC to patch it", so);
    else
      rc = hu_error("cannot link the patch %s (linker output above)", so);
    free(text);
  } else if (stale) {
    /* The driver linked what lld with the template could not: relearn. */
    char *path = hu_xasprintf("%s/patch-link.args", db_dir);
    remove(path);
    free(path);
  }
  free(out);
  hu_vec_free(&argv);
  hu_vec_free(&objects);
  return rc;
}

static double ms_between(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static long long elapsed_ms(const struct pb_options *o) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long long)ms_between(&o->t0, &now);
}

/* "hcc:   changed <id>" lines; a C++ id is followed by its readable form. */
static void verbose_ids(struct hu_buf *b, const char *what, const struct hu_vec *ids) {
  for (int k = 0; k < ids->count; k++) {
    hu_buf_addf(b, "hcc:   %s ", what);
    hd_add_id(b, ids->items[k], 1);
    hu_buf_addc(b, '\n');
  }
}

static void print_verbose(const struct job *jobs, int n) {
  struct hu_buf b = HU_BUF_INIT;
  for (int i = 0; i < n; i++) {
    const struct pi_patch *p = &jobs[i].patch;
    if (!jobs[i].have_patch) continue;
    hu_buf_addf(&b, "hcc: module %s\n", p->module_id);
    verbose_ids(&b, "changed", &p->changed);
    verbose_ids(&b, "new", &p->added);
    verbose_ids(&b, "new-data", &p->added_data);
    verbose_ids(&b, "update", &p->updated);
  }
  if (b.len) fputs(b.data, stderr);
  hu_buf_free(&b);
}

/* The state after the patch: the old one with every compiled unit
** replaced by what its compile read. */
static void record_units(struct session *s, struct job *jobs, int n) {
  for (int i = 0; i < n; i++) {
    struct ts_tu copy = jobs[i].after;
    memset(&jobs[i].after, 0, sizeof jobs[i].after);
    ts_put(&s->state, &copy);
  }
}

/* Where the time went, from the save (or the start of hcc patch) to the
** process's answer: what is not compile, link or apply is detect. */
static void print_stages(const struct session *s, const struct job *jobs, int n) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int skipped = 0, total = 0;
  for (int i = 0; i < n; i++) {
    skipped += jobs[i].patch.skipped;
    total += jobs[i].patch.total;
  }
  fprintf(stderr, "hcc: stages: detect %.1f ms, compile %.1f ms, link %.1f ms, apply %.1f ms "
                  "(%s)\n",
          ms_between(&s->o->t0, &s->compile_start),
          ms_between(&s->compile_start, &s->compile_end),
          ms_between(&s->compile_end, &s->link_end), ms_between(&s->link_end, &now),
          s->resident ? "resident clang and ld.lld" : "clang and ld.lld executables");
  if (total)
    fprintf(stderr, "hcc: not optimised: %d of %d functions, the same as what runs\n", skipped,
            total);
}

static int apply(struct session *s, const char *so, struct job *jobs, int n) {
  char *request = hu_xasprintf("apply %s", so);
  char *answer;
  int err;
  enum cc_status st = cc_request(s->t->socket, request, APPLY_TIMEOUT_MS, &answer, &err);
  free(request);
  if (st == CC_REFUSED) {
    char *msg = answer + 5;
    msg += strspn(msg, " ");
    msg[strcspn(msg, "\n")] = '\0';
    int rc = hu_error("process %ld refused the patch: %s; it keeps running generation %lld",
                      (long)s->t->pid, msg, s->generation);
    free(answer);
    return rc;
  }
  if (st != CC_OK) {
    free(answer);
    return lost(s, "apply", st, err);
  }
  long long generation = cc_answer_number(answer, "generation");
  free(answer);
  if (generation < 0) generation = s->generation + 1;
  if (s->o->verbose) print_stages(s, jobs, n);
  record_units(s, jobs, n);
  s->generation = generation;
  save_state(s, &s->state, generation);
  if (s->o->verbose) print_verbose(jobs, n);
  struct sl_unit *units = hu_xmalloc((size_t)(n + 1) * sizeof *units);
  int count = 0;
  for (int i = 0; i < n; i++) {
    if (!pi_changes(&jobs[i].patch)) continue;
    units[count].file = rel(s, jobs[i].rec->source);
    units[count].patch = &jobs[i].patch;
    count++;
  }
  char *line = sl_format(units, count, generation, elapsed_ms(s->o));
  char *notes = sl_notes(units, count);
  if (s->o->show_pid && strncmp(line, "hcc: ", 5) == 0)
    fprintf(stderr, "hcc: process %ld: %s", (long)s->t->pid, line + 5);
  else
    fputs(line, stderr);
  fputs(notes, stderr);
  fflush(stderr);
  free(line);
  free(notes);
  free(units);
  return 0;
}

/* ============================================================ entry points */

static void no_change(const struct session *s) {
  if (s->o->show_pid)
    fprintf(stderr, "hcc: process %ld: no functional change (generation %lld)\n",
            (long)s->t->pid, s->generation);
  else
    fputs("hcc: no functional change\n", stderr);
}

static int superseded(const struct session *s) {
  return s->o->superseded && s->o->superseded(s->o->superseded_ctx);
}

static int build_and_apply(struct session *s, const struct hp_paths *paths) {
  int dirty = 0;
  for (int i = 0; i < s->prog.tu_count && !dirty; i++) {
    struct ts_tu *tu = ts_find(&s->state, s->prog.tus[i].module_id);
    dirty = tu && ts_tu_dirty(tu);
  }
  if (!dirty) {
    if (!s->o->quiet_when_clean) no_change(s);
    return HCC_EXIT_OK;
  }
  s->resident = rs_load(paths, hp_clang(), 0, s->o->verbose);
  if (s->resident < 0) return HCC_EXIT_FAIL;
  char *dir = attempt_dir(s);
  if (!dir) return HCC_EXIT_FAIL;
  char *baseline = hu_xasprintf("%s/baseline.txt", dir);
  char *so = hu_xasprintf("%s/patch.so", dir);
  struct job *jobs = NULL;
  int n = 0, rc = 0;
  if (write_file(baseline, s->registry) != 0) {
    rc = hu_error("cannot write %s: %s", baseline, strerror(errno));
    goto out;
  }
  n = plan_jobs(s, dir, baseline, paths, &jobs);
  if (n <= 0) { /* -(count)-1 when a unit cannot be rebuilt */
    n = n < 0 ? -n - 1 : n;
    rc = HCC_EXIT_FAIL;
    goto out;
  }
  clock_gettime(CLOCK_MONOTONIC, &s->compile_start);
  run_jobs(jobs, n);
  if (superseded(s)) {
    rc = PB_SUPERSEDED;
    goto out;
  }
  show_jobs(jobs, n);
  if ((rc = compile_failures(s, jobs, n)) != 0) goto out;
  int changes = 0;
  for (int i = 0; i < n; i++) {
    const struct job *j = &jobs[i];
    ts_tu_after_compile(&jobs[i].after, &j->snap, j->rec->source, j->depfile, j->rec->cwd,
                        &j->start);
    if (pi_read(&jobs[i].patch, j->object)) {
      rc = HCC_EXIT_FAIL;
      goto out;
    }
    jobs[i].have_patch = 1;
    changes += pi_changes(&jobs[i].patch);
  }
  clock_gettime(CLOCK_MONOTONIC, &s->compile_end);
  if (!changes) {
    /* The process already runs code equal to these sources. */
    record_units(s, jobs, n);
    save_state(s, &s->state, s->generation);
    if (s->o->verbose) print_verbose(jobs, n);
    no_change(s);
    goto out;
  }
  if ((rc = link_patch(s->prog.db_dir, dir, jobs, n, so)) != 0) goto out;
  clock_gettime(CLOCK_MONOTONIC, &s->link_end);
  if (superseded(s)) {
    rc = PB_SUPERSEDED;
    goto out;
  }
  rc = apply(s, so, jobs, n);
out:
  free_jobs(jobs, n);
  free(baseline);
  free(so);
  free(dir);
  return rc;
}

/* See patch_build.h. */
int pb_patch(const struct pb_target *t, const struct pb_options *o, struct hu_vec *files) {
  struct hp_paths paths;
  if (hp_paths_find(&paths, HP_NEED_HEADER | HP_NEED_PLUGIN)) return HCC_EXIT_FAIL;
  int lock = pl_lock(t->pid, t->socket);
  struct session s;
  int rc = session_open(&s, t, o);
  if (rc == 0) rc = build_and_apply(&s, &paths);
  hp_paths_free(&paths);
  if (files) ts_all_files(&s.state, files);
  session_free(&s);
  pl_unlock(lock);
  return rc;
}

/* See patch_build.h. */
int pb_prepare(int verbose) {
  struct hp_paths paths;
  if (hp_paths_find(&paths, HP_NEED_PLUGIN)) return HCC_EXIT_FAIL;
  int rc = rs_load(&paths, hp_clang(), 1, verbose) < 0 ? HCC_EXIT_FAIL : HCC_EXIT_OK;
  hp_paths_free(&paths);
  return rc;
}

/* See patch_build.h. */
int pb_files(const struct pb_target *t, struct hu_vec *files) {
  struct pb_options o;
  memset(&o, 0, sizeof o);
  struct session s;
  int rc = session_open(&s, t, &o);
  if (rc == 0) ts_all_files(&s.state, files);
  session_free(&s);
  return rc;
}

/*
** patch_jobs.c: the parallel patch compiles (see patch_jobs.h).
*/
#define _GNU_SOURCE
#include "patch_jobs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "builddb.h"
#include "diag_filter.h"
#include "hotpatch_abi.h"
#include "patch_compile.h"
#include "resident.h"
#include "run_command.h"

/* See patch_jobs.h. */
int pj_any_dirty(struct ps_session *s) {
  ts_decide(&s->state); /* every distinct file stat'ed and hashed once */
  for (int i = 0; i < s->prog.tu_count; i++) {
    struct ts_tu *tu = ts_find(&s->state, s->prog.tus[i].module_id);
    if (tu && tu->dirty)
      return 1;
  }
  return 0;
}

/* HOTPATCH_SKIP_UNCHANGED=0 turns off skipping the optimisation of what
** cannot have changed (plugin/Closures.cpp): for comparison, or doubt. */
static int skip_unchanged(void) {
  return hu_env_switch("HOTPATCH_SKIP_UNCHANGED") != 0;
}

/* The plugin's patch-compile switches a variable turns off with 0
** (plugin/Closures.cpp): HOTPATCH_SKIP_AFTER_INLINER=0 optimises to the end
** the unchanged functions kept only to be inlined, HOTPATCH_SKIP_DROPPED=0
** optimises the static functions the build dropped,
** HOTPATCH_KEEP_UNAFFECTED=0 optimises again the functions whose callees
** changed but whose code holds no changed code, HOTPATCH_SKIP_PARSE=0 has
** the parser read every body (plugin/FrontendSkip.cpp).  The last two may
** make the plugin refuse with kind retry: the compile again goes without
** them. */
static const char *const switches[PC_SWITCHES][2] = {
    {"HOTPATCH_SKIP_AFTER_INLINER", "skip-after-inliner"},
    {"HOTPATCH_SKIP_DROPPED", "skip-dropped"},
    {"HOTPATCH_KEEP_UNAFFECTED", "keep-unaffected"},
    {"HOTPATCH_SKIP_PARSE", "skip-parse"}};
enum { FIRST_RETRY_SWITCH = 2, SKIP_PARSE_SWITCH = 3 };

/* Whether a file the unit includes changed, not only its source: the
** plugin decides which bodies to leave unparsed from the source's text
** alone, and would have to compile again (plugin/FrontendSkip.cpp). */
static int includes_changed(const struct ts_tu *tu) {
  if (tu->dirty_file != 0)
    return 1; /* a header was the first found dirty, or no files known */
  for (int i = 1; i < tu->count; i++)
    if (ts_file_dirty(&tu->files[i]))
      return 1;
  return 0;
}

/* Adds switch `k` to `off` (n entries) unless it is there; returns n. */
static int add_off(const char **off, int n, int k) {
  for (int i = 0; i < n; i++)
    if (off[i] == switches[k][1])
      return n;
  off[n++] = switches[k][1];
  off[n] = NULL;
  return n;
}

/* Fills `off` (PC_SWITCHES + 1 entries) for the unit `tu`; returns how
** many are off. */
static int switches_off(const char **off, const struct ts_tu *tu) {
  int n = 0;
  off[0] = NULL;
  for (int k = 0; k < PC_SWITCHES; k++)
    if (hu_env_switch(switches[k][0]) == 0 ||
        (k == SKIP_PARSE_SWITCH && includes_changed(tu)))
      n = add_off(off, n, k);
  return n;
}

/* See patch_jobs.h. */
int pj_plan(const struct ps_session *s, const char *dir, const char *baseline,
            const struct hp_paths *paths, struct pj_job **out) {
  struct pj_job *jobs =
      hu_xmalloc((size_t)(s->prog.tu_count + 1) * sizeof *jobs);
  int n = 0, bad = 0;
  for (int i = 0; i < s->prog.tu_count; i++) {
    const struct pd_compile *rec = &s->prog.tus[i];
    struct ts_tu *tu = ts_find(&s->state, rec->module_id);
    if (!tu || !tu->dirty)
      continue; /* as pj_any_dirty decided */
    /* Each unit with the compiler that built it (docs/design.md, "GCC"). */
    int gcc = ha_gcc_driver_name(rec->argv.items[0]);
    if (gcc && !hu_exists(paths->gcc_plugin)) {
      hu_error("%s was built by hcc-gcc, and the GCC plugin is missing (%s); "
               "reinstall hotpatch with gcc-12-plugin-dev",
               rec->module_id, paths->gcc_plugin);
      bad = 1;
      continue;
    }
    struct pj_job *j = &jobs[n];
    memset(j, 0, sizeof *j);
    j->rec = rec;
    j->status = -1;
    j->object = hu_xasprintf("%s/%d.o", dir, n);
    j->depfile = hu_xasprintf("%s/%d.d", dir, n);
    j->output = hu_xasprintf("%s/%d.out", dir, n);
    j->refusals = hu_xasprintf("%s/%d.refused", dir, n);
    j->closures = skip_unchanged() ? hb_closures_dir(rec->db_dir) : NULL;
    struct pc_job pc = {.rec = rec,
                        .baseline = baseline,
                        .target = rec->target,
                        .object = j->object,
                        .depfile = j->depfile,
                        .closures = j->closures,
                        .refusals = j->refusals,
                        .color = isatty(2)};
    int off = switches_off(pc.switches_off, tu);
    if (pc_command(&j->argv, gcc ? hp_gcc() : hp_clang(), paths, &pc) != 0) {
      hu_error(
          "the recorded compile of %s does not name the source (%s); rebuild the "
          "program with hcc",
          rec->module_id, rec->source);
      bad = 1;
    } else if (!gcc) {
      int n = off;
      for (int k = FIRST_RETRY_SWITCH; k < PC_SWITCHES; k++)
        n = add_off(pc.switches_off, n, k);
      if (n > off)
        pc_command(&j->retry_argv, hp_clang(), paths, &pc);
    }
    j->reason =
        tu->dirty_file >= 0 ? hu_xstrdup(tu->files[tu->dirty_file].path) : NULL;
    ts_snapshot(&j->snap, tu);
    n++;
  }
  *out = jobs;
  return bad ? -n - 1 : n;
}

static int job_count_limit(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

/* Start job j in the directory it was compiled in, its output captured;
** what keeps it from starting is said in its output, as clang would. */
static void start(struct pj_job *j, struct rcmd *c) {
  memset(c, 0, sizeof *c);
  c->argv = j->argv.items;
  c->dir = j->rec->cwd;
  c->output = j->output;
  c->in_process = rs_tool(j->argv.items);
  ts_now(&j->start);
  if (rcmd_start(c) == 0)
    return;
  j->status = 127;
  FILE *f = fopen(j->output, "a");
  if (!f)
    return;
  if (c->failed == RCMD_DIR)
    fprintf(
        f,
        "hcc: error: cannot enter %s (the directory the unit was compiled in): %s\n",
        j->rec->cwd, strerror(errno));
  else
    fprintf(f, "hcc: error: cannot run %s: %s; %s\n", j->argv.items[0],
            strerror(errno),
            ha_gcc_driver_name(j->rec->argv.items[0])
                ? "install gcc-12 or set HOTPATCH_GCC"
                : "install clang-19 or set HOTPATCH_CLANG");
  fclose(f);
}

static void finish(struct pj_job *j, struct rcmd *c) {
  if (c->pid > 0)
    j->status = rcmd_finish(c);
}

/* Run the `n` jobs of `run`, at most nproc at a time. */
static void run_jobs(struct pj_job **run, int n) {
  struct rcmd *children = hu_xmalloc((size_t)(n + 1) * sizeof *children);
  int limit = job_count_limit(), waited = 0;
  for (int i = 0; i < n; i++) {
    for (; i - waited >= limit; waited++)
      finish(run[waited], &children[waited]);
    start(run[i], &children[i]);
  }
  for (; waited < n; waited++)
    finish(run[waited], &children[waited]);
  free(children);
}

/* Says that job j's compiler died by a signal (status above 128), as a
** `severity` ("error", "warning"), and then `consequence`. */
static void report_killed(const struct pj_job *j, const char *severity,
                          const char *consequence) {
  fprintf(stderr,
          "hcc: %s: the compiler was killed by signal %d (%s) compiling %s%s\n",
          severity, j->status - 128, strsignal(j->status - 128), j->rec->source,
          consequence);
}

/* Why the plugin refused the job's compile with kind
** HOTPATCH_REFUSAL_RETRY (its message, allocated), or NULL when it did
** not. */
static char *retry_reason(const struct pj_job *j) {
  if (j->status == 0 || !j->retry_argv.count)
    return NULL;
  char *text = hu_read_file(j->refusals, NULL);
  const char *prefix = HOTPATCH_REFUSAL_RETRY " ";
  char *reason = NULL;
  for (char *cursor = text, *line;
       text && !reason && (line = hu_next_line(&cursor)) != NULL;)
    if (strncmp(line, prefix, strlen(prefix)) == 0)
      reason = hu_xstrdup(line + strlen(prefix));
  free(text);
  return reason;
}

/* See patch_jobs.h. */
void pj_run(struct pj_job *jobs, int n) {
  struct pj_job **run = hu_xmalloc((size_t)(n + 1) * sizeof *run);
  for (int i = 0; i < n; i++)
    run[i] = &jobs[i];
  run_jobs(run, n);
  int again = 0;
  for (int i = 0; i < n; i++) {
    struct pj_job *j = &jobs[i];
    j->retried = retry_reason(j);
    if (!j->retried)
      continue;
    /* The second compile makes the patch all the same; the crash, after
    ** the refusal, is a bug that must not go unseen. */
    if (j->status > 128)
      report_killed(j, "warning",
                    " after asking to be compiled again; compiled "
                    "again: a bug in clang or in the hotpatch plugin");
    hu_vec_free(&j->argv);
    j->argv = j->retry_argv;
    j->retry_argv = (struct hu_vec)HU_VEC_INIT;
    unlink(j->refusals);
    run[again++] = j;
  }
  run_jobs(run, again);
  free(run);
}

/* See patch_jobs.h. */
int pj_read_summaries(struct pj_job *jobs, int n) {
  for (int i = 0; i < n; i++)
    if (jobs[i].status == 0 && pi_read(&jobs[i].patch, jobs[i].object))
      return -1;
  return 0;
}

/* The job's compiler output: all of it with --verbose, else the errors and
** the warnings inside what the patch changes, and a count of the others.
** A gcc patch's summary has no lines of what it changes (the GCC plugin
** does not record them yet), so its warnings are all shown: counting them
** all would hide the ones of the changed functions too. */
static void show_output(const struct ps_session *s, const struct pj_job *j) {
  char *text = hu_read_file(j->output, NULL);
  if (!text)
    return;
  if (s->o->verbose || ha_gcc_driver_name(j->rec->argv.items[0])) {
    fputs(text, stderr);
  } else {
    struct hu_buf shown = HU_BUF_INIT;
    int hidden = df_filter(text, &j->patch.lines, &shown);
    if (shown.len)
      fputs(shown.data, stderr);
    if (hidden)
      fprintf(stderr, "hcc: %d more warning%s in %s (--verbose shows them)\n",
              hidden, hidden == 1 ? "" : "s",
              hu_relpath_inside(j->rec->source, s->prog.root));
    hu_buf_free(&shown);
  }
  free(text);
}

/* See patch_jobs.h. */
void pj_show(const struct ps_session *s, struct pj_job *jobs, int n) {
  for (int i = 0; i < n; i++) {
    show_output(s, &jobs[i]);
    char *refusals =
        jobs[i].status != 0 ? hu_read_file(jobs[i].refusals, NULL) : NULL;
    jobs[i].refused = refusals && *refusals;
    free(refusals);
    /* clang reports its own crashes and exits 1; a compile that died by a
    ** signal ran clang in the forked child of the resident toolchain,
    ** which has no crash handler to say anything. */
    if (jobs[i].status > 128 && !jobs[i].refused)
      report_killed(&jobs[i], "error",
                    ": a bug in clang or in the hotpatch plugin; "
                    "HOTPATCH_RESIDENT=0 hcc patch shows clang's crash report");
  }
  fflush(stderr);
}

/* See patch_jobs.h. */
int pj_read(struct pj_job *jobs, int n) {
  int changes = 0;
  for (int i = 0; i < n; i++) {
    struct pj_job *j = &jobs[i];
    ts_tu_after_compile(&j->after, &j->snap, j->rec->source, j->depfile,
                        j->rec->cwd, &j->start);
    changes += pi_changes(&j->patch);
  }
  return changes;
}

/* See patch_jobs.h. */
void pj_free(struct pj_job *jobs, int n) {
  for (int i = 0; i < n; i++) {
    ts_tu_free(&jobs[i].snap);
    ts_tu_free(&jobs[i].after);
    free(jobs[i].reason);
    free(jobs[i].object);
    free(jobs[i].depfile);
    free(jobs[i].output);
    free(jobs[i].refusals);
    free(jobs[i].closures);
    free(jobs[i].retried);
    hu_vec_free(&jobs[i].argv);
    hu_vec_free(&jobs[i].retry_argv);
    pi_free(&jobs[i].patch);
  }
  free(jobs);
}

/* See patch_jobs.h. */
void pj_keep_preambles(const struct ps_session *s, const struct pj_job *jobs,
                       int n) {
  for (int i = 0; i < n; i++) {
    if (jobs[i].status < 0)
      continue; /* never ran */
    int kept = rs_keep_preamble(jobs[i].rec->cwd, jobs[i].argv.items);
    if (s->o->verbose && kept >= 0)
      fprintf(stderr, "hcc: precompiled preamble of %s %s\n",
              hu_relpath_inside(jobs[i].rec->source, s->prog.root),
              kept ? "built" : "kept");
  }
}

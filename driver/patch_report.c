/*
** patch_report.c: the lines printed about one patch (see patch_report.h).
*/
#define _GNU_SOURCE
#include "patch_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "demangle.h"
#include "history.h"
#include "resident.h"
#include "status_line.h"

static const char *rel(const struct ps_session *s, const char *path) {
  return hu_relpath_inside(path, s->prog.root);
}

/* See patch_report.h. */
void pr_no_change(const struct ps_session *s) {
  if (s->o->show_pid)
    fprintf(stderr,
            "hcc: process %ld: no functional change (generation %lld)\n",
            (long)s->t->pid, s->generation);
  else
    fputs("hcc: no functional change\n", stderr);
}

/* See patch_report.h. */
int pr_compile_failures(const struct ps_session *s, const struct pj_job *jobs,
                        int n) {
  struct hu_buf broken = HU_BUF_INIT, refused = HU_BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (jobs[i].status == 0)
      continue;
    struct hu_buf *b = jobs[i].refused ? &refused : &broken;
    hu_buf_addf(b, "%s%s", b->len ? ", " : "", rel(s, jobs[i].rec->source));
  }
  int rc = 0;
  const char *not =
      s->o->dry_run ? "dry run: would not be patched" : "not patched";
  if (broken.len) {
    hu_error(
        "%s: %s did not compile; process %ld keeps running generation %lld",
        not, broken.data, (long)s->t->pid, s->generation);
    rc = HCC_EXIT_COMPILE;
  } else if (refused.len) {
    hu_error(
        "%s: the change to %s cannot be applied live (see above); process %ld keeps "
        "running generation %lld",
        not, refused.data, (long)s->t->pid, s->generation);
    rc = HCC_EXIT_REFUSED;
  }
  hu_buf_free(&broken);
  hu_buf_free(&refused);
  return rc;
}

/* "<prefix>  changed <id>" lines; a C++ id is followed by its readable
** form. */
static void add_entries(struct hu_buf *b, const char *prefix, const char *kind,
                        const struct hu_vec *ids) {
  for (int k = 0; k < ids->count; k++) {
    hu_buf_addf(b, "%s  %s ", prefix, kind);
    hd_add_id(b, ids->items[k], 1);
    hu_buf_addc(b, '\n');
  }
}

/* See patch_report.h. */
void pr_contents(const struct pj_job *jobs, int n) {
  struct hu_buf b = HU_BUF_INIT;
  for (int i = 0; i < n; i++) {
    const struct pi_patch *p = &jobs[i].patch;
    hu_buf_addf(&b, "hcc: module %s\n", p->module_id);
    add_entries(&b, "hcc:", "changed", &p->changed);
    add_entries(&b, "hcc:", "new", &p->added);
    add_entries(&b, "hcc:", "new-data", &p->added_data);
    add_entries(&b, "hcc:", "update", &p->updated);
  }
  if (b.len)
    fputs(b.data, stderr);
  hu_buf_free(&b);
}

#define DRY "hcc: dry run:"

/* See patch_report.h. */
void pr_dirty_units(const struct ps_session *s, const struct pj_job *jobs,
                    int n) {
  for (int i = 0; i < n; i++) {
    const char *source = rel(s, jobs[i].rec->source);
    if (!jobs[i].reason)
      fprintf(stderr, DRY " recompile %s: its files are not known yet\n",
              source);
    else if (!strcmp(jobs[i].reason, jobs[i].rec->source))
      fprintf(stderr, DRY " recompile %s: it changed\n", source);
    else
      fprintf(stderr, DRY " recompile %s: %s changed\n", source,
              rel(s, jobs[i].reason));
  }
  fflush(stderr);
}

/* See patch_report.h. */
void pr_dry_run(const struct ps_session *s, const struct pj_job *jobs, int n,
                int changes) {
  struct hu_buf b = HU_BUF_INIT;
  for (int i = 0; i < n; i++) {
    const struct pi_patch *p = &jobs[i].patch;
    hu_buf_addf(&b, DRY " %s:%s\n", rel(s, jobs[i].rec->source),
                pi_changes(p) ? "" : " no functional change");
    add_entries(&b, DRY, "changed", &p->changed);
    add_entries(&b, DRY, "new", &p->added);
    add_entries(&b, DRY, "removed", &p->removed);
    add_entries(&b, DRY, "new-data", &p->added_data);
    add_entries(&b, DRY, "update", &p->updated);
  }
  if (changes)
    hu_buf_addf(
        &b,
        DRY " would apply as generation %lld of process %ld; state kept: every "
            "existing global and static keeps its value (new ones start from "
            "their initialisers, updated constants get their new content)\n",
        s->generation + 1, (long)s->t->pid);
  else
    hu_buf_addf(&b,
                DRY " no functional change for process %ld (generation %lld)\n",
                (long)s->t->pid, s->generation);
  fputs(b.data, stderr);
  hu_buf_free(&b);
}

static double ms_between(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) * 1e3 +
         (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

/* See patch_report.h.  From the save (or the start of hcc patch) to now:
** what is not compile, link or apply is detect. */
void pr_times(const struct ps_session *s, struct pr_times *t) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  t->detect = ms_between(&s->o->t0, &s->compile_start);
  t->compile = ms_between(&s->compile_start, &s->compile_end);
  t->link = ms_between(&s->compile_end, &s->link_end);
  t->apply = ms_between(&s->link_end, &now);
  t->total = ms_between(&s->o->t0, &now);
}

/* What compiled and linked the patch: units built by hcc-gcc are always
** compiled by the gcc executable, the others by the resident clang when
** it is loaded (which also links). */
static const char *toolchain_words(int resident, int gcc_jobs, int n) {
  if (gcc_jobs == 0)
    return resident ? "resident clang and ld.lld"
                    : "clang and ld.lld executables";
  if (gcc_jobs == n)
    return resident ? "gcc executable, resident ld.lld"
                    : "gcc and ld.lld executables";
  return resident ? "resident clang and ld.lld, gcc executable"
                  : "clang, gcc and ld.lld executables";
}

/* See patch_report.h. */
void pr_stages(const struct ps_session *s, const struct pj_job *jobs, int n) {
  struct pr_times t;
  pr_times(s, &t);
  int skipped = 0, total = 0, after_inliner = 0, recorded = 0, no_ir = 0,
      not_parsed = 0, unaffected = 0, gcc_jobs = 0;
  for (int i = 0; i < n; i++) {
    skipped += jobs[i].patch.skipped;
    no_ir += jobs[i].patch.no_ir;
    not_parsed += jobs[i].patch.not_parsed;
    total += jobs[i].patch.total;
    after_inliner += jobs[i].patch.skipped_after_inliner;
    recorded += jobs[i].patch.recorded_bodies;
    unaffected += jobs[i].patch.unaffected;
    gcc_jobs += ha_gcc_driver_name(jobs[i].rec->argv.items[0]) != 0;
  }
  fprintf(
      stderr,
      "hcc: stages: detect %.1f ms, compile %.1f ms, link %.1f ms, apply %.1f ms "
      "(%s",
      t.detect, t.compile, t.link, t.apply,
      toolchain_words(s->resident, gcc_jobs, n));
  if (s->standby_jobs)
    fprintf(stderr, "; %u in %s", s->standby_jobs,
            rs_executable() ? "hotpatch-toolchain standbys"
                            : "standby children");
  if (s->mimalloc_jobs)
    fprintf(stderr, ", %u allocating with mimalloc", s->mimalloc_jobs);
  fputs(")\n", stderr);
  if (total)
    fprintf(stderr,
            "hcc: not optimised: %d of %d functions, the same as what runs\n",
            skipped, total);
  if (no_ir)
    fprintf(stderr,
            "hcc: no IR generated: %d of them, which the patch cannot need\n",
            no_ir);
  if (not_parsed)
    fprintf(stderr,
            "hcc: bodies not parsed: %d, which the patch cannot "
            "need either\n",
            not_parsed);
  if (after_inliner)
    fprintf(stderr,
            "hcc: not optimised after the inliner: %d kept only to be "
            "inlined, the same as what runs\n",
            after_inliner);
  if (recorded)
    fprintf(stderr,
            "hcc: not optimised at all: %d kept to be inlined, given their "
            "bodies after the inliner, recorded by the build\n",
            recorded);
  if (unaffected)
    fprintf(stderr,
            "hcc: kept as the build made them: %d of them, whose callees "
            "were edited but whose code holds no edited code\n",
            unaffected);
  for (int i = 0; i < n; i++)
    if (jobs[i].retried)
      fprintf(stderr,
              "hcc: compiled again, keeping nothing unaffected and parsing "
              "every body: %s: %s\n",
              rel(s, jobs[i].rec->source), jobs[i].retried);
}

/* See patch_report.h. */
void pr_about(const struct ps_session *s, const struct pj_job *jobs, int n,
              struct hh_about *about) {
  struct pr_times t;
  pr_times(s, &t);
  *about =
      (struct hh_about){s->o->by, HU_VEC_INIT, t.detect, t.compile, t.link, 0};
  for (int i = 0; i < n; i++)
    if (pi_changes(&jobs[i].patch))
      hu_vec_push(&about->files, rel(s, jobs[i].rec->source));
}

/* See patch_report.h. */
void pr_applied(const struct ps_session *s, const struct pj_job *jobs, int n) {
  struct sl_unit *units = hu_xmalloc((size_t)(n + 1) * sizeof *units);
  int count = 0;
  for (int i = 0; i < n; i++) {
    if (!pi_changes(&jobs[i].patch))
      continue;
    units[count].file = rel(s, jobs[i].rec->source);
    units[count].patch = &jobs[i].patch;
    count++;
  }
  struct pr_times t;
  pr_times(s, &t);
  char *line = sl_format(units, count, s->generation, (long long)t.total);
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
}

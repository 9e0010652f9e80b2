/*
** patch_share.c: one patch per group of processes running the same code
** (see patch_share.h).
*/
#define _GNU_SOURCE
#include "patch_share.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "patch_files.h"
#include "patch_json.h"
#include "patch_report.h"

/* See patch_share.h.  Exact text, not a hash of it: a collision would
** apply a patch built for other code. */
char *psh_key(const struct ps_session *s) {
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_addf(&b, "build %s\n", s->prog.program.build_id);
  for (int i = 0; i < s->prog.lib_count; i++)
    hu_buf_addf(&b, "library %s\n", s->prog.libs[i].build_id);
  hu_buf_addf(&b, "generation %lld\n", s->generation);
  char *state = ts_format(&s->state);
  hu_buf_adds(&b, state);
  free(state);
  hu_buf_adds(&b, s->registry);
  return hu_buf_detach(&b);
}

/* See patch_share.h. */
const struct psh_patch *psh_find(const struct pb_shared *sh, const char *key) {
  for (int i = 0; i < sh->count; i++)
    if (!strcmp(sh->items[i].key, key))
      return &sh->items[i];
  return NULL;
}

/* See patch_share.h. */
void psh_keep(struct pb_shared *sh, char *key, struct ps_session *s,
              const char *so, struct pj_job *jobs, int n) {
  sh->items =
      hu_xrealloc(sh->items, (size_t)(sh->count + 1) * sizeof *sh->items);
  sh->items[sh->count++] = (struct psh_patch){
      key, s->t->pid, so ? hu_xstrdup(so) : NULL, ts_format(&s->state), jobs,
      n,   s->prog};
  memset(&s->prog, 0, sizeof s->prog); /* closing the session frees none */
}

/* The group's patch file as this process's own attempt's patch.so: a hard
** link, so that it stays on disk (for debuggers and symbolizers, which open
** it by name) as long as this process's attempt directory does, whichever
** process exits first.  NULL when it cannot be linked. */
static char *link_patch(const struct ps_session *s, const struct psh_patch *p) {
  char *dir = pf_attempt_dir(s);
  if (!dir)
    return NULL;
  char *so = hu_xasprintf("%s/patch.so", dir);
  if (link(p->so, so) != 0) {
    if (s->o->verbose)
      fprintf(stderr, "hcc: note: cannot link %s to %s: %s; building its own\n",
              p->so, so, strerror(errno));
    rmdir(dir);
    free(so);
    so = NULL;
  }
  free(dir);
  return so;
}

/* Apply the group's patch.so; 0 or the exit code, or PSH_OWN. */
static int apply(struct ps_session *s, const struct psh_patch *p) {
  char *so = link_patch(s, p);
  if (!so)
    return PSH_OWN;
  struct hh_about about;
  pr_about(s, p->jobs, p->n, &about);
  int rc = ps_apply(s, so, &about);
  hu_vec_free(&about.files);
  free(so);
  if (rc != 0)
    return rc;
  s->outcome = "applied";
  if (s->o->verbose)
    pr_stages(s, p->jobs, p->n);
  pf_save_state_text(s, s->generation, p->state);
  if (s->o->verbose)
    pr_contents(p->jobs, p->n);
  pr_applied(s, p->jobs, p->n);
  return 0;
}

/* See patch_share.h. */
int psh_apply(struct ps_session *s, const struct psh_patch *p) {
  clock_gettime(CLOCK_MONOTONIC, &s->compile_start); /* nothing compiled */
  s->compile_end = s->link_end = s->compile_start;
  s->shared_from = p->pid;
  int rc = 0;
  if (s->o->verbose)
    fprintf(stderr,
            "hcc: process %ld: same build, generation and sources as process "
            "%ld: its patch, no compile\n",
            (long)s->t->pid, (long)p->pid);
  if (p->so) {
    rc = apply(s, p);
    if (rc == PSH_OWN)
      return rc;
  } else { /* the group already runs what the files say */
    s->outcome = "no-change";
    pf_save_state_text(s, s->generation, p->state);
    pr_no_change(s);
  }
  if (s->o->json)
    pjs_result(s, p->jobs, p->n, rc);
  return rc;
}

/* See patch_share.h. */
void psh_free(struct pb_shared *sh) {
  for (int i = 0; i < sh->count; i++) {
    free(sh->items[i].key);
    free(sh->items[i].so);
    free(sh->items[i].state);
    pj_free(sh->items[i].jobs, sh->items[i].n);
    pd_free(&sh->items[i].prog);
  }
  free(sh->items);
  memset(sh, 0, sizeof *sh);
}

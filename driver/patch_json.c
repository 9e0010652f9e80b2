/*
** patch_json.c: the --json events of one patch (see patch_json.h).
*/
#define _GNU_SOURCE
#include "patch_json.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "patch_report.h"

static const char *rel(const struct ps_session *s, const char *path) {
  return s->prog.root ? hu_relpath_inside(path, s->prog.root) : path;
}

/* See patch_json.h. */
void pjs_build(const struct ps_session *s, const struct pj_job *jobs, int n) {
  struct hj j = HJ_INIT;
  hj_object(&j, NULL);
  hj_str(&j, "event", "build");
  hj_int(&j, "pid", s->t->pid);
  hj_int(&j, "generation", s->generation);
  hj_array(&j, "units");
  for (int i = 0; i < n; i++) {
    hj_object(&j, NULL);
    hj_str(&j, "file", rel(s, jobs[i].rec->source));
    hj_str(&j, "changed_file", jobs[i].reason ? rel(s, jobs[i].reason) : NULL);
    hj_end(&j);
  }
  hj_end(&j);
  hj_end(&j);
  hj_print(&j, stdout);
}

static const char *result_word(const struct ps_session *s, int rc) {
  switch (rc) {
  case HCC_EXIT_OK: return s->outcome ? s->outcome : "no-change";
  case HCC_EXIT_COMPILE: return "compile-error";
  case HCC_EXIT_REFUSED: return "refused";
  case HCC_EXIT_NO_PROCESS: return "no-process";
  default: return "failed";
  }
}

/* What each compiled unit's patch contains. */
static void units(struct hj *j, const struct ps_session *s,
                  const struct pj_job *jobs, int n) {
  hj_array(j, "units");
  for (int i = 0; i < n; i++) {
    const struct pi_patch *p = &jobs[i].patch;
    if (!p->module_id)
      continue; /* not compiled */
    hj_object(j, NULL);
    hj_str(j, "file", rel(s, jobs[i].rec->source));
    hj_str(j, "module", p->module_id);
    hj_strings(j, "changed", &p->changed);
    hj_strings(j, "new", &p->added);
    hj_strings(j, "new_data", &p->added_data);
    hj_strings(j, "constants", &p->updated);
    hj_strings(j, "removed", &p->removed);
    hj_end(j);
  }
  hj_end(j);
}

/* The units that did not compile, and the plugin's refusals ("<kind>
** <message>" lines, hotpatch_abi.h). */
static void failures(struct hj *j, const struct ps_session *s,
                     const struct pj_job *jobs, int n) {
  hj_array(j, "compile_errors");
  for (int i = 0; i < n; i++)
    if (jobs[i].status != 0 && !jobs[i].refused)
      hj_str(j, NULL, rel(s, jobs[i].rec->source));
  hj_end(j);
  hj_array(j, "refusals");
  for (int i = 0; i < n; i++) {
    char *text = jobs[i].refused ? hu_read_file(jobs[i].refusals, NULL) : NULL;
    char *cursor = text, *line;
    while (text && (line = hu_next_line(&cursor)) != NULL) {
      size_t kind = strcspn(line, " ");
      hj_object(j, NULL);
      hj_str(j, "file", rel(s, jobs[i].rec->source));
      if (line[kind])
        line[kind++] = '\0';
      hj_str(j, "kind", line);
      hj_str(j, "message", line + kind);
      hj_end(j);
    }
    free(text);
  }
  hj_end(j);
}

/* See patch_json.h. */
void pjs_result(struct ps_session *s, const struct pj_job *jobs, int n,
                int rc) {
  struct pr_times t;
  pr_times(s, &t);
  struct hj j = HJ_INIT;
  hj_object(&j, NULL);
  hj_str(&j, "event", "patch");
  hj_int(&j, "pid", s->t->pid);
  hj_str(&j, "result", result_word(s, rc));
  hj_int(&j, "exit", rc);
  if (s->said_hello)
    hj_int(&j, "generation", s->generation);
  else
    hj_str(&j, "generation", NULL);
  if (s->outcome && !strcmp(s->outcome, "dry-run"))
    hj_bool(&j, "would_apply", s->changes > 0);
  hj_num(&j, "ms", t.total);
  hj_int(&j, "compiles", s->compiles);
  if (s->shared_from)
    hj_int(&j, "shared_from", s->shared_from);
  else
    hj_str(&j, "shared_from", NULL);
  if (s->outcome && !strcmp(s->outcome, "applied")) {
    hj_object(&j, "stages_ms");
    hj_num(&j, "detect", t.detect);
    hj_num(&j, "compile", t.compile);
    hj_num(&j, "link", t.link);
    hj_num(&j, "apply", t.apply);
    hj_end(&j);
  }
  units(&j, s, jobs, n);
  failures(&j, s, jobs, n);
  hj_str(&j, "error", rc ? hu_last_error() : NULL);
  hj_end(&j);
  hj_print(&j, stdout);
  s->reported = 1;
}

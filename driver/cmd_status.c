/*
** cmd_status.c: `hcc status [--pid PID] [--verbose] [--history] [--json]
** [PROGRAM]`: one line per process (one, or every live socket of the
** user):
**
**   <pid> generation=<n> modules=<n> functions=<n> <executable>
**
** with --verbose the applied patches under it ("  patch <gen> <path>"),
** with --history every patch the process ever applied, reverted ones too
** (its runtime keeps them: history.h), and with --json one JSON object
** per process instead (schema in docs/hcc.md).
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "control_client.h"
#include "demangle.h"
#include "hcc.h"
#include "history.h"
#include "json.h"
#include "process_lookup.h"
#include "util.h"

/* ================================================================ asking */

/* The answer to `request`, or NULL after a message (rc set). */
static char *ask(const struct pl_proc *p, const char *request, int *rc) {
  char *answer;
  int err;
  enum cc_status st = cc_request(p->socket, request, 10000, &answer, &err);
  if (st == CC_OK)
    return answer;
  if (st == CC_REFUSED)
    *rc = hu_error("process %ld: %s", (long)p->pid, strtok(answer, "\n"));
  else
    *rc = pl_no_answer(p, request, err);
  free(answer);
  return NULL;
}

/* The process's history, or -1 after a message (rc set).  A runtime
** before control version 2 keeps none. */
static int ask_history(const struct pl_proc *p, struct hh_history *h, int *rc) {
  char *answer = ask(p, "hello", rc);
  if (!answer)
    return -1;
  long long control = cc_answer_number(answer, "control");
  free(answer);
  if (control < 2) {
    *rc = hu_error(
        "process %ld runs a hotpatch runtime older than this hcc, which keeps no "
        "history; rebuild the program with this hcc and restart it",
        (long)p->pid);
    return -1;
  }
  answer = ask(p, "history", rc);
  if (!answer)
    return -1;
  int bad = hh_parse(answer, h);
  free(answer);
  if (bad)
    *rc = hu_error(
        "process %ld gave a malformed answer to 'history'; is its runtime older "
        "than this hcc?",
        (long)p->pid);
  return bad ? -1 : 0;
}

/* The lines after the first of an answer: "patch <gen> <path>". */
static const char *next_line(const char *text) {
  const char *nl = strchr(text, '\n');
  return nl && nl[1] ? nl + 1 : NULL;
}

/* ============================================================ for people */

/* "2026-12-02 11:40:01" in local time. */
static void add_time(struct hu_buf *b, double epoch) {
  time_t t = (time_t)epoch;
  struct tm tm;
  char text[64];
  if (localtime_r(&t, &tm) &&
      strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm))
    hu_buf_adds(b, text);
  else
    hu_buf_addf(b, "%.0f", epoch);
}

/* "\n    <label>: a, b" with the names without their module prefix
** ("<module-id>:"): a C or mangled name never holds a ':', a module id
** may.  Nothing when there are none. */
static void add_names(struct hu_buf *b, const char *label,
                      const struct hu_vec *ids) {
  for (int i = 0; i < ids->count; i++) {
    const char *colon = strrchr(ids->items[i], ':');
    hu_buf_addf(b, i ? ", " : "\n    %s: ", label);
    hd_add_id(b, colon ? colon + 1 : ids->items[i], 0);
  }
}

static void add_ms(struct hu_buf *b, const char *stage, double ms, int *first) {
  if (ms < 0)
    return;
  hu_buf_addf(b, "%s%s %.1f ms", *first ? "" : ", ", stage, ms);
  *first = 0;
}

/* One patch of --history, e.g.
**
**   patch 2: generation 2, 2026-12-02 11:40:01, by hcc run; reverted by
**            request at 2026-12-02 11:41:00         (one line)
**     files: main.c
**     changed: step
**     new: helper, helper.calls
**     stages: detect 2.0 ms, compile 80.1 ms, link 9.3 ms, apply 0.4 ms
*/
static void add_patch(struct hu_buf *b, const struct hh_patch *p) {
  hu_buf_addf(b, "  patch %lld: generation %lld, ", p->serial, p->generation);
  add_time(b, p->applied);
  if (p->about.by)
    hu_buf_addf(b, ", by hcc %s", p->about.by);
  if (strcmp(p->reverted, "no") != 0) {
    hu_buf_addf(b, "; reverted %s at ",
                !strcmp(p->reverted, "fault") ? "after a fault" : "by request");
    add_time(b, p->reverted_at);
  }
  hu_buf_adds(b, "\n    files: ");
  for (int i = 0; i < p->about.files.count; i++)
    hu_buf_addf(b, "%s%s", i ? ", " : "", p->about.files.items[i]);
  if (p->about.more_files)
    hu_buf_addf(b, " and %d more", p->about.more_files);
  if (!p->about.files.count && !p->about.more_files)
    hu_buf_adds(b, "(not known)");
  add_names(b, "changed", &p->changed);
  add_names(b, "new", &p->added);
  hu_buf_adds(b, "\n    stages: ");
  int first = 1;
  add_ms(b, "detect", p->about.detect_ms, &first);
  add_ms(b, "compile", p->about.compile_ms, &first);
  add_ms(b, "link", p->about.link_ms, &first);
  add_ms(b, "apply", p->apply_ms, &first);
  hu_buf_addf(b, "\n    patch file: %s\n", p->path);
}

static int show_text(const struct pl_proc *p, const struct pl_args *a) {
  int rc = 0;
  char *answer = ask(p, "status", &rc);
  if (!answer)
    return rc;
  struct hh_history h = {0};
  if (a->history && ask_history(p, &h, &rc) != 0) {
    free(answer);
    return rc;
  }
  struct hu_buf b = HU_BUF_INIT;
  char *exe = pl_exe(p->pid);
  const char *first = answer + 2;
  first += strspn(first, " ");
  hu_buf_addf(&b, "%ld %.*s %s\n", (long)p->pid, (int)strcspn(first, "\n"),
              first, exe ? exe : "?");
  free(exe);
  if (a->verbose && !a->history)
    for (const char *line = next_line(answer); line; line = next_line(line))
      hu_buf_addf(&b, "  %.*s\n", (int)strcspn(line, "\n"), line);
  if (a->history && h.total > h.count)
    hu_buf_addf(&b, "  (%lld older patches are no longer kept)\n",
                h.total - h.count);
  for (int i = 0; i < h.count; i++)
    add_patch(&b, &h.patches[i]);
  fputs(b.data, stdout);
  hu_buf_free(&b);
  hh_free(&h);
  free(answer);
  return 0;
}

/* ============================================================== for tools */

static void json_ms(struct hj *j, const char *key, double ms) {
  if (ms >= 0)
    hj_num(j, key, ms);
  else
    hj_str(j, key, NULL);
}

static void json_patch(struct hj *j, const struct hh_patch *p) {
  hj_object(j, NULL);
  hj_int(j, "serial", p->serial);
  hj_int(j, "generation", p->generation);
  hj_num(j, "applied", p->applied);
  hj_str(j, "reverted", p->reverted);
  if (p->reverted_at > 0)
    hj_num(j, "reverted_at", p->reverted_at);
  else
    hj_str(j, "reverted_at", NULL);
  hj_str(j, "path", p->path);
  hj_str(j, "by", p->about.by);
  hj_strings(j, "files", &p->about.files);
  hj_int(j, "more_files", p->about.more_files);
  hj_object(j, "stages_ms");
  json_ms(j, "detect", p->about.detect_ms);
  json_ms(j, "compile", p->about.compile_ms);
  json_ms(j, "link", p->about.link_ms);
  json_ms(j, "apply", p->apply_ms);
  hj_end(j);
  hj_strings(j, "changed", &p->changed);
  hj_strings(j, "new", &p->added);
  hj_end(j);
}

static int show_json(const struct pl_proc *p, const struct pl_args *a) {
  int rc = 0;
  struct hh_history h = {0};
  char *answer = ask(p, "status", &rc);
  if (answer && a->history && ask_history(p, &h, &rc) != 0) {
    free(answer);
    answer = NULL;
  }
  struct hj j = HJ_INIT;
  hj_object(&j, NULL);
  hj_int(&j, "pid", p->pid);
  char *exe = pl_exe(p->pid);
  hj_str(&j, "program", exe);
  free(exe);
  if (answer) {
    hj_int(&j, "generation", cc_answer_number(answer, "generation"));
    hj_int(&j, "modules", cc_answer_number(answer, "modules"));
    hj_int(&j, "functions", cc_answer_number(answer, "functions"));
    hj_array(&j, "applied");
    for (const char *line = next_line(answer); line; line = next_line(line)) {
      char *copy = hu_xstrndup(line, strcspn(line, "\n"));
      char *path = strchr(copy + strlen("patch "), ' ');
      hj_object(&j, NULL);
      hj_int(&j, "generation", strtoll(copy + strlen("patch "), NULL, 10));
      hj_str(&j, "path", path ? path + 1 : NULL);
      hj_end(&j);
      free(copy);
    }
    hj_end(&j);
    if (a->history) {
      hj_int(&j, "patches_total", h.total);
      hj_array(&j, "history");
      for (int i = 0; i < h.count; i++)
        json_patch(&j, &h.patches[i]);
      hj_end(&j);
    }
  } else {
    hj_str(&j, "error", hu_last_error());
  }
  hj_end(&j);
  hj_print(&j, stdout);
  hh_free(&h);
  free(answer);
  return rc;
}

/* See hcc.h. */
int cmd_status(int argc, char **argv) {
  struct pl_targets t;
  int rc = pl_targets(&t, "status", argc, argv, 1);
  if (rc)
    return rc;
  for (int i = 0; i < t.count; i++) {
    int r = t.args.json ? show_json(&t.procs[i], &t.args)
                        : show_text(&t.procs[i], &t.args);
    if (r && !rc)
      rc = r;
  }
  fflush(stdout);
  pl_free(t.procs, t.count);
  return rc;
}

/*
** patch_session.c: the control requests of one patch (see
** patch_session.h).
*/
#define _GNU_SOURCE
#include "patch_session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hotpatch_control.h"
#include "patch_files.h"
#include "patch_info.h"
#include "process_lookup.h"

enum {
  HELLO_TIMEOUT_MS = 5000,
  REGISTRY_TIMEOUT_MS = 20000,
  APPLY_TIMEOUT_MS = 120000
};

/* Report a request that got no answer; returns the exit code. */
static int lost(const struct ps_session *s, const char *request,
                enum cc_status st, int err) {
  pid_t pid = s->t->pid;
  if (!pl_alive(pid)) {
    if (s->said_hello)
      hu_error("process %ld exited during the patch; nothing is left to patch",
               (long)pid);
    else
      hu_error("no process %ld (it exited)", (long)pid);
    return HCC_EXIT_NO_PROCESS;
  }
  if (st == CC_NO_PEER) {
    hu_error("process %ld does not listen on its hotpatch socket %s: %s",
             (long)pid, s->t->socket, strerror(err));
    return HCC_EXIT_NO_PROCESS;
  }
  return hu_error("process %ld gave no valid answer to '%s' on %s: %s",
                  (long)pid, request, s->t->socket, strerror(err));
}

/* Send a request that must succeed; 0 with *answer, or the exit code. */
static int ask(struct ps_session *s, const char *request, int timeout_ms,
               char **answer) {
  int err;
  enum cc_status st =
      cc_request(s->t->socket, request, timeout_ms, answer, &err);
  if (st == CC_OK)
    return 0;
  if (st == CC_REFUSED) {
    int rc = hu_error("process %ld answered '%s' with: %s", (long)s->t->pid,
                      request, strtok(*answer, "\n"));
    free(*answer);
    *answer = NULL;
    return rc;
  }
  free(*answer);
  *answer = NULL;
  return lost(s, request, st, err);
}

/* The program the process runs, and the shared objects it mapped that
** were built into the same database (linked or dlopen'ed).  Returns an
** exit code. */
static int identify_program(struct ps_session *s) {
  pid_t pid = s->t->pid;
  char *exe = hu_xasprintf("/proc/%ld/exe", (long)pid);
  char *name = pl_exe(pid);
  char *shown = hu_xasprintf("process %ld (%s)", (long)pid, name ? name : "?");
  int rc = pd_identify(&s->prog, exe, shown);
  free(exe);
  free(name);
  free(shown);
  if (rc)
    return pl_alive(pid) ? HCC_EXIT_FAIL : lost(s, "hello", CC_BROKEN, ESRCH);
  struct hu_vec mapped = HU_VEC_INIT;
  pl_mapped_files(pid, &mapped);
  for (int i = 0; i < mapped.count; i++)
    pd_add_library(&s->prog, mapped.items[i]);
  hu_vec_free(&mapped);
  struct hu_vec missing = HU_VEC_INIT;
  if (pd_load(&s->prog, &s->module_ids, &missing)) {
    hu_vec_free(&missing);
    return HCC_EXIT_FAIL;
  }
  if (s->o && s->o->verbose) {
    for (int i = 0; i < missing.count; i++)
      fprintf(
          stderr,
          "hcc: note: module %s has no compile record in %s; it is not watched\n",
          missing.items[i], s->prog.db_dir);
    for (int i = 0; i < s->prog.tu_count; i++)
      if (s->prog.tus[i].carried)
        fprintf(
            stderr,
            "hcc: note: module %s has no compile record in %s; it is rebuilt "
            "from the compile its object carries\n",
            s->prog.tus[i].module_id, s->prog.db_dir);
  }
  hu_vec_free(&missing);
  return 0;
}

/* See patch_session.h. */
int ps_open(struct ps_session *s, const struct pb_target *t,
            const struct pb_options *o) {
  memset(s, 0, sizeof *s);
  s->t = t;
  s->o = o;
  s->ticks = pl_start_time(t->pid);
  char *answer;
  int rc = ask(s, "hello", HELLO_TIMEOUT_MS, &answer);
  if (rc)
    return rc;
  s->said_hello = 1;
  s->generation = cc_answer_number(answer, "generation");
  s->control = cc_answer_number(answer, "control");
  free(answer);
  if (s->generation < 0)
    return hu_error("process %ld: malformed answer to hello (no generation=)",
                    (long)t->pid);
  if ((rc = ask(s, "registry", REGISTRY_TIMEOUT_MS, &answer)) != 0)
    return rc;
  const char *nl = answer ? strchr(answer, '\n') : NULL;
  s->registry = hu_xstrdup(nl ? nl + 1 : "");
  free(answer);
  pi_module_ids(s->registry, strlen(s->registry), &s->module_ids);
  if ((rc = identify_program(s)) != 0)
    return rc;
  pf_load_state(s);
  return 0;
}

/* See patch_session.h. */
void ps_close(struct ps_session *s) {
  free(s->registry);
  hu_vec_free(&s->module_ids);
  pd_free(&s->prog);
  free(s->live_dir);
  ts_free(&s->state);
}

/* See patch_session.h. */
int ps_apply(struct ps_session *s, const char *so,
             const struct hh_about *about) {
  /* the words and the path fit in one request line; a process with an
  ** older runtime would take the words for the path */
  size_t used = strlen("apply  \n") + strlen(so);
  size_t room = used < HOTPATCH_CONTROL_MAX_REQUEST
                    ? HOTPATCH_CONTROL_MAX_REQUEST - used
                    : 0;
  char *words = s->control >= 2 ? hh_about_words(about, room) : NULL;
  char *request = words ? hu_xasprintf("apply %s %s", words, so)
                        : hu_xasprintf("apply %s", so);
  free(words);
  char *answer;
  int err;
  enum cc_status st =
      cc_request(s->t->socket, request, APPLY_TIMEOUT_MS, &answer, &err);
  free(request);
  if (st == CC_REFUSED) {
    char *msg = answer + 5;
    msg += strspn(msg, " ");
    msg[strcspn(msg, "\n")] = '\0';
    int rc = hu_error(
        "process %ld refused the patch: %s; it keeps running generation %lld",
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
  s->generation = generation < 0 ? s->generation + 1 : generation;
  return 0;
}

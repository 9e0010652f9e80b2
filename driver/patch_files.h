/*
** patch_files.h: where the files of a process's patches live, in the
** program's build database directory:
**
**   live/<pid>-<start ticks>/gen-<n>.state      what each generation runs
**                                               (tu_state.h)
**   patches/<pid>-<start ticks>/<seq>/          one attempt: the baseline,
**                                               objects, dependency files,
**                                               compiler output, refusals
**                                               and patch.so (kept: the
**                                               process maps patch.so)
**
** Both are removed once their process is gone (checked by pid and start
** time, so a reused pid is not mistaken for it).
*/
#ifndef HCC_PATCH_FILES_H
#define HCC_PATCH_FILES_H

#include "patch_session.h"

/* s->live_dir and s->state: the state of the running generation, saved by
** an earlier patch, else what the build left; units the state lacks come
** from the build. */
void pf_load_state(struct ps_session *s);

/* Save s->state as the state of `generation`; a failure costs only
** recompiles later, so it is a warning. */
void pf_save_state(const struct ps_session *s, long long generation);

/* The same with the state given in its text form (ts_format): the state
** another process's patch left, when this process got the same patch
** (patch_share.h). */
void pf_save_state_text(const struct ps_session *s, long long generation,
                        const char *text);

/* A new attempt directory; NULL after an error.  Caller frees. */
char *pf_attempt_dir(const struct ps_session *s);

#endif /* HCC_PATCH_FILES_H */

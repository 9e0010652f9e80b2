/*
** patch_json.h: the --json events of one patch (hcc patch --json, hcc run
** --json), each one line on stdout (schemas in docs/hcc.md):
**
**   {"event":"build",...}   the units about to be recompiled, and why
**   {"event":"patch",...}   the result: applied, no-change, dry-run,
**                           compile-error, refused, no-process, failed
*/
#ifndef HCC_PATCH_JSON_H
#define HCC_PATCH_JSON_H

#include "patch_jobs.h"

/* The build event: jobs[0..n) are about to be compiled. */
void pjs_build(const struct ps_session *s, const struct pj_job *jobs, int n);

/* The patch event of a patch that ended with exit code `rc`; jobs may be
** NULL (nothing was compiled).  Marks the session reported. */
void pjs_result(struct ps_session *s, const struct pj_job *jobs, int n, int rc);

#endif /* HCC_PATCH_JSON_H */

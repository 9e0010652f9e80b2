/*
** patch_report.h: what hcc patch and hcc run print about one patch: the
** final line (status line, "no functional change", or why it was not
** patched) and, with --verbose, the stages and each module's contents.
*/
#ifndef HCC_PATCH_REPORT_H
#define HCC_PATCH_REPORT_H

#include "history.h"
#include "patch_jobs.h"

/* "hcc: no functional change". */
void pr_no_change(const struct ps_session *s);

/* Report failed compiles: any that did not compile is exit 3, else any the
** plugin refused is exit 4 (a dry run says "would not be patched").  Returns
*that code, 0 when all compiled. */
int pr_compile_failures(const struct ps_session *s, const struct pj_job *jobs,
                        int n);

/* --dry-run, before the compiles: each unit to recompile and the file
** that made it dirty. */
void pr_dirty_units(const struct ps_session *s, const struct pj_job *jobs,
                    int n);

/* --dry-run, after the compiles (`changes`: pj_read's count): what each
** module's patch would change, add and remove, what state it keeps, and
** whether it would apply. */
void pr_dry_run(const struct ps_session *s, const struct pj_job *jobs, int n,
                int changes);

/* --verbose: each module's changed, new, new-data and update entries. */
void pr_contents(const struct pj_job *jobs, int n);

/* Where the time of a patch went, in milliseconds, up to now (apply:
** from the end of the link; valid once the patch was linked). */
struct pr_times {
  double detect, compile, link, apply, total;
};
void pr_times(const struct ps_session *s, struct pr_times *t);

/* What hcc tells the process about the patch for its history
** (history.h): the command, the files whose patch changes something, the
** stage times up to now.  Release with hu_vec_free(&about->files). */
void pr_about(const struct ps_session *s, const struct pj_job *jobs, int n,
              struct hh_about *about);

/* --verbose: where the time went, up to now. */
void pr_stages(const struct ps_session *s, const struct pj_job *jobs, int n);

/* The status line of the applied patch and its notes (status_line.h). */
void pr_applied(const struct ps_session *s, const struct pj_job *jobs, int n);

#endif /* HCC_PATCH_REPORT_H */

/*
** patch_share.h: `hcc patch --all` builds one patch per group of processes
** that run the same code, and applies that patch.so to each of them.
**
** Two processes are in one group when they run the same build (the
** build-ids of the program and of every library hcc linked), at the same
** generation, with the same registry (every module's function and data
** hashes: the baseline a patch is built against) and the same saved state
** (which files the running code was compiled from: what decides the dirty
** units).  The patch compiles read nothing else of a process, and a patch
** names what it imports by stable id, not by address (the runtime fills
** the imports), so the patch built for the first process of a group is the
** one each other process would have built.  Processes of a pre-forking
** server are one group until one of them is patched alone.
*/
#ifndef HCC_PATCH_SHARE_H
#define HCC_PATCH_SHARE_H

#include "patch_jobs.h"

/* One patch built for a group: what the other processes of it get. */
struct psh_patch {
  char *key;           /* the group (psh_key)                          */
  pid_t pid;           /* the process it was built for                 */
  char *so;            /* the applied patch.so; NULL: no functional change */
  char *state;         /* the state of the generation after it (ts_format) */
  struct pj_job *jobs; /* its compiles, for the reports                */
  int n;
  /* The program database the jobs' compile records point into, moved
  ** from the session that built the patch (which closes before the
  ** others report). */
  struct pd_program prog;
};

/* The patches of one `hcc patch --all`. */
struct pb_shared {
  struct psh_patch *items;
  int count;
  int builds;   /* patches built (compiles run for some group)          */
  int compiles; /* translation units compiled, over all the builds      */
};

/* The group of the open session; caller frees. */
char *psh_key(const struct ps_session *s);

/* The patch built for group `key`, or NULL. */
const struct psh_patch *psh_find(const struct pb_shared *sh, const char *key);

/* Remember the patch just built for group `key` by session `s` (applied
** as `so`, or NULL for no functional change): `key`, `jobs` and the
** session's program database are moved in. */
void psh_keep(struct pb_shared *sh, char *key, struct ps_session *s,
              const char *so, struct pj_job *jobs, int n);

/* psh_apply's answer when the shared patch file cannot be given to this
** process (it cannot be linked into its attempt directory): build its own. */
#define PSH_OWN (-3)

/* Apply patch `p` of the session's group to the session's process, save
** the state it leaves and report it as pb_patch would (status line,
** --verbose, --json).  Returns the exit code, or PSH_OWN. */
int psh_apply(struct ps_session *s, const struct psh_patch *p);

void psh_free(struct pb_shared *sh);

#endif /* HCC_PATCH_SHARE_H */

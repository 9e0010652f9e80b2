/*
** patch_files.c: live states and attempt directories (see patch_files.h).
*/
#define _GNU_SOURCE
#include "patch_files.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "process_lookup.h"

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  remove(path);
  return 0;
}

/* Remove <parent>/<pid>-<ticks> entries whose process is gone. */
static void remove_dead(const char *parent) {
  DIR *dir = opendir(parent);
  if (!dir)
    return;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    long pid;
    long long ticks;
    char tail;
    if (sscanf(e->d_name, "%ld-%lld%c", &pid, &ticks, &tail) != 2)
      continue;
    if (pl_alive((pid_t)pid) && pl_start_time((pid_t)pid) == ticks)
      continue;
    char *path = hu_xasprintf("%s/%s", parent, e->d_name);
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(path);
  }
  closedir(dir);
}

/* <db>/<kind>/<pid>-<ticks>, after removing the entries of dead processes
** beside it.  Caller frees. */
static char *process_dir(const struct ps_session *s, const char *kind) {
  char *parent = hu_xasprintf("%s/%s", s->prog.db_dir, kind);
  remove_dead(parent);
  char *mine = hu_xasprintf("%s/%ld-%lld", parent, (long)s->t->pid, s->ticks);
  free(parent);
  return mine;
}

static char *state_path(const struct ps_session *s, long long generation) {
  return hu_xasprintf("%s/gen-%lld.state", s->live_dir, generation);
}

/* See patch_files.h. */
void pf_load_state(struct ps_session *s) {
  s->live_dir = process_dir(s, "live");
  char *path = state_path(s, s->generation);
  if (ts_load(&s->state, path) != 0)
    memset(&s->state, 0, sizeof s->state);
  free(path);
  for (int i = 0; i < s->prog.tu_count; i++) {
    const struct pd_compile *c = &s->prog.tus[i];
    if (ts_find(&s->state, c->module_id))
      continue;
    struct timespec start = {(time_t)c->start_sec, (long)c->start_nsec};
    struct ts_tu tu;
    ts_tu_from_build(&tu, c->module_id, c->source, c->depfile, c->cwd, &start,
                     c->start_known);
    ts_put(&s->state, &tu);
  }
}

/* See patch_files.h. */
void pf_save_state_text(const struct ps_session *s, long long generation,
                        const char *text) {
  char *path = state_path(s, generation);
  if (hu_make_dirs(s->live_dir) != 0 ||
      hu_write_file_atomic(path, text, strlen(text)) != 0)
    hu_warning("cannot save %s: %s; the next patch recompiles more than needed",
               path, strerror(errno));
  free(path);
}

/* See patch_files.h. */
void pf_save_state(const struct ps_session *s, long long generation) {
  char *text = ts_format(&s->state);
  pf_save_state_text(s, generation, text);
  free(text);
}

/* See patch_files.h. */
char *pf_attempt_dir(const struct ps_session *s) {
  char *mine = process_dir(s, "patches");
  if (hu_make_dirs(mine) != 0) {
    hu_error(
        "cannot create %s: %s; fix the permissions of the build database directory",
        mine, strerror(errno));
    free(mine);
    return NULL;
  }
  for (int seq = 1;; seq++) {
    char *dir = hu_xasprintf("%s/%d", mine, seq);
    if (mkdir(dir, 0777) == 0) {
      free(mine);
      return dir;
    }
    int err = errno;
    if (err != EEXIST) {
      hu_error("cannot create %s: %s", dir, strerror(err));
      free(dir);
      free(mine);
      return NULL;
    }
    free(dir);
  }
}

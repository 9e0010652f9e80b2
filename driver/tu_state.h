/*
** tu_state.h: which source files the code a process runs was compiled
** from, per translation unit, and the dirty decision.
**
** For every file a translation unit read (its source and every file in its
** dependency file) the state keeps one of:
**   hash   XXH3-64 of the contents that were compiled: the file is dirty
**          when its contents now differ (so an edit undone is clean again)
**   since  a compile start time (CLOCK_REALTIME_COARSE): the file is dirty
**          when its mtime is at or after it.  The kernel stamps mtimes
**          from the same coarse clock, so a save made after the compile
**          started always counts, even one made while it ran
**   dirty  nothing is known: always dirty
** A missing file is dirty.  Over-approximation only costs a recompile (the
** plugin diffs against the process's own hashes); missing a change would
** be a bug, so every doubt resolves to dirty.
**
** State files live at <db dir>/live/<pid>-<start ticks>/gen-<n>.state, one
** per generation of the process, so that a revert falls back to the state
** of the generation it returns to.
*/
#ifndef HCC_TU_STATE_H
#define HCC_TU_STATE_H

#include <stdint.h>
#include <time.h>

#include "util.h"

enum ts_kind { TS_HASH, TS_SINCE, TS_DIRTY };

struct ts_file {
  char *path; /* absolute */
  enum ts_kind kind;
  uint64_t hash;         /* TS_HASH  */
  struct timespec since; /* TS_SINCE */
};

struct ts_tu {
  char *module_id;
  struct ts_file *files; /* files[0] is the source */
  int count, cap;
  int dirty;      /* as ts_decide last found it */
  int dirty_file; /* ts_decide: index of the first dirty file, the
                  ** reason the unit is dirty; -1 when none (a unit
                  ** with no files is dirty for want of them) */
};

struct ts_state {
  struct ts_tu *tus;
  int count;
};

/* Contents hash of the file at `path`; 0 with *ok = 0 when unreadable. */
uint64_t ts_hash_file(const char *path, int *ok);

/* 1 if the file is dirty by the rules above. */
int ts_file_dirty(const struct ts_file *f);

/* 1 if any file of the unit is dirty, or the unit has no files. */
int ts_tu_dirty(const struct ts_tu *tu);

/* ts_tu_dirty of every unit into its `dirty` (and which file made it
** dirty into `dirty_file`), at once: each distinct file
** is stat'ed (and hashed) at most once however many units list it, which
** is what makes the decision fast for a program of hundreds of units that
** all include the same headers.  A save that lands during the decision
** may be missed by it, never by the state: the next patch sees it.
** Returns the number of dirty units. */
int ts_decide(struct ts_state *s);

/* The unit as the original build left it: the source and the files of
** `depfile` (relative names against `cwd`), all "since" `start` when
** `start_known`, else all "dirty".  An unreadable depfile adds a "dirty"
** entry, so the unit is rebuilt until a patch compile lists its files. */
void ts_tu_from_build(struct ts_tu *tu, const char *module_id,
                      const char *source, const char *depfile, const char *cwd,
                      const struct timespec *start, int start_known);

/* A snapshot taken just before a compile: the hashes of the unit's files
** now.  Files that cannot be read get no hash. */
void ts_snapshot(struct ts_tu *snap, const struct ts_tu *tu);

/* The unit after a compile that started at `start` and wrote `depfile`:
** each file gets its snapshot hash; a file not in the snapshot (a new
** #include) is hashed now if its mtime is before `start` (unchanged since
** the compile began), else marked dirty.  Returns 0, or -1 when the
** depfile cannot be read. */
int ts_tu_after_compile(struct ts_tu *out, const struct ts_tu *snap,
                        const char *source, const char *depfile,
                        const char *cwd, const struct timespec *start);

/* Find a unit by module id, or NULL. */
struct ts_tu *ts_find(const struct ts_state *s, const char *module_id);

/* Replace (or add) the unit with the same module id; `tu` is moved in. */
void ts_put(struct ts_state *s, struct ts_tu *tu);

/* Every distinct file of every unit appended to `files`. */
void ts_all_files(const struct ts_state *s, struct hu_vec *files);

/* Text form (one file, written atomically).  ts_load returns 0, or -1 when
** the file is missing or malformed (then the caller starts from the build).
** ts_format returns the text ts_save writes; caller frees. */
char *ts_format(const struct ts_state *s);
int ts_save(const struct ts_state *s, const char *path);
int ts_load(struct ts_state *s, const char *path);

void ts_tu_free(struct ts_tu *tu);
void ts_free(struct ts_state *s);

/* The current coarse real time, the clock mtimes are stamped with. */
void ts_now(struct timespec *t);

#endif /* HCC_TU_STATE_H */

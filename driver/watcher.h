/*
** watcher.h: noticing saves of a set of files with inotify.
**
** hcc watches the directories holding the files, not the files: editors
** that save by writing a temporary and renaming it over the original
** replace the inode, which a watch on the file itself would lose.  An
** event counts when it names a watched file and says its contents may now
** be complete and new: IN_CLOSE_WRITE (write, truncate-and-write),
** IN_MOVED_TO (rename-save), IN_CREATE (delete-and-recreate).  Deletions
** and renames away do not count: they are the first half of a save, and
** compiling then would report a missing file.  A watched directory that is
** itself deleted or moved (IN_DELETE_SELF, IN_MOVE_SELF) is dropped and
** re-added by hw_retry once it exists again.
*/
#ifndef HCC_WATCHER_H
#define HCC_WATCHER_H

#include "util.h"

struct hw_dir {
  int wd; /* -1 while the directory is missing */
  char *path;
};

struct hw_watcher {
  int fd; /* the inotify descriptor (poll it for input) */
  struct hw_dir *dirs;
  int dir_count;
  struct hu_vec files; /* absolute paths watched                    */
};

/* Create the inotify instance.  Returns 0, or 1 after an error. */
int hw_init(struct hw_watcher *w);

/* 1 if hcc leaves `path` unwatched: system files (/usr) and "". */
int hw_ignored(const char *path);

/* Watch exactly `files` (minus ignored ones) from now on; directories are
** added as needed.  Returns the number of files watched. */
int hw_set_files(struct hw_watcher *w, const struct hu_vec *files);

/* Re-add watches of directories that were missing.  Returns 1 when one
** came back (its files may have changed meanwhile). */
int hw_retry(struct hw_watcher *w);

/* 1 if some directory is missing (the caller should call hw_retry from
** time to time). */
int hw_missing(const struct hw_watcher *w);

/* What hw_read saw. */
enum hw_seen {
  HW_SAVED = 1,   /* some event counts as a save of a watched file      */
  HW_COMPLETE = 2 /* ...and the last one closed or renamed a file, so    */
                  /* that file is whole (after IN_CREATE it may not be)  */
};

/* Read the pending events (non-blocking).  Returns the hw_seen bits, 0
** if no event counts, -1 on a read error. */
int hw_read(struct hw_watcher *w);

void hw_close(struct hw_watcher *w);

#endif /* HCC_WATCHER_H */

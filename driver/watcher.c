/*
** watcher.c: inotify watches on the directories of the watched files
** (rules in watcher.h).
*/
#define _GNU_SOURCE
#include "watcher.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define DIR_MASK                                                               \
  (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF |  \
   IN_ONLYDIR)

/* See watcher.h. */
int hw_init(struct hw_watcher *w) {
  memset(w, 0, sizeof *w);
  w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (w->fd < 0)
    return hu_error("cannot watch files (inotify_init1): %s", strerror(errno));
  return 0;
}

/* See watcher.h. */
int hw_ignored(const char *path) {
  return path[0] != '/' || strncmp(path, "/usr/", 5) == 0;
}

static struct hw_dir *find_dir(struct hw_watcher *w, const char *path) {
  for (int i = 0; i < w->dir_count; i++)
    if (strcmp(w->dirs[i].path, path) == 0)
      return &w->dirs[i];
  return NULL;
}

static void add_dir(struct hw_watcher *w, const char *path) {
  if (find_dir(w, path))
    return;
  w->dirs = hu_xrealloc(w->dirs, (size_t)(w->dir_count + 1) * sizeof *w->dirs);
  struct hw_dir *d = &w->dirs[w->dir_count++];
  d->path = hu_xstrdup(path);
  d->wd = inotify_add_watch(w->fd, path, DIR_MASK);
}

/* See watcher.h. */
int hw_set_files(struct hw_watcher *w, const struct hu_vec *files) {
  hu_vec_free(&w->files);
  for (int i = 0; i < files->count; i++) {
    const char *f = files->items[i];
    if (hw_ignored(f))
      continue;
    hu_vec_push(&w->files, f);
    char *dir = hu_dirname(f);
    add_dir(w, dir);
    free(dir);
  }
  return w->files.count;
}

/* See watcher.h. */
int hw_missing(const struct hw_watcher *w) {
  for (int i = 0; i < w->dir_count; i++)
    if (w->dirs[i].wd < 0)
      return 1;
  return 0;
}

/* See watcher.h. */
int hw_retry(struct hw_watcher *w) {
  int back = 0;
  for (int i = 0; i < w->dir_count; i++) {
    if (w->dirs[i].wd >= 0)
      continue;
    w->dirs[i].wd = inotify_add_watch(w->fd, w->dirs[i].path, DIR_MASK);
    back |= w->dirs[i].wd >= 0;
  }
  return back;
}

static struct hw_dir *dir_of_wd(struct hw_watcher *w, int wd) {
  for (int i = 0; i < w->dir_count; i++)
    if (w->dirs[i].wd == wd)
      return &w->dirs[i];
  return NULL;
}

static int watched(const struct hw_watcher *w, const char *dir,
                   const char *name) {
  size_t dlen = strlen(dir);
  for (int i = 0; i < w->files.count; i++) {
    const char *f = w->files.items[i];
    if (strncmp(f, dir, dlen) == 0 && f[dlen] == '/' &&
        strcmp(f + dlen + 1, name) == 0)
      return 1;
  }
  return 0;
}

/* See watcher.h. */
int hw_read(struct hw_watcher *w) {
  char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
      __attribute__((aligned(__alignof__(struct inotify_event))));
  int saved = 0, last = 0;
  for (;;) {
    ssize_t n = read(w->fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && errno == EAGAIN)
      return saved ? saved | last : 0;
    if (n <= 0)
      return -1;
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *ev = (const struct inotify_event *)p;
      p += sizeof *ev + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) {
        saved = HW_SAVED; /* events were lost: assume the worst */
        last = 0;
        continue;
      }
      struct hw_dir *d = dir_of_wd(w, ev->wd);
      if (!d)
        continue;
      if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
        if (!(ev->mask & IN_IGNORED))
          inotify_rm_watch(w->fd, d->wd);
        d->wd = -1;
        continue;
      }
      if (ev->len && (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) &&
          watched(w, d->path, ev->name)) {
        saved = HW_SAVED;
        last = ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO) ? HW_COMPLETE : 0;
      }
    }
  }
}

/* See watcher.h. */
void hw_close(struct hw_watcher *w) {
  if (w->fd >= 0)
    close(w->fd);
  for (int i = 0; i < w->dir_count; i++)
    free(w->dirs[i].path);
  free(w->dirs);
  hu_vec_free(&w->files);
  memset(w, 0, sizeof *w);
  w->fd = -1;
}

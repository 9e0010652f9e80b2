/*
** journal.c: every patch applied to this process (see journal.h).
**
** A ring of the newest HPJ_KEEP entries, oldest at `first`.  Entries are
** allocated before the patch is committed (hpj_new), so adding one after
** the slots are published cannot fail.
*/
#define _POSIX_C_SOURCE 200809L
#include "journal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "grow.h"

struct hpj_entry {
  unsigned long serial;
  unsigned long generation;
  struct timespec applied, reverted; /* CLOCK_REALTIME               */
  long apply_us;
  enum hpj_state state;
  char *path;
  char *about; /* NULL: the client sent none  */
  const char **changed;
  size_t changed_count;
  const char **added;
  size_t added_count;
};

static struct {
  struct hpj_entry *ring[HPJ_KEEP];
  size_t first, count;
  unsigned long serials; /* patches ever added */
} journal;

/* Made and freed like history.c's record of the same apply (see there why
** the two stay apart). */
struct hpj_entry *hpj_new(const char *path, const char *about, size_t changed,
                          size_t added) {
  struct hpj_entry *entry = calloc(1, sizeof *entry);
  if (!entry)
    return NULL;
  entry->path = strdup(path);
  entry->about = about ? strdup(about) : NULL;
  entry->changed = hpu_zeroed(changed, sizeof *entry->changed);
  entry->added = hpu_zeroed(added, sizeof *entry->added);
  if (!entry->path || (about && !entry->about) || !entry->changed ||
      !entry->added) {
    hpj_free(entry);
    return NULL;
  }
  return entry;
}

void hpj_free(struct hpj_entry *entry) {
  if (!entry)
    return;
  free(entry->path);
  free(entry->about);
  free(entry->changed);
  free(entry->added);
  free(entry);
}

unsigned long hpj_add(struct hpj_entry *entry, unsigned long generation,
                      const char **changed, size_t changed_count,
                      const char **added, size_t added_count, long apply_us) {
  assert(hpb_owned());
  clock_gettime(CLOCK_REALTIME, &entry->applied);
  entry->serial = ++journal.serials;
  entry->generation = generation;
  entry->apply_us = apply_us;
  entry->state = HPJ_APPLIED;
  memcpy(entry->changed, changed, changed_count * sizeof *changed);
  entry->changed_count = changed_count;
  memcpy(entry->added, added, added_count * sizeof *added);
  entry->added_count = added_count;
  if (journal.count == HPJ_KEEP) { /* the oldest makes room */
    hpj_free(journal.ring[journal.first]);
    journal.first = (journal.first + 1) % HPJ_KEEP;
    journal.count--;
  }
  journal.ring[(journal.first + journal.count++) % HPJ_KEEP] = entry;
  return entry->serial;
}

static struct hpj_entry *at(size_t index) {
  return journal.ring[(journal.first + index) % HPJ_KEEP];
}

void hpj_reverted(unsigned long serial, enum hpj_state how) {
  assert(hpb_owned());
  for (size_t i = journal.count; i-- > 0;)
    if (at(i)->serial == serial) {
      at(i)->state = how;
      clock_gettime(CLOCK_REALTIME, &at(i)->reverted);
      return;
    }
}

static const char *state_word(enum hpj_state state) {
  switch (state) {
  case HPJ_REVERTED: return "request";
  case HPJ_REVERTED_FAULT: return "fault";
  case HPJ_APPLIED: break;
  }
  return "no";
}

static void write_ids(FILE *answer, const char *kind, const char **ids,
                      size_t count) {
  for (size_t i = 0; i < count; i++)
    fprintf(answer, " %s %s\n", kind, ids[i]);
}

static void write_entry(FILE *answer, const struct hpj_entry *entry) {
  fprintf(answer,
          "patch %lu generation=%lu applied=%lld.%06ld apply_us=%ld "
          "reverted=%s",
          entry->serial, entry->generation, (long long)entry->applied.tv_sec,
          entry->applied.tv_nsec / 1000, entry->apply_us,
          state_word(entry->state));
  if (entry->state != HPJ_APPLIED)
    fprintf(answer, " reverted_at=%lld.%06ld",
            (long long)entry->reverted.tv_sec, entry->reverted.tv_nsec / 1000);
  fprintf(answer, "\n path %s\n", entry->path);
  if (entry->about)
    fprintf(answer, " about %s\n", entry->about);
  write_ids(answer, "changed", entry->changed, entry->changed_count);
  write_ids(answer, "new", entry->added, entry->added_count);
}

void hpj_write(FILE *answer) {
  assert(hpb_owned());
  fprintf(answer, "ok patches=%lu kept=%zu\n", journal.serials, journal.count);
  for (size_t i = 0; i < journal.count; i++)
    write_entry(answer, at(i));
}

void hpj_reset(void) {
  assert(hpb_owned());
  while (journal.count) {
    hpj_free(at(0));
    journal.first = (journal.first + 1) % HPJ_KEEP;
    journal.count--;
  }
  journal.first = 0;
  journal.serials = 0;
}

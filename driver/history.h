/*
** history.h: the history of a process's patches, as its runtime keeps it
** (control request `history`, hotpatch_control.h), and the words hcc
** sends with each `apply` for it.
**
** The runtime keeps the words as sent and knows nothing of them; hcc
** writes and reads them here:
**
**   by=<patch|run> detect_ms=<ms> compile_ms=<ms> link_ms=<ms>
**   files=<file>,<file>... [more_files=<n>]
**
** Values are percent-encoded (every byte that is a control character, a
** space, '%', ',' or DEL becomes %XX), so that a file name with spaces,
** commas or newlines fits in the one-line request and comes back whole.
*/
#ifndef HCC_HISTORY_H
#define HCC_HISTORY_H

#include "util.h"

/* What hcc says about a patch it applies. */
struct hh_about {
  const char *by;      /* "patch" or "run"; NULL: not said           */
  struct hu_vec files; /* sources whose patch changes something      */
  double detect_ms, compile_ms, link_ms; /* -1: not said                  */
  int more_files; /* files left out: the words had no room     */
};

/* The words for `apply`, at most `room` bytes: the files that do not fit
** are left out and counted (more_files=<n>).  Caller frees. */
char *hh_about_words(const struct hh_about *about, size_t room);

/* One patch of the history. */
struct hh_patch {
  long long serial;             /* 1 for the first patch the process applied */
  long long generation;         /* the generation it became                   */
  double applied;               /* seconds since the epoch                    */
  double apply_ms;              /* measured by the process                    */
  char *reverted;               /* "no", "request" or "fault"                 */
  double reverted_at;           /* seconds since the epoch, 0 when not        */
  char *path;                   /* the patch file                             */
  struct hh_about about;        /* by NULL, no files, -1 ms: none was sent   */
  struct hu_vec changed, added; /* function ids                           */
};

struct hh_history {
  long long total;          /* patches ever applied (older ones dropped) */
  struct hh_patch *patches; /* oldest first                              */
  int count;
};

/* Parse the answer to `history` (starting "ok").  Returns 0, or -1 when
** it is malformed. */
int hh_parse(const char *answer, struct hh_history *h);
void hh_free(struct hh_history *h);

#endif /* HCC_HISTORY_H */

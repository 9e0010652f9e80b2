/*
** patch_info.h: reading the texts the plugin writes (formats in
** include/hotpatch_abi.h): the summary a patch object carries in section
** HOTPATCH_PATCH_SECTION (which functions changed, which functions and data
** are new, which constants are updated in place), and the module ids of
** module info text.
*/
#ifndef HCC_PATCH_INFO_H
#define HCC_PATCH_INFO_H

#include <stddef.h>

#include "util.h"

struct pi_patch {
  char *module_id;
  struct hu_vec changed;       /* ids of changed functions         */
  struct hu_vec added;         /* ids of new functions             */
  struct hu_vec added_data;    /* ids of new globals/statics       */
  struct hu_vec updated;       /* ids of constants updated in place */
  struct hu_vec removed;       /* ids of functions no longer defined (kept
                               ** by the process: not a change)       */
  struct hu_vec lines;         /* "<first> <last> <file>" of the changed
                               ** and new functions (diag_filter.h)   */
  struct hu_vec static_locals; /* ids of the module's static locals (pi_read) */
  int skipped, total;          /* functions not optimised, of all    */
  int skipped_after_inliner;   /* unchanged functions kept only to be
                               ** inlined, not optimised after that  */
  int recorded_bodies;         /* functions kept to be inlined that were
                               ** given the bodies after the inliner
                               ** the build recorded                 */
  int no_ir;                   /* of the skipped: those the front end
                               ** generated no IR for                */
  int not_parsed;              /* of those: bodies the parser skipped */
  int unaffected;              /* of the skipped and kept to be inlined:
                               ** those whose closure changed but whose
                               ** code holds no changed code         */
};

/* Parse the section text (`len` bytes, NUL padding allowed).  Returns 0,
** or -1 when it is malformed. */
int pi_parse(struct pi_patch *p, const char *text, size_t len);

/* Read the section from the object at `path`, and the ids of the static
** locals its module info (section hotpatch_info) lists.  Returns 0, or 1
** after an error naming the file. */
int pi_read(struct pi_patch *p, const char *path);

/* 1 if the patch changes or adds anything. */
int pi_changes(const struct pi_patch *p);

void pi_free(struct pi_patch *p);

/* Append the module id of every block of module info text (`len` bytes: a
** hotpatch_info section, NUL-padded blocks, or a registry answer) to ids. */
void pi_module_ids(const char *text, size_t len, struct hu_vec *ids);

#endif /* HCC_PATCH_INFO_H */

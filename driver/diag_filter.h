/*
** diag_filter.h: the quiet form of a patch compile's output.  A file with
** many warnings would print all of them on every save; hcc shows the
** errors in full and the warnings inside the functions the patch changes
** or adds (their lines, from the patch summary: hotpatch_abi.h), and
** counts the others.
*/
#ifndef HCC_DIAG_FILTER_H
#define HCC_DIAG_FILTER_H

#include "util.h"

/* Append to `out` the part of `text` (clang's diagnostics, colour codes
** allowed) to show: every error with its notes and include stack, every
** warning whose location lies in one of `lines` ("<first> <last> <file>"
** entries, the file as clang spells it), and the lines that belong to no
** diagnostic, but for clang's "N warnings generated." when warnings were
** left out (hcc's own count replaces it).  Returns the number of warnings left
*out. */
int df_filter(const char *text, const struct hu_vec *lines, struct hu_buf *out);

#endif /* HCC_DIAG_FILTER_H */

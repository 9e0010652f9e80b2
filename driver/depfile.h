/*
** depfile.h: reading the Make-syntax dependency files clang writes (-MD).
*/
#ifndef HCC_DEPFILE_H
#define HCC_DEPFILE_H

#include "util.h"

/* Append the prerequisites of every rule in `text` to `deps`, in order,
** each once; targets are skipped.  Understands line continuations
** (backslash-newline, also CRLF), "\ " and "\#" escapes, "$$" for "$", and
** the empty rules -MP adds.  Returns 0, or -1 when `text` has a line with
** prerequisites but no rule (no ':'), e.g. a truncated file. */
int hd_parse(const char *text, struct hu_vec *deps);

/* Read the dependency file at `path` and append its prerequisites made
** absolute against `cwd` (where the compiler ran).  Returns 0, or -1 when
** the file cannot be read or parsed (errno set for a read failure). */
int hd_read(const char *path, const char *cwd, struct hu_vec *deps);

#endif /* HCC_DEPFILE_H */

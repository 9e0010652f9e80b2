/*
** builddb.h: the build root and its build database.
**
** The build root is $HOTPATCH_ROOT, else the nearest directory from the
** current one upwards that holds a `.hotpatch` directory, else the current
** directory.  The database is `<root>/.hotpatch/builddb`: an append-only log,
** one record per line, TAB-separated fields escaped as \\ \t \n, first field
** the record version "v1" (format in docs/hcc.md).
**
** Concurrency: every record is appended with one write() on an O_APPEND
** descriptor while holding flock(LOCK_EX), so parallel builds (make -j)
** neither lose nor interleave records.
*/
#ifndef HCC_BUILDDB_H
#define HCC_BUILDDB_H

#include <stddef.h>

#include "util.h"

#define HB_DIR_NAME ".hotpatch"
#define HB_FILE_NAME "builddb"
#define HB_VERSION "v1"

struct hb_db {
  char *root; /* absolute build root                  */
  char *dir;  /* <root>/.hotpatch                      */
  char *path; /* <root>/.hotpatch/builddb              */
  int fd;     /* O_APPEND descriptor, -1 when closed   */
};

/* The build root for `cwd` (absolute) by the rules above, without creating
** anything.  Caller frees. */
char *hb_find_root(const char *cwd);

/* Find the root, create `.hotpatch/` when missing and open the database
** for appending.  On failure prints a one-line error naming the path and
** what to do, and returns 1; else 0. */
int hb_open(struct hb_db *db, const char *cwd);

/* Create (if needed) and return `<root>/.hotpatch/<sub>` as a directory;
** NULL after printing an error.  Caller frees. */
char *hb_subdir(const struct hb_db *db, const char *sub);

/* The closures directory of the database directory `db_dir`
** (`<root>/.hotpatch`): what the plugin's last compile of each unit at -O1
** and above learnt, so that a patch compile can skip optimising what did
** not change (plugin/Closures.cpp names the files).  Creates it when it
** can.  Caller frees. */
char *hb_closures_dir(const char *db_dir);

/* Append `len` bytes holding whole records with one write() under an
** exclusive flock.  Returns 0, or 1 after printing an error. */
int hb_append(struct hb_db *db, const char *records, size_t len);

void hb_close(struct hb_db *db);

/* ---- records */

/* Start a record: "v1\t<kind>". */
void hb_record_begin(struct hu_buf *rec, const char *kind);
/* Append TAB and `field` escaped (NULL is written as empty). */
void hb_record_field(struct hu_buf *rec, const char *field);
/* Append TAB and a decimal number. */
void hb_record_number(struct hu_buf *rec, long long n);
/* Terminate the record with '\n'. */
void hb_record_end(struct hu_buf *rec);

/* Escape `s` (\\ for backslash, \t for TAB, \n for newline) onto `out`. */
void hb_escape(struct hu_buf *out, const char *s);

/* Split one record line (without its '\n') into unescaped fields appended
** to `fields`.  Returns 0, or -1 when an escape is invalid. */
int hb_split(const char *line, struct hu_vec *fields);

/* The same in place, without allocating: `line` is unescaped where it is
** and fields[] points into it, at most `max` of them.  Returns the number
** of fields, or -1 when an escape is invalid or there are more than max. */
int hb_split_in_place(char *line, char **fields, int max);

#endif /* HCC_BUILDDB_H */

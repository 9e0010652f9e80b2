/*
** program_db.h: what the build database knows about a running program:
** its link record (found by the program's build-id) and, for each of its
** modules, the compile that produced the code the program was linked with.
*/
#ifndef HCC_PROGRAM_DB_H
#define HCC_PROGRAM_DB_H

#include "util.h"

/* One compile record (see docs/hcc.md, "Build root and build database"). */
struct pd_compile {
  long long start_sec;   /* when the compile started (CLOCK_REALTIME_COARSE) */
  long long start_nsec;
  int start_known;       /* 0 for records of older hcc (time after the compile) */
  char *cwd;
  char *source;          /* absolute                                  */
  char *output;          /* absolute, NULL for a temporary            */
  char *depfile;         /* absolute, NULL when none                  */
  char *module_id;       /* as recorded; the process knows it so      */
  struct hu_vec argv;    /* argv[0] as invoked, then the arguments    */
};

/* A shared object of the process linked by hcc into the same database. */
struct pd_library {
  char build_id[160];
  struct hu_vec module_ids; /* the modules its hotpatch_info lists     */
};

struct pd_program {
  char build_id[160];    /* lower-case hex of NT_GNU_BUILD_ID          */
  char *db_dir;          /* absolute <root>/.hotpatch                  */
  char *root;            /* the build root                             */
  struct pd_compile *tus;
  int tu_count;
  struct pd_library *libs;
  int lib_count;
};

/* Read the program file `exe` (e.g. /proc/PID/exe; `name` is what messages
** call it): its build-id and section hotpatch_build.  Returns 0, or 1 after
** a one-line error saying what is missing and why. */
int pd_identify(struct pd_program *p, const char *exe, const char *name);

/* Note the shared object `path` (mapped by the process) when it was linked
** by hcc into the program's build database: pd_load then matches its
** modules against its own link record, not the program's (it may have
** been built after the program, e.g. a plugin loaded with dlopen).
** Anything else (system libraries, other databases) is ignored. */
void pd_add_library(struct pd_program *p, const char *path);

/* Parse the time field of a compile record into c->start_*. */
void pd_parse_time(struct pd_compile *c, const char *field);

/* Find the program's link record and, for each id in `module_ids`, the
** latest compile record before it with that module id (before the link
** record of the library that holds the module, for modules of libraries
** added with pd_add_library).  Modules without
** one (e.g. of a library built elsewhere) are left out; their ids are
** appended to `missing` when it is not NULL.  Returns 0, or 1 after an
** error (database unreadable, link record not found, no module found). */
int pd_load(struct pd_program *p, const struct hu_vec *module_ids, struct hu_vec *missing);

/* The compile record of `module_id`, or NULL. */
const struct pd_compile *pd_find(const struct pd_program *p, const char *module_id);

void pd_free(struct pd_program *p);

/* The latest compile record of every source in the database `db_file`
** (absolute sources only), in the order of each source's first record:
** what the next build would compile, for compile_commands.json.  Fills
** *tus (caller frees with pd_compiles_free) and returns their count, or -1
** after an error naming the file. */
int pd_latest_compiles(const char *db_file, struct pd_compile **tus);
void pd_compiles_free(struct pd_compile *tus, int count);

#endif /* HCC_PROGRAM_DB_H */

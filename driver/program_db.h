/*
** program_db.h: what the build database knows about a running program:
** its link record (found by the program's build-id) and, for each of its
** modules, the compile that produced the code the program was linked with;
** for a module the database does not record, the compile its object
** carries (carried.h).
*/
#ifndef HCC_PROGRAM_DB_H
#define HCC_PROGRAM_DB_H

#include "util.h"

/* One compile record (see docs/hcc.md, "Build root and build database"). */
struct pd_compile {
  long long start_sec; /* when the compile started (CLOCK_REALTIME_COARSE) */
  long long start_nsec;
  int start_known; /* 0 for records of older hcc (time after the compile) */
  char *cwd;
  char *source;       /* absolute                                  */
  char *output;       /* absolute, NULL for a temporary            */
  char *depfile;      /* absolute, NULL when none                  */
  char *module_id;    /* as recorded; the process knows it so      */
  struct hu_vec argv; /* argv[0] as invoked, then the arguments;
                         carried: "-cc1" and its arguments         */
  int carried;        /* from the object's hotpatch_unit section,
                         not from a database (no depfile, no time) */
  char *db_dir;       /* the database the record was read from (a
                         carried one: the session's)               */
  char target[160];   /* build-id of the object holding the module:
                         what its patch object names as its target */
};

/* The program or a shared object of the process, linked by hcc or built
** with the plugin. */
struct pd_object {
  char build_id[160];       /* lower-case hex of NT_GNU_BUILD_ID          */
  char *db_dir;             /* its hotpatch_build section: absolute
                               <root>/.hotpatch; NULL when not hcc's     */
  struct hu_vec module_ids; /* a library's: what its hotpatch_info lists */
  char *carried;            /* its hotpatch_unit section (carried.h),
                               NULL when it has no well-formed block     */
  size_t carried_size;
};

/* A process as groups of modules per build database: the program's own
** (its modules are every module no library lists) and each library's,
** which may be other databases (a library of another build tree) or the
** only ones (a host hcc did not link, e.g. python3 running an extension). */
struct pd_program {
  struct pd_object program;
  struct pd_object *libs;
  int lib_count;
  char *name;             /* what messages call the program            */
  char *db_dir;           /* the session's database (live states, patch
                             attempts): the program's, else the first
                             library's, else (nothing linked by hcc)
                             the one of the first carried compile's
                             directory, by hb_find_root's rule         */
  char *root;             /* its build root                            */
  struct pd_compile *tus; /* from whichever database holds each        */
  int tu_count;
};

/* Read the program file `exe` (e.g. /proc/PID/exe; `name` is what messages
** call it): its build-id, section hotpatch_build and the compiles it
** carries, when it has them (a host hcc did not link has none).  Returns
** 0, or 1 after a one-line error when the file cannot be read. */
int pd_identify(struct pd_program *p, const char *exe, const char *name);

/* Note the shared object `path` (mapped by the process) when it was linked
** by hcc, into any build database, or carries compiles: pd_load then
** matches its modules against its own link record in its own database,
** not the program's (it may have been built after the program, e.g. a
** plugin loaded with dlopen, or in another build tree), else against what
** it carries.  Anything else (system libraries) is ignored. */
void pd_add_library(struct pd_program *p, const char *path);

/* Parse the time field of a compile record into c->start_*. */
void pd_parse_time(struct pd_compile *c, const char *field);

/* Frees what a compile record holds. */
void pd_free_compile(struct pd_compile *c);

/* Find the program's link record and, for each id in `module_ids`, the
** latest compile record before it with that module id (before the link
** record of the library that holds the module, in the library's database,
** for modules of libraries added with pd_add_library); a module without
** one gets the compile its object carries (`carried` set).  Modules with
** neither (e.g. of a library built without the plugin's hcc) are left
** out; their ids are appended to `missing` when it is not NULL.  Returns
** 0, or 1 after an error (no database and no carried compile at all, a
** database unreadable, the program's link record not found, no module
** found). */
int pd_load(struct pd_program *p, const struct hu_vec *module_ids,
            struct hu_vec *missing);

/* The compile record of `module_id`, or NULL. */
const struct pd_compile *pd_find(const struct pd_program *p,
                                 const char *module_id);

void pd_free(struct pd_program *p);

/* The latest compile record of every source in the database `db_file`
** (absolute sources only), in the order of each source's first record:
** what the next build would compile, for compile_commands.json.  Fills
** *tus (caller frees with pd_compiles_free) and returns their count, or -1
** after an error naming the file. */
int pd_latest_compiles(const char *db_file, struct pd_compile **tus);
void pd_compiles_free(struct pd_compile *tus, int count);

#endif /* HCC_PROGRAM_DB_H */

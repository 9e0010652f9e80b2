/*
** patch_compile.h: the compiler command that rebuilds one translation unit
** as a patch object: clang's, or gcc's for a unit hcc-gcc built.
**
** It is the recorded compile with exactly what compiler mode (cc_mode.c)
** adds, so the code and the module id are the ones the process runs
** (a compile recorded by hcc++ runs clang as clang++ again):
** the user's arguments in their order with the other inputs, the output,
** the dependency-file options and link-only options taken out; then
** -c -o OBJ -MD -MF DEP, -idirafter <include/hotpatch>, -fplugin=, the
** recorded module id (always given explicitly: the original command may
** have used -fplugin-arg-hotpatch-root=, which derives the same id) and
** -fplugin-arg-hotpatch-baseline=FILE, -fplugin-arg-hotpatch-refusals=FILE.
**
** A compile the object carried (no record) is a `clang -cc1` command: its
** arguments as carried, then the same additions in cc1's spelling.
*/
#ifndef HCC_PATCH_COMPILE_H
#define HCC_PATCH_COMPILE_H

#include "paths.h"
#include "program_db.h"
#include "util.h"

/* How many plugin switches of a patch compile a variable may turn off
** (patch_jobs.c). */
#define PC_SWITCHES 4

struct pc_job {
  const struct pd_compile *rec;
  const char *baseline; /* the process's registry text      */
  const char *target;   /* build-id (hex) of the object holding the module */
  const char *object;   /* the patch object to write        */
  const char *depfile;  /* the dependency file to write     */
  const char *closures; /* the closures directory, or NULL    */
  /* Plugin switches of the patch compile to turn off (given as
  ** `<name>=0`), NULL-ended: for comparison, or doubt, and a retry's
  ** keep-unaffected and skip-parse (patch_jobs.c). */
  const char *switches_off[PC_SWITCHES + 1];
  const char *refusals; /* where the plugin lists refusals  */
  int color;            /* add -fcolor-diagnostics          */
};

/* Append the command (argv[0] = `compiler`: clang, or gcc for a compile
** recorded by hcc-gcc, which gets the GCC plugin) to `out`.  Returns 0, or
** -1 when the recorded arguments do not name the recorded source. */
int pc_command(struct hu_vec *out, const char *compiler,
               const struct hp_paths *paths, const struct pc_job *job);

#endif /* HCC_PATCH_COMPILE_H */

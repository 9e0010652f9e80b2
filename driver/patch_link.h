/*
** patch_link.h: linking a patch's objects into patch.so.
**
** The clang driver (`clang -fuse-ld=lld -shared`) spends most of its time
** starting up, so hcc runs the ld.lld beside its clang itself, with the
** arguments the driver would pass (crt files, -L paths, -lc, -lgcc: a
** patch calling atexit() needs libc_nonshared.a, a 128-bit division needs
** libgcc.a).  Those arguments are learnt once from `clang -### ...` and
** kept in a template file in the build database, keyed by the clang used.
** HOTPATCH_PATCH_LINKER=driver selects the driver link instead.
*/
#ifndef HCC_PATCH_LINK_H
#define HCC_PATCH_LINK_H

#include "util.h"

enum plk_linker { PLK_LLD, PLK_DRIVER };

/* The linker selected by $HOTPATCH_PATCH_LINKER ("lld", the default, or
** "driver").  Another value: prints an error and returns -1. */
int plk_choice(enum plk_linker *out);

/* The ld.lld beside the resolved path of `clang` (symbolic links
** followed, PATH searched), else "ld.lld-19" from PATH.  Caller frees. */
char *plk_lld_path(const char *clang);

/* The version of the template's contents, part of its key: 2 is learnt
** with -nostartfiles. */
#define PLK_TEMPLATE_FORMAT "2"

/* The key of the template for `clang`: the template format, the resolved
** path, modification time and size of clang.  NULL when clang cannot be
** found.  Caller frees. */
char *plk_key(const char *clang);

/* Parse the output of `clang -### ... -shared -o SO OBJ`: the last line
** that is a quoted command (the linker's).  Fills `args` with the
** linker's arguments (its own path dropped), SO replaced by @OUTPUT@ and
** OBJ by @OBJECTS@.  Returns 0, or -1 when there is no such line or an
** argument cannot be kept (a newline in it, or SO or OBJ missing). */
int plk_parse_driver(const char *text, const char *so, const char *obj,
                     struct hu_vec *args);

/* Read the template at `path` if its key is `key` (0), else -1. */
int plk_load(const char *path, const char *key, struct hu_vec *args);

/* Write the template; failure only costs a driver run next time. */
void plk_save(const char *path, const char *key, const struct hu_vec *args);

/* The layout options of every patch link (as `-z X` for ld.lld, as
** `-Wl,-z,X` for the driver): no executable stack; each loadable segment
** starting a page, so that the part written at load (relocated read-only
** data, the GOT) takes one page rather than straddling two; and every
** symbol bound at load (dlopen binds them then anyway, RTLD_NOW), which
** puts the PLT's GOT in that same read-only-after-relocation page instead
** of a writable one.  Together with no C start files (below), a patch that
** adds no data writes exactly one page: a process keeps the written pages
** of every patch it applied (the others are given back once superseded:
** runtime/release.h). */
#define PLK_LAYOUT "noexecstack", "separate-loadable-segments", "now"

/* The link command: `lld`, the template with @OUTPUT@ = so and
** @OBJECTS@ = objects, --build-id=sha1 for the driver's --build-id (the
** template is learnt with -nostartfiles, so without the C start files
** crti.o, crtbeginS.o, crtendS.o, crtn.o: their
** writable data would cost every patch a second written page, and their
** _init/_fini and unload-time code serve objects that get unloaded), the
** options of PLK_LAYOUT and the linker script `script`
** (runtime/hotpatch-patch.ld: the __dso_handle C++ code needs of them). */
void plk_command(struct hu_vec *argv, const char *lld,
                 const struct hu_vec *tmpl, const struct hu_vec *objects,
                 const char *so, const char *script);

/* Link `objects` into `so` with the linker plk_choice selects, running it
** in attempt directory `dir` (its output in link.out; the template in
** build database `db_dir`; the linker script in `libdir`).  Returns 0, or
** an exit code after showing the linker's output and an error. */
int plk_link(const char *db_dir, const char *libdir, const char *dir,
             const struct hu_vec *objects, const char *so);

#endif /* HCC_PATCH_LINK_H */

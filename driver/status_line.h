/*
** status_line.h: the one line hcc patch and hcc run print per applied
** patch, e.g.
**
**   hcc: patched main.c: step, render_frame; util.c: clamp, lerp (new)
*(generation 3, 84 ms)
**
** Files in the order given, relative to the build root; per file the
** changed functions, then new functions marked "(new)"; ids without their
** "module-id:" prefix, C++ names demangled (`Shape::area() const`).  A file
*whose patch only adds data lists it as
** "name (new data)".
*/
#ifndef HCC_STATUS_LINE_H
#define HCC_STATUS_LINE_H

#include "patch_info.h"

/* One patched translation unit. */
struct sl_unit {
  const char *file; /* source relative to the root     */
  const struct pi_patch *patch;
};

/* The id as shown: without "<module_id>:" when it starts with it. */
const char *sl_short_id(const char *id, const char *module_id);

/* The status line with its trailing newline.  Caller frees. */
char *sl_format(const struct sl_unit *units, int count, long long generation,
                long long ms);

/* Note lines for the new static locals of the patches (each starts at its
** initial value: nothing in the process is the same variable):
**
**   hcc: note: new static local 'frames' in render starts at its initial value
**   hcc: note: render_v2 is new: its static local 'count' starts at its
**              initial value (a renamed function's statics are not carried
*over)
**
** (the second on one line).  "" when there are none.  Caller frees. */
char *sl_notes(const struct sl_unit *units, int count);

#endif /* HCC_STATUS_LINE_H */

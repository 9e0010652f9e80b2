/*
** debug.c: hotpatch_debug_redirect() and hotpatch_debug_dump(), the
** registry as tools and tests see it.
**
** Sections:
**   redirect   repoint one function's slot by id
**   dump       print the registry in the `hcc inspect` format
*/
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "hotpatch.h"
#include "internal.h"
#include "loader.h"
#include "module_info.h"
#include "registry.h"
#include "slots.h"

/* --------------------------------------------------------------- redirect */

/*
** Point every call of function `id` at `target`.  Holds the loader mutex
** and the registry lock while publishing, as the patch loader does.
** Returns 0, or -1 with errno ENOENT when no function has that id (always
** so under HOTPATCH=off, where nothing is registered).
*/
HP_API int hotpatch_debug_redirect(const char *id, void *target) {
  struct hpr_function_ref ref;
  int rc;
  if (!id) {
    errno = ENOENT;
    return -1;
  }
  hpa_lock();
  hpr_lock();
  rc = hpr_find_function(NULL, id, &ref);
  if (rc != 0)
    errno = ENOENT;
  else if ((rc = hps_open(ref.function->slot)) == 0)
    hps_publish(ref.function->slot, target);
  hps_close();
  hpr_unlock();
  hpa_unlock();
  return rc;
}

/* ------------------------------------------------------------------- dump */

/*
** The format is shared with `hcc inspect` (docs/runtime.md):
**
**   module <module-id> hash=<32 hex>
**     function     <32 hex hash> <id>
**     <kind>       <16 hex layout hash> size=<bytes> <id>
**
** 128-bit hashes print high half first, as XXH128's canonical form does.
*/

static void dump_function(FILE *out, const struct hotpatch_function *function) {
  fprintf(out, "  %-12s %016" PRIx64 "%016" PRIx64 " %s\n", "function",
          function->hash_hi, function->hash_lo, function->id);
}

static void dump_datum(FILE *out, const struct hotpatch_data *datum) {
  fprintf(out, "  %-12s %016" PRIx64 " size=%" PRIu64 " %s\n",
          hotpatch_data_kind_word(datum->kind), datum->layout_hash, datum->size,
          datum->id);
}

/* Every entry of the module's descriptor, including ids another module won:
** the dump shows what each module contains, as `hcc inspect` does.  (The
** walk mirrors registry.c's add_entries, deliberately.) */
static int dump_module(const struct hotpatch_module *module, void *arg) {
  FILE *out = arg;
  fprintf(out, "module %s hash=%016" PRIx64 "%016" PRIx64 "\n",
          module->id ? module->id : "(unnamed)", module->hash_hi,
          module->hash_lo);
  for (uint32_t i = 0; i < module->function_count; i++)
    if (module->functions[i].id)
      dump_function(out, &module->functions[i]);
  for (uint32_t i = 0; i < module->data_count; i++)
    if (module->data[i].id)
      dump_datum(out, &module->data[i]);
  return 0;
}

/*
** Print every registered module in registration order, each followed by its
** functions and then its data in descriptor order.  Holds the registry lock
** while printing; prints nothing under HOTPATCH=off.
*/
HP_API void hotpatch_debug_dump(FILE *out) {
  hpr_lock();
  hpr_for_each_module(dump_module, out);
  hpr_unlock();
  fflush(out);
}

/*
** module_info.c: the registry as module info text, the answer to the
** control request `registry`.
**
** The format is the one the plugin puts into HOTPATCH_INFO_SECTION
** (hotpatch_abi.h, "The textual module info"), so the plugin's patch mode
** reads the answer as its baseline.  What differs from the section text is
** what makes it useful: every hash is the hash of the code the process runs
** now, and functions and data added by patches are listed under the module
** they were added to.
*/
#include "module_info.h"

#include <assert.h>
#include <inttypes.h>

#include "registry.h"

/* The current hash when this entry is the one the process runs; a losing
** duplicate keeps the hash it was built with. */
static void write_function(FILE *out, const struct hotpatch_module *module,
                           const struct hotpatch_function *function) {
  uint64_t hi = function->hash_hi, lo = function->hash_lo;
  const struct hpt_entry *entry = hpr_function_entry(module, function->id);
  if (entry && entry->item == function) {
    hi = entry->hash_hi;
    lo = entry->hash_lo;
  }
  fprintf(out, "function %016" PRIx64 "%016" PRIx64 " %" PRIx32 " %s\n", hi, lo,
          function->flags, function->id);
}

static void write_datum(FILE *out, const struct hotpatch_data *datum) {
  fprintf(out, "data %s %" PRIu64 " %016" PRIx64 " %" PRIx32 " %s %s\n",
          hotpatch_data_kind_word(datum->kind), datum->size, datum->layout_hash,
          datum->flags, datum->type ? datum->type : "?", datum->id);
}

static int write_record(const struct hpr_module_record *record, void *arg) {
  FILE *out = arg;
  const struct hotpatch_module *module = record->module;
  fprintf(out, HOTPATCH_INFO_MAGIC " %d %016" PRIx64 "%016" PRIx64 " %s\n",
          HOTPATCH_ABI_VERSION, record->hash_hi, record->hash_lo,
          module->id ? module->id : "(unnamed)");
  for (uint32_t i = 0; i < module->function_count; i++)
    if (module->functions[i].id)
      write_function(out, module, &module->functions[i]);
  for (size_t i = 0; i < record->added_function_count; i++)
    write_function(out, module, record->added_functions[i]);
  for (uint32_t i = 0; i < module->data_count; i++)
    if (module->data[i].id)
      write_datum(out, &module->data[i]);
  for (size_t i = 0; i < record->added_data_count; i++)
    write_datum(out, record->added_data[i]);
  fputs("end\n", out);
  return 0;
}

void hpm_write_module_info(FILE *out) {
  assert(hpr_held());
  hpr_for_each_record(write_record, out);
}

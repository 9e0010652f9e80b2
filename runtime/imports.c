/*
** imports.c: resolving a patch's imports against the registry.
**
** A patch has no undefined references to the program: everything existing
** that its code uses is reached through a cell of its import table.  A
** patch built for another build or against a stale baseline shows up here,
** as an id the process does not have or a global whose layout differs.
** The constants a patch updates in place are imports too, checked here.
**
** The plugin puts the cells in the patch's read-only-after-relocation data
** (.data.rel.ro.*, PT_GNU_RELRO), beside its relocated descriptors and GOT:
** one page written at load per patch instead of two (a process keeps the
** written pages of every patch it applied, docs/design.md), and a cell,
** which code jumps through, is no more writable by a stray store than the
** GOT is.  They are made writable while they are filled.
*/
#define _GNU_SOURCE
#include "imports.h"

#include <assert.h>
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elf_read.h"
#include "registry.h"

const char *hpi_kind_word(uint32_t kind) {
  switch (kind) {
  case HOTPATCH_IMPORT_FUNCTION: return "function";
  case HOTPATCH_IMPORT_SLOT: return "slot";
  case HOTPATCH_IMPORT_DATA: return "data";
  case HOTPATCH_IMPORT_TLS: return "tls";
  default: return "unknown kind";
  }
}

static int unresolved(const struct hotpatch_patch *patch,
                      const struct hotpatch_import *import, const char *detail,
                      char *why, size_t size) {
  snprintf(why, size, "unresolved import '%s' (%s) in module %s%s",
           import->id ? import->id : "(null)", hpi_kind_word(import->kind),
           patch->module_id, detail);
  return -1;
}

/* State keeps its storage, so the patch must see the layout it has. */
static int check_layout(const struct hotpatch_patch *patch,
                        const struct hotpatch_import *import,
                        const struct hotpatch_data *datum, char *why,
                        size_t size) {
  if (import->layout_hash == 0 || (import->layout_hash == datum->layout_hash &&
                                   import->size == datum->size))
    return 0;
  snprintf(why, size,
           "cannot patch: %s '%s' changed layout (the process has %" PRIu64
           " bytes, layout %016" PRIx64 "; module %s of the patch expects "
           "%" PRIu64 " bytes, layout %016" PRIx64 "); its value cannot be "
           "kept: restore its type, or restart the program",
           hotpatch_data_kind_noun(datum->kind), import->id, datum->size,
           datum->layout_hash, patch->module_id, import->size,
           import->layout_hash);
  return -1;
}

/* The address for one import into *value; 0 or -1 with why. */
static int resolve_one(const struct hotpatch_patch *patch,
                       const struct hotpatch_module *patched,
                       const struct hotpatch_import *import, void **value,
                       char *why, size_t size) {
  struct hpr_function_ref function;
  struct hpr_data_ref data;
  switch (import->kind) {
  case HOTPATCH_IMPORT_FUNCTION:
  case HOTPATCH_IMPORT_SLOT:
    if (hpr_find_function(patched, import->id, &function) != 0)
      return unresolved(patch, import, "", why, size);
    *value = import->kind == HOTPATCH_IMPORT_FUNCTION
                 ? function.function->stub
                 : (void *)function.function->slot;
    return 0;
  case HOTPATCH_IMPORT_DATA:
  case HOTPATCH_IMPORT_TLS:
    if (hpr_find_data(patched, import->id, &data) != 0)
      return unresolved(patch, import, "", why, size);
    if (check_layout(patch, import, data.data, why, size) != 0)
      return -1;
    if (import->kind == HOTPATCH_IMPORT_TLS) {
      if (!data.data->tls_address)
        return unresolved(patch, import, ": not thread-local in the process",
                          why, size);
      /* A function pointer travels through the void * cell; POSIX
      ** (dlsym) guarantees the round trip. */
      *value = *(void **)&data.data->tls_address;
      return 0;
    }
    if (!data.data->address)
      return unresolved(patch, import, ": thread-local in the process", why,
                        size);
    *value = data.data->address;
    return 0;
  default: return unresolved(patch, import, ": unknown import kind", why, size);
  }
}

static const struct hotpatch_import *
import_of_cell(const struct hotpatch_patch *patch, void **cell) {
  for (uint32_t i = 0; i < patch->import_count; i++)
    if (patch->imports[i].cell == cell)
      return &patch->imports[i];
  return NULL;
}

/* An update is copied over the process's storage of an imported constant
** (constants.c): it must point at a data import cell of this patch, the
** datum must be a constant, and the update exactly its size, or the copy
** would write past it. */
static int check_updates(const struct hotpatch_patch *patch,
                         const struct hotpatch_module *patched, char *why,
                         size_t size) {
  for (uint32_t i = 0; i < patch->update_count; i++) {
    const struct hotpatch_update *update = &patch->updates[i];
    const struct hotpatch_import *import =
        import_of_cell(patch, update->target_cell);
    struct hpr_data_ref data;
    if (!import || import->kind != HOTPATCH_IMPORT_DATA || !update->content ||
        hpr_find_data(patched, import->id, &data) != 0) {
      snprintf(why, size, "malformed update table in module %s",
               patch->module_id);
      return -1;
    }
    if (data.data->kind != HOTPATCH_DATA_CONSTANT) {
      snprintf(why, size,
               "cannot patch: module %s would write over '%s', "
               "which is not a constant in the process; the patch is "
               "malformed, rebuild it",
               patch->module_id, import->id);
      return -1;
    }
    if (update->size != data.data->size) {
      snprintf(why, size,
               "cannot patch: module %s would write %" PRIu64
               " bytes over constant '%s', which has %" PRIu64 " bytes in "
               "the process; the patch is malformed, rebuild it",
               patch->module_id, update->size, import->id, data.data->size);
      return -1;
    }
  }
  return 0;
}

/* The pages the dynamic linker made read-only after relocating the object
** at load bias `base` (PT_GNU_RELRO, its end rounded down as glibc does),
** or an empty span. */
struct span {
  uintptr_t base, start, end;
};

static int find_relro(struct dl_phdr_info *info, size_t size, void *arg) {
  struct span *span = arg;
  (void)size;
  if (info->dlpi_addr != span->base)
    return 0;
  hpe_mapped_relro(info, (uintptr_t)sysconf(_SC_PAGESIZE), &span->start,
                   &span->end);
  return 1;
}

/* The read-only span of the object holding `patch`'s cells, when they are
** in it; else an empty one (cells of a patch built otherwise, or of a
** hand-made descriptor, are writable as they are). */
static struct span cells_relro(const struct hotpatch_patch *patch) {
  struct span span = {0, 0, 0};
  struct link_map *map = NULL;
  Dl_info info;
  if (patch->import_count == 0 || !patch->imports[0].cell ||
      !dladdr1(patch->imports[0].cell, &info, (void **)&map, RTLD_DL_LINKMAP) ||
      !map)
    return span;
  span.base = map->l_addr;
  dl_iterate_phdr(find_relro, &span);
  for (uint32_t i = 0; i < patch->import_count; i++) {
    uintptr_t cell = (uintptr_t)patch->imports[i].cell;
    if (cell < span.start || cell + sizeof(void *) > span.end)
      return (struct span){0, 0, 0};
  }
  return span;
}

static int resolve_all(const struct hotpatch_patch *patch, char *why,
                       size_t size) {
  /* The module it patches: in a library built with hidden visibility, the
  ** library's own copies of what the program defines too (registry.c). */
  const struct hpr_module_record *record = hpr_find_module(patch->module_id);
  const struct hotpatch_module *patched = record ? record->module : NULL;
  for (uint32_t i = 0; i < patch->import_count; i++) {
    const struct hotpatch_import *import = &patch->imports[i];
    void *value = NULL;
    if (!import->id || !import->cell) {
      snprintf(why, size, "malformed import table in module %s",
               patch->module_id);
      return -1;
    }
    if (resolve_one(patch, patched, import, &value, why, size) != 0)
      return -1;
    *import->cell = value;
  }
  return check_updates(patch, patched, why, size);
}

int hpi_resolve(const struct hotpatch_patch *patch, char *why, size_t size) {
  assert(hpr_held());
  /* Still readable meanwhile: a patch applied again after a revert may be
  ** running, and its cells get the same values again. */
  struct span relro = cells_relro(patch);
  size_t length = relro.end - relro.start;
  if (length &&
      mprotect((void *)relro.start, length, PROT_READ | PROT_WRITE) != 0) {
    snprintf(why, size, "cannot fill the import table of module %s: %s",
             patch->module_id, strerror(errno));
    return -1;
  }
  int rc = resolve_all(patch, why, size);
  if (length)
    (void)mprotect((void *)relro.start, length, PROT_READ); /* as it was */
  return rc;
}

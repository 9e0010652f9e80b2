/*
** registry.c: the one registry of modules, functions and data per process.
**
** Sections:
**   state          the registry and its lock
**   module list    registration order, for iteration and dumps
**   duplicate ids  the rule for an id offered by a second module
**   entries        putting a module's functions and data into the tables
**   registration   hpr_register: record the module; entering its entries,
**                  at once or at the first lookup
**   lookup         finding ids and walking modules
**   added          functions and data that patches add to a module
**   reset          for unit tests
*/
#define _GNU_SOURCE /* dladdr */
#include "registry.h"

#include <assert.h>
#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "grow.h"
#include "idtable.h"
#include "log.h"
#include "mutex.h"
#include "slots.h"

/* ------------------------------------------------------------------ state */

/*
** Statically initialised, so that it is ready before any constructor runs,
** whether the runtime is a shared library or linked into the program.
** registry_lock guards everything in `registry`.
*/
static struct {
  struct hpr_module_record *modules; /* registration order      */
  size_t module_count;
  size_t module_capacity;
  struct hpt_table functions; /* id -> hotpatch_function */
  struct hpt_table data;      /* id -> hotpatch_data     */
  size_t copies;              /* entries with a scope    */
  size_t entered;             /* modules[0..entered) are in the tables */
  bool lookups;               /* a lookup came: enter at registration  */
} registry;

static struct hpw_mutex registry_lock = HPW_MUTEX_INITIALIZER;

void hpr_lock(void) {
  hpw_lock(&registry_lock);
}

void hpr_unlock(void) {
  hpw_unlock(&registry_lock);
}

bool hpr_held(void) {
  return hpw_held(&registry_lock);
}

/* ------------------------------------------------------------ module list */

static bool module_is_registered(const struct hotpatch_module *module) {
  for (size_t i = 0; i < registry.module_count; i++)
    if (registry.modules[i].module == module)
      return true;
  return false;
}

/* The linked object (program or shared library) `module` is part of, by
** its base address: hidden symbols are its own.  Asked when the module is
** entered, not as it registers: dladdr walks the object's dynamic symbols
** for the nearest name: for an hcc build of Lua (33 modules) that was
** 214,000 of the 909,000 instructions of a start that patched nothing. */
static const void *linked_object(const struct hotpatch_module *module) {
  Dl_info info;
  return dladdr(module, &info) ? info.dli_fbase : NULL;
}

/* The object recorded for a registered module; NULL for another. */
static const void *object_of(const struct hotpatch_module *module) {
  for (size_t i = 0; i < registry.module_count; i++)
    if (registry.modules[i].module == module)
      return registry.modules[i].object;
  return NULL;
}

/* Whether `module`, part of `object`, has definitions of its own beside
** `first`'s (duplicate rule 3): it is part of another linked object, and
** it is another module, since a patch names the module it patches by id
** and one object file linked into two objects could reach only one. */
static bool apart(const struct hotpatch_module *module, const void *object,
                  const struct hotpatch_module *first) {
  return object && object != object_of(first) && module->id && first->id &&
         strcmp(module->id, first->id) != 0;
}

/* Room for one more module; 0 or -1 when out of memory (list unchanged). */
static int reserve_module(void) {
  struct hpr_module_record *modules =
      hpu_grow(registry.modules, &registry.module_capacity,
               registry.module_count + 1, sizeof *modules);
  if (!modules)
    return -1;
  registry.modules = modules;
  return 0;
}

/* ---------------------------------------------------------- duplicate ids */

/*
** The duplicate rule.  The same id reaches the registry from two modules
** when a weak or common symbol is defined in several of them (each module
** describes its own definition), when a datum is shared (several modules
** describe storage that the linker resolved to one address), or by mistake
** (two shared objects, each loaded RTLD_LOCAL, defining the same function;
** one object file linked into two shared objects).  With entry A already
** registered and entry B offered:
**
**   1. A and B are the same object (same stub for a function, same storage
**      for a datum): keep A, silently.
**   2. Exactly one of them is weak or common: keep the other one (B
**      replaces A when A is the weak one), silently, because the strong
**      definition is the one the linker lets the program use, whichever
**      module happened to register first.
**   3. A and B are parts of different linked objects, from modules with
**      different ids (a C++ inline function or its static local in a
**      -fvisibility=hidden library and in the program): each object uses
**      its own, so B is kept beside A, as its object's copy (scope: the
**      object), silently.  Lookups by a module of that object find it
**      (hpr_find_function), so a patch of a unit of the library publishes
**      into the library's slot and binds to the library's static locals.
**      (One object file linked into two objects is one module id, which a
**      patch could not tell apart: rule 4.)
**   4. Otherwise keep A and print one warning naming the id and both
**      modules: B's copy exists in the process but cannot be patched.
**
** Before all of these, for data: a constant A and a mutable B of the same
** id: B replaces A, silently.  A patch added B: its unit writes what was a
** static local only read, which the build made a constant (docs/design.md,
** "Static locals only read are constants"); the patch's code uses B, and
** the next patch must import it, not A.
*/
enum duplicate_outcome {
  KEEP_FIRST,
  REPLACE_WITH_NEW,
  KEEP_AS_COPY,
  KEEP_FIRST_AND_WARN
};

static bool is_weak(uint32_t flags) {
  return (flags & (HOTPATCH_SYM_WEAK | HOTPATCH_SYM_COMMON)) != 0;
}

static enum duplicate_outcome resolve_duplicate(bool same_object,
                                                uint32_t old_flags,
                                                uint32_t new_flags,
                                                bool apart) {
  if (same_object)
    return KEEP_FIRST;
  if (is_weak(old_flags) != is_weak(new_flags))
    return is_weak(old_flags) ? REPLACE_WITH_NEW : KEEP_FIRST;
  return apart ? KEEP_AS_COPY : KEEP_FIRST_AND_WARN;
}

/* Thread-locals have no fixed address; two entries are the same variable
** when their accessors give the calling thread the same copy. */
static void *data_storage(const struct hotpatch_data *datum) {
  if (datum->address)
    return datum->address;
  return datum->tls_address ? datum->tls_address() : NULL;
}

static bool same_function(const struct hotpatch_function *a,
                          const struct hotpatch_function *b) {
  return a->stub == b->stub;
}

/* The same function with a slot of its own: another linked object's copy
** of a C++ inline function or template, whose stub the dynamic linker
** made the first one's, while its calls load its own slot. */
static bool is_mirror(const struct hotpatch_function *first,
                      const struct hotpatch_function *function) {
  return same_function(first, function) && function->slot &&
         function->slot != first->slot;
}

/* Room for one more mirror slot in `cell`; 0 or -1. */
static int reserve_mirror(struct hpt_entry *cell) {
  void ***mirrors = hpu_grow(cell->mirrors, &cell->mirror_capacity,
                             cell->mirror_count + 1, sizeof *mirrors);
  if (!mirrors)
    return -1;
  cell->mirrors = mirrors;
  return 0;
}

/* A mirror slot runs what the entry runs: a library loaded after a patch
** gets the patched code (hpr_catch_up_mirrors, once the registry lock is
** let go: writing a slot needs the books).  Room was reserved. */
static void add_mirror(struct hpt_entry *cell,
                       const struct hotpatch_function *function) {
  cell->mirrors[cell->mirror_count++] = function->slot;
}

static bool same_datum(const struct hotpatch_data *a,
                       const struct hotpatch_data *b) {
  void *storage = data_storage(a);
  return storage && storage == data_storage(b);
}

static const char *module_name(const struct hotpatch_module *module) {
  return module->id ? module->id : "(unnamed)";
}

/* Apply the rule to an occupied cell offered (module, item). */
static void settle_duplicate(struct hpt_entry *cell,
                             enum duplicate_outcome outcome,
                             const struct hotpatch_module *module,
                             const void *item) {
  if (outcome == REPLACE_WITH_NEW) {
    cell->module = module;
    cell->item = item;
  } else if (outcome == KEEP_FIRST_AND_WARN) {
    hpl_warning("id '%s' is defined by modules %s and %s; keeping the one "
                "from %s, the other will not be patchable",
                cell->id, module_name(cell->module), module_name(module),
                module_name(cell->module));
  }
}

/* ---------------------------------------------------------------- entries */

/* The cell of `id` for rule 3's copy of `object`: NULL when the object
** already has one (another unit of it describes the same copy). */
static struct hpt_entry *copy_cell(struct hpt_table *table, const char *id,
                                   uint64_t hash, const void *object) {
  bool added;
  struct hpt_entry *cell = hpt_find_or_add(table, id, hash, object, &added);
  if (!added)
    return NULL;
  registry.copies++;
  return cell;
}

static void add_function(const struct hotpatch_module *module,
                         const void *object,
                         const struct hotpatch_function *function) {
  bool added;
  uint64_t hash = hpt_hash(function->id);
  struct hpt_entry *cell =
      hpt_find_or_add(&registry.functions, function->id, hash, NULL, &added);
  if (!added) {
    const struct hotpatch_function *first = cell->item;
    if (is_mirror(first, function))
      add_mirror(cell, function);
    enum duplicate_outcome outcome =
        resolve_duplicate(same_function(first, function), first->flags,
                          function->flags, apart(module, object, cell->module));
    if (outcome == KEEP_AS_COPY)
      cell = copy_cell(&registry.functions, function->id, hash, object);
    else
      settle_duplicate(cell, outcome, module, function);
    if (!cell || (outcome != KEEP_AS_COPY && cell->item != function))
      return;
  }
  /* A new or winning entry runs the code it was built with. */
  cell->module = module;
  cell->item = function;
  cell->impl = function->impl;
  cell->hash_lo = function->hash_lo;
  cell->hash_hi = function->hash_hi;
}

static void add_datum(const struct hotpatch_module *module, const void *object,
                      const struct hotpatch_data *datum) {
  bool added;
  uint64_t hash = hpt_hash(datum->id);
  struct hpt_entry *cell =
      hpt_find_or_add(&registry.data, datum->id, hash, NULL, &added);
  if (!added) {
    const struct hotpatch_data *first = cell->item;
    enum duplicate_outcome outcome =
        hpr_makes_writable(first, datum)
            ? REPLACE_WITH_NEW
            : resolve_duplicate(same_datum(first, datum), first->flags,
                                datum->flags,
                                apart(module, object, cell->module));
    if (outcome != KEEP_AS_COPY) {
      settle_duplicate(cell, outcome, module, datum);
      return;
    }
    cell = copy_cell(&registry.data, datum->id, hash, object);
    if (!cell)
      return;
  }
  cell->module = module;
  cell->item = datum;
}

/* Entries without an id are malformed; skip them rather than crash.  The
** same walk over a descriptor's two tables is in debug.c (dump_module) and
** module_info.c, each with its own step: a deliberate mirror. */
static void add_entries(const struct hotpatch_module *module,
                        const void *object) {
  for (uint32_t i = 0; i < module->function_count; i++)
    if (module->functions[i].id)
      add_function(module, object, &module->functions[i]);
  for (uint32_t i = 0; i < module->data_count; i++)
    if (module->data[i].id)
      add_datum(module, object, &module->data[i]);
}

/* ----------------------------------------------------------- registration */

/*
** Entries on first use.  Registering a module records it; its functions
** and data go into the tables at the first lookup (any function below that
** reads them), which enters every module recorded so far in registration
** order, as registering them one by one would have; from then on each
** module is entered as it registers.  Most processes are never patched,
** and one that starts often should not pay for hashing every id into
** tables it never reads: `git --version` of an hcc build of git (5,500
** functions) took 5.2 ms of CPU with its entries made at registration,
** 1.85 ms now, 1.54 ms with HOTPATCH=off (docs/runtime.md, "Entries on
** first use").
** HOTPATCH_LAZY_ENTRIES=0 enters each module as it registers.
** Until the first lookup no patch can have been applied, so no copy of a
** function can be behind its entry (register.c's mirrors), and a warning
** of the duplicate rule comes at that lookup.
*/

static void warn_unpatchable(const struct hotpatch_module *module) {
  hpl_warning("out of memory registering module %s; it will not be patchable",
              module_name(module));
}

/* Every allocation the module's entries need, before any is made, so that
** a module is entered whole or not at all.  Growing a table early is
** harmless: it stays valid, only larger. */
static int reserve_entries(const struct hotpatch_module *module) {
  for (uint32_t i = 0; i < module->function_count; i++) {
    const struct hotpatch_function *function = &module->functions[i];
    struct hpt_entry *cell = function->id
                                 ? hpt_find(&registry.functions, function->id,
                                            hpt_hash(function->id), NULL)
                                 : NULL;
    if (cell && is_mirror(cell->item, function) && reserve_mirror(cell) != 0)
      return -1;
  }
  if (hpt_reserve(&registry.functions,
                  registry.functions.count + module->function_count) != 0)
    return -1;
  return hpt_reserve(&registry.data, registry.data.count + module->data_count);
}

/* Enter every module recorded and not yet entered; one that does not fit
** in memory is dropped from the list, as if it had never registered.
** Called first by every lookup and iteration, so that no caller holds a
** record when one moves. */
static void enter_recorded(void) {
  registry.lookups = true;
  while (registry.entered < registry.module_count) {
    struct hpr_module_record *record = &registry.modules[registry.entered];
    if (reserve_entries(record->module) == 0) {
      record->object = linked_object(record->module);
      add_entries(record->module, record->object);
      registry.entered++;
      continue;
    }
    warn_unpatchable(record->module);
    memmove(record, record + 1,
            (registry.module_count - registry.entered - 1) * sizeof *record);
    registry.module_count--;
  }
}

int hpr_register(const struct hotpatch_module *module) {
  int rc = 0;
  hpr_lock();
  if (module_is_registered(module))
    goto out;
  if (reserve_module() != 0) {
    warn_unpatchable(module);
    rc = -1;
    goto out;
  }
  registry.modules[registry.module_count++] = (struct hpr_module_record){
      .module = module, .hash_lo = module->hash_lo, .hash_hi = module->hash_hi};
  if (registry.lookups || !hpc_lazy_entries()) {
    enter_recorded();
    rc = module_is_registered(module) ? 0 : -1;
  }
out:
  hpr_unlock();
  return rc;
}

bool hpr_any_lookup(void) {
  assert(hpr_held());
  return registry.lookups;
}

/* ----------------------------------------------------------------- lookup */

/* The cell of `id` that `asking` reaches: its object's copy (duplicate
** rule 3), else the id's entry. */
static struct hpt_entry *reach(const struct hpt_table *table,
                               const struct hotpatch_module *asking,
                               const char *id) {
  uint64_t hash = hpt_hash(id);
  const void *object = asking && registry.copies ? object_of(asking) : NULL;
  struct hpt_entry *cell = object ? hpt_find(table, id, hash, object) : NULL;
  return cell ? cell : hpt_find(table, id, hash, NULL);
}

int hpr_find_function(const struct hotpatch_module *asking, const char *id,
                      struct hpr_function_ref *out) {
  assert(hpr_held());
  enter_recorded();
  const struct hpt_entry *cell = reach(&registry.functions, asking, id);
  if (!cell)
    return -1;
  out->function = cell->item;
  out->module = cell->module;
  return 0;
}

int hpr_find_data(const struct hotpatch_module *asking, const char *id,
                  struct hpr_data_ref *out) {
  assert(hpr_held());
  enter_recorded();
  const struct hpt_entry *cell = reach(&registry.data, asking, id);
  if (!cell)
    return -1;
  out->data = cell->item;
  out->module = cell->module;
  return 0;
}

int hpr_for_each_module(hpr_module_visitor visit, void *arg) {
  assert(hpr_held());
  enter_recorded();
  for (size_t i = 0; i < registry.module_count; i++) {
    int rc = visit(registry.modules[i].module, arg);
    if (rc != 0)
      return rc;
  }
  return 0;
}

size_t hpr_module_count(void) {
  assert(hpr_held());
  return registry.module_count;
}

size_t hpr_function_count(void) {
  assert(hpr_held());
  enter_recorded();
  return registry.functions.count;
}

size_t hpr_data_count(void) {
  assert(hpr_held());
  enter_recorded();
  return registry.data.count;
}

/* ---------------------------------------------------- added by patches */

struct hpr_module_record *hpr_find_module(const char *id) {
  assert(hpr_held());
  enter_recorded();
  for (size_t i = 0; i < registry.module_count; i++) {
    const char *module_id = registry.modules[i].module->id;
    if (module_id && strcmp(module_id, id) == 0)
      return &registry.modules[i];
  }
  return NULL;
}

struct hpt_entry *hpr_function_entry(const struct hotpatch_module *asking,
                                     const char *id) {
  assert(hpr_held());
  enter_recorded();
  return reach(&registry.functions, asking, id);
}

int hpr_reserve_added(struct hpr_module_record *record, size_t functions,
                      size_t data) {
  assert(hpr_held());
  enter_recorded();
  if (hpt_reserve(&registry.functions, registry.functions.count + functions) ||
      hpt_reserve(&registry.data, registry.data.count + data))
    return -1;
  const struct hotpatch_function **functions_room = hpu_grow(
      record->added_functions, &record->added_function_capacity,
      record->added_function_count + functions, sizeof *functions_room);
  if (!functions_room)
    return -1;
  record->added_functions = functions_room;
  const struct hotpatch_data **data_room =
      hpu_grow(record->added_data, &record->added_data_capacity,
               record->added_data_count + data, sizeof *data_room);
  if (!data_room)
    return -1;
  record->added_data = data_room;
  return 0;
}

void hpr_add_function(struct hpr_module_record *record,
                      const struct hotpatch_function *function) {
  assert(hpr_held());
  if (!function->id)
    return;
  for (size_t i = 0; i < record->added_function_count; i++)
    if (record->added_functions[i] == function)
      return;
  add_function(record->module, record->object, function);
  record->added_functions[record->added_function_count++] = function;
}

/* The mirror of hpr_add_function for data (C has no generics over the two
** entry types; deliberate). */
void hpr_add_datum(struct hpr_module_record *record,
                   const struct hotpatch_data *datum) {
  assert(hpr_held());
  if (!datum->id)
    return;
  for (size_t i = 0; i < record->added_data_count; i++)
    if (record->added_data[i] == datum)
      return;
  add_datum(record->module, record->object, datum);
  record->added_data[record->added_data_count++] = datum;
}

int hpr_for_each_record(hpr_record_visitor visit, void *arg) {
  assert(hpr_held());
  enter_recorded();
  for (size_t i = 0; i < registry.module_count; i++) {
    int rc = visit(&registry.modules[i], arg);
    if (rc != 0)
      return rc;
  }
  return 0;
}

bool hpr_makes_writable(const struct hotpatch_data *existing,
                        const struct hotpatch_data *added) {
  return existing->kind == HOTPATCH_DATA_CONSTANT &&
         added->kind != HOTPATCH_DATA_CONSTANT;
}

/* ------------------------------------------------------------------ reset */

void hpr_reset(void) {
  hpr_lock();
  for (size_t i = 0; i < registry.module_count; i++) {
    free(registry.modules[i].added_functions);
    free(registry.modules[i].added_data);
  }
  free(registry.modules);
  registry.modules = NULL;
  registry.module_count = 0;
  registry.module_capacity = 0;
  hpt_clear(&registry.functions);
  hpt_clear(&registry.data);
  registry.copies = 0;
  registry.entered = 0;
  registry.lookups = false;
  hpr_unlock();
}

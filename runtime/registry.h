/*
** registry.h: the process-wide registry of instrumented modules.
**
** One registry per process: every instrumented module (the program's own
** translation units and those of every loaded shared object) registers into
** it, and every function and datum is found by its stable id.  The registry
** keeps pointers into the modules' descriptors and never copies them.
**
** Locking: one mutex, taken with hpr_lock().  Registration takes it itself;
** every lookup and iteration below needs the caller to hold it, so that a
** caller (the patch loader) can look up many ids and publish slots against
** one consistent view.  The registry is usable from the first constructor
** that runs, whatever the order of constructors: its state is statically
** initialised, and its tables are built at the first lookup.
*/
#ifndef HOTPATCH_RUNTIME_REGISTRY_H
#define HOTPATCH_RUNTIME_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "hotpatch_abi.h"
#include "idtable.h"

/* A registered function and the module whose entry won (see the duplicate
** rule in registry.c). */
struct hpr_function_ref {
  const struct hotpatch_function *function;
  const struct hotpatch_module *module;
};

/* A registered datum and the module whose entry won. */
struct hpr_data_ref {
  const struct hotpatch_data *data;
  const struct hotpatch_module *module;
};

/* A registered module as the registry keeps it: the descriptor, the hash
** of the code the process runs now (the descriptor's until a patch of the
** module is applied), and the functions and data that patches added to it
** (entries of the patches' descriptors, which stay mapped). */
struct hpr_module_record {
  const struct hotpatch_module *module;
  const void *object; /* base of the linked object that holds it (entered) */
  uint64_t hash_lo, hash_hi;
  const struct hotpatch_function **added_functions;
  size_t added_function_count, added_function_capacity;
  const struct hotpatch_data **added_data;
  size_t added_data_count, added_data_capacity;
};

/* Add a module; its entries go into the tables, all or nothing, at the
** first lookup, or at once after one (registry.c, "Entries on first use").
** The caller has checked abi_version.  Takes the lock.  Registering the
** same descriptor twice is a no-op.  Returns 0, or -1 when out of memory
** (nothing of the module is then registered, and a warning said so); a
** module whose entries do not fit later is dropped with the same warning. */
int hpr_register(const struct hotpatch_module *module);

/* Whether any lookup was made; until then no patch can have been applied.
** Caller holds the lock. */
bool hpr_any_lookup(void);

/* Take and release the registry lock.  Not recursive.  hpr_held(): whether
** the calling thread holds it; every "caller holds the lock" below is
** asserted with it. */
void hpr_lock(void);
void hpr_unlock(void);
bool hpr_held(void);

/* Lookups take the module that asks (a registered descriptor, a patch's
** through the module it patches) or NULL: an id that two linked objects
** define apart (hidden visibility) names, for a module of either, its own
** object's copy; for NULL, and in every other case, the id's entry.  Caller
** holds the lock. */

/* Look up a function by stable id.  Returns 0 and fills *out, or -1 when no
** function has that id. */
int hpr_find_function(const struct hotpatch_module *asking, const char *id,
                      struct hpr_function_ref *out);

/* Look up a datum by stable id.  Returns 0 and fills *out, or -1 when no
** datum has that id. */
int hpr_find_data(const struct hotpatch_module *asking, const char *id,
                  struct hpr_data_ref *out);

/* Call visit(module, arg) for every registered module in registration order,
** stopping at the first non-zero result, which is returned (0 when all were
** visited).  Caller holds the lock; visit must not take it. */
typedef int (*hpr_module_visitor)(const struct hotpatch_module *module,
                                  void *arg);
int hpr_for_each_module(hpr_module_visitor visit, void *arg);

/* ---- For the patch loader.  Caller holds the lock for all of these; the
** pointers they return stay valid only until the lock is released (a
** registration may move records and entries). */

/* The first registered module whose id is `id`, or NULL. */
struct hpr_module_record *hpr_find_module(const char *id);

/* The table entry of function `id` (its module, descriptor entry and the
** current impl and hash, which the caller may update), or NULL. */
struct hpt_entry *hpr_function_entry(const struct hotpatch_module *asking,
                                     const char *id);

/* Make room for `functions` and `data` more entries added to `record`, so
** that hpr_add_function/hpr_add_datum cannot fail.  Returns 0, or -1 when
** out of memory (nothing changed that matters: tables only grow). */
int hpr_reserve_added(struct hpr_module_record *record, size_t functions,
                      size_t data);

/* Register a function or datum that a patch adds to `record`'s module, as
** if the module had it from the start (same duplicate rule).  Adding the
** same descriptor entry again is a no-op.  Room must have been reserved. */
void hpr_add_function(struct hpr_module_record *record,
                      const struct hotpatch_function *function);
void hpr_add_datum(struct hpr_module_record *record,
                   const struct hotpatch_data *datum);

/* Whether `added`, a datum a patch defines, takes the id of `existing` as
** storage of its own: `existing` is a constant, a static local its function
** only read (docs/design.md, "Static locals only read are constants"), and
** the patch's code writes it.  The duplicate rule lets it replace the
** constant, and the loader accepts it as new. */
bool hpr_makes_writable(const struct hotpatch_data *existing,
                        const struct hotpatch_data *added);

/* Call visit(record, arg) for every module record in registration order,
** as hpr_for_each_module does. */
typedef int (*hpr_record_visitor)(const struct hpr_module_record *record,
                                  void *arg);
int hpr_for_each_record(hpr_record_visitor visit, void *arg);

/* Counts of registered modules and of distinct function and data ids.
** Caller holds the lock. */
size_t hpr_module_count(void);
size_t hpr_function_count(void);
size_t hpr_data_count(void);

/* Forget every module and entry.  For unit tests only: a real process never
** unregisters, because its descriptors stay mapped.  Takes the lock. */
void hpr_reset(void);

#endif /* HOTPATCH_RUNTIME_REGISTRY_H */

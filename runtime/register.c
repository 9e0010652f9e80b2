/*
** register.c: the entry point every instrumented module's constructor calls.
**
** Constructors run before main, or inside dlopen on whatever thread called
** it, in an order nobody controls; the registry copes with all of that, so
** this file only filters what must not be registered.
*/
#include "config.h"
#include "control.h"
#include "internal.h"
#include "loader.h"
#include "log.h"
#include "registry.h"
#include "slots.h"

/* A module built for another ABI may lay out its descriptor differently;
** only abi_version and id, the first fields of every version, are read. */
static bool abi_matches(const struct hotpatch_module *module) {
  if (module->abi_version == HOTPATCH_ABI_VERSION)
    return true;
  hpl_warning("module %s was built for ABI %u, runtime has %d; it will not be "
              "patchable",
              module->id ? module->id : "(unnamed)",
              (unsigned)module->abi_version, HOTPATCH_ABI_VERSION);
  return false;
}

/* A function of `module` whose id another object registered first (a C++
** inline function in two shared objects) is that entry's mirror, and runs
** what the entry runs now; before any patch that is its own copy. */
static bool mirror_behind(const struct hotpatch_module *module,
                          const struct hotpatch_function *function) {
  const struct hpt_entry *entry = hpr_function_entry(module, function->id);
  if (!entry || entry->item == function)
    return false;
  const struct hotpatch_function *first = entry->item;
  return entry->impl != first->impl && *function->slot != entry->impl &&
         first->stub == function->stub && first->slot != function->slot;
}

/* A library loaded after a patch of such a function gets the patched code
** at once.  Writing a slot needs the books (the loader mutex, taken first,
** as every publisher does) and its page opened; so this is done after the
** registry lock was let go, and only when some mirror is behind, which
** keeps registration off the loader mutex in every other case. */
static void catch_up_mirrors(const struct hotpatch_module *module) {
  bool behind = false;
  hpr_lock();
  if (!hpr_any_lookup()) { /* so nothing was patched */
    hpr_unlock();
    return;
  }
  for (uint32_t i = 0; i < module->function_count && !behind; i++)
    behind = mirror_behind(module, &module->functions[i]);
  hpr_unlock();
  if (!behind)
    return;
  bool took = !hpa_held_by_caller();
  if (took)
    hpa_lock();
  hpr_lock();
  for (uint32_t i = 0; i < module->function_count; i++) {
    const struct hotpatch_function *function = &module->functions[i];
    if (mirror_behind(module, function) && hps_open(function->slot) == 0)
      hps_publish(function->slot,
                  hpr_function_entry(module, function->id)->impl);
  }
  hpr_unlock();
  hps_close();
  if (took)
    hpa_unlock();
}

/*
** Register `module` (see hotpatch_abi.h).  Does nothing under HOTPATCH=off.
** Takes the registry lock; safe from any thread and before main.  Problems
** (wrong ABI, out of memory) leave the program running unpatchable and are
** reported with one warning line (registry.c writes the one of memory).
*/
HP_API void __hotpatch_register_module(const struct hotpatch_module *module) {
  if (!module || !hpc_enabled())
    return;
  if (!abi_matches(module))
    return;
  if (hpr_register(module) != 0)
    return; /* out of memory; the registry warned */
  if (module->function_count > 0)
    hps_protect(module->functions[0].slot);
  catch_up_mirrors(module);
}

/*
** Called by every instrumented module's second constructor, which has the
** default priority and so runs after the registering constructors of every
** module of the same executable or library: only then does the registry
** describe the whole program, so only then is the control channel opened
** (once per process; a `registry` answer never shows half a program).
*/
HP_API void __hotpatch_control_ready(void) {
  if (!hpc_enabled())
    return;
  hpr_lock();
  size_t modules = hpr_module_count();
  hpr_unlock();
  if (modules > 0)
    hpn_start_once();
}

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
#include "log.h"
#include "registry.h"

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

/*
** Register `module` (see hotpatch_abi.h) and, the first time, start the
** control channel (control.c).  Does nothing under HOTPATCH=off.
** Takes the registry lock; safe from any thread and before main.  Problems
** (wrong ABI, out of memory) leave the program running unpatchable and are
** reported with one warning line.
*/
HP_API void __hotpatch_register_module(const struct hotpatch_module *module) {
  if (!module || !hpc_enabled())
    return;
  if (!abi_matches(module))
    return;
  if (hpr_register(module) != 0) {
    hpl_warning("out of memory registering module %s; it will not be "
                "patchable",
                module->id ? module->id : "(unnamed)");
    return;
  }
  /* The first module opens the control channel (once per process). */
  hpn_start_once();
}

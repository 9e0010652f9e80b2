/*
** internal.h: what every runtime file shares.
**
** The runtime is built with hidden visibility by default, so nothing but the
** public API of hotpatch.h and the registration entry point leaves the
** library.  HP_API marks those few definitions.  Internal cross-file names
** carry one short prefix per subsystem:
**
**   hpr_  registry (registry.c)        hpt_  id table (idtable.c)
**   hps_  slots (slots.c)              hph_  reload hooks (reload_hooks.c)
**   hpg_  generation (generation.c)    hpc_  configuration (config.c)
**   hpl_  logging (log.c)              hpm_  module info text (module_info.c)
**   hpk_  patch collection (collect.c) hpi_  imports (imports.c)
**   hpa_  loader (loader.c, revert.c)  hpy_  history (history.c)
**   hpq_  requests (requests.c)        hpn_  control socket (control.c)
**   hpd_  socket directory (control_dir.c)
**   hpf_  fork handlers (fork.c)        hpp_  safe points (safepoint.c)
**   hsp_  slot pages (slot_pages.c)     hpe_  ELF reading (elf_read.c)
**   hpv_  patch file checks (patch_file.c)
**   hpx_  faults in patched code (faults.c)
**   hpw_  mutexes that know their owner (mutex.c)
**   hpb_  who owns the books (books.c)
**   hpo_  system calls tests can make fail (syscalls.c)
**   hpj_  the journal of every patch applied (journal.c)
**   hdg_  the debugger's log and hook (debugger.c)
**   hpu_  growing arrays (grow.c)
**   hfc_  calling functions by name (call.c, call_values.c, libffi.c)
*/
#ifndef HOTPATCH_RUNTIME_INTERNAL_H
#define HOTPATCH_RUNTIME_INTERNAL_H

#define HP_API __attribute__((visibility("default")))

#endif /* HOTPATCH_RUNTIME_INTERNAL_H */

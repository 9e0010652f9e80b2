/*
** hotpatch_abi.h: the one contract between the plugin and the runtime.
**
** The plugin (plugin/) emits, for every instrumented translation unit, a
** module descriptor laid out exactly as `struct hotpatch_module` below and a
** constructor that hands it to HOTPATCH_REGISTER_FN.  The runtime (runtime/)
** reads it.  The driver (driver/) reads the textual copy of the same facts
** (HOTPATCH_INFO_SECTION) straight from ELF files, for `hcc inspect`.
**
** Anything changed here must change in both plugin/ModuleDescriptor.cpp and
** runtime/, and bumps HOTPATCH_ABI_VERSION.
*/
#ifndef HOTPATCH_ABI_H
#define HOTPATCH_ABI_H

#include <stdint.h>

#define HOTPATCH_ABI_VERSION 1

/* ---------------------------------------------------------------------------
** Names the plugin emits.  Everything it creates lives in a reserved
** namespace: either a leading "__hotpatch" or a ".hp." infix, which no C
** identifier can contain.
** ------------------------------------------------------------------------- */
#define HOTPATCH_REGISTER_FN "__hotpatch_register_module"
#define HOTPATCH_IMPL_SUFFIX ".hp.impl"   /* F.hp.impl: the moved body        */
#define HOTPATCH_SLOT_SUFFIX ".hp.slot"   /* F.hp.slot: pointer to newest code */
#define HOTPATCH_TLS_SUFFIX ".hp.tls"     /* V.hp.tls: TLS address accessor    */
#define HOTPATCH_DESCRIPTOR_NAME "__hotpatch.module"
#define HOTPATCH_CTOR_NAME "__hotpatch.ctor"
#define HOTPATCH_INFO_NAME "__hotpatch.info"
/* Section of the textual module info; a C identifier so that the linker
** provides __start_/__stop_ symbols. */
#define HOTPATCH_INFO_SECTION "hotpatch_info"
/* Section holding every slot, so that the runtime can find and protect them. */
#define HOTPATCH_SLOT_SECTION "hotpatch_slots"
/* Attribute string that opts a function out of instrumentation:
** __attribute__((annotate("no_hotpatch"))). */
#define HOTPATCH_OPT_OUT_ANNOTATION "no_hotpatch"

/* Flags of functions and data (bit set). */
enum hotpatch_symbol_flags {
  HOTPATCH_SYM_INTERNAL = 1u << 0, /* static: the id is "module-id:name"   */
  HOTPATCH_SYM_WEAK = 1u << 1,     /* weak or common: another may win     */
  HOTPATCH_SYM_VARARGS = 1u << 2,  /* function takes "..."                */
  HOTPATCH_SYM_COMMON = 1u << 3    /* -fcommon tentative definition        */
};

/* What a data entry is. */
enum hotpatch_data_kind {
  HOTPATCH_DATA_GLOBAL = 1,       /* external mutable global             */
  HOTPATCH_DATA_STATIC = 2,       /* file-scope static                   */
  HOTPATCH_DATA_STATIC_LOCAL = 3, /* static variable inside a function   */
  HOTPATCH_DATA_TLS = 4,          /* _Thread_local, any linkage          */
  HOTPATCH_DATA_CONSTANT = 5      /* named constant (const table)        */
};

/* One instrumented function.  Calls reach `impl` through `*slot`; `stub` is
** the address the program sees as the function's address. */
struct hotpatch_function {
  const char *id;    /* stable id: name, or "module-id:name" if internal */
  void **slot;       /* the pointer every call loads                     */
  void *stub;        /* the function's public address                    */
  void *impl;        /* the body this module was built with              */
  uint64_t hash_lo;  /* XXH3-128 of the normalised final IR              */
  uint64_t hash_hi;
  uint32_t flags;    /* enum hotpatch_symbol_flags                       */
  uint32_t reserved;
};

/* One global, static, static local, thread-local or named constant. */
struct hotpatch_data {
  const char *id;
  void *address;               /* storage; NULL for thread-locals         */
  void *(*tls_address)(void);  /* thread-locals: the caller's copy        */
  uint64_t size;               /* bytes                                   */
  uint64_t layout_hash;        /* XXH3-64 of the type and alignment       */
  uint32_t kind;               /* enum hotpatch_data_kind                 */
  uint32_t flags;              /* enum hotpatch_symbol_flags              */
  const char *type;            /* its type, spelled without spaces        */
};

/* A translation unit, as registered by its constructor. */
struct hotpatch_module {
  uint32_t abi_version;        /* HOTPATCH_ABI_VERSION                    */
  uint32_t flags;              /* none yet                                */
  const char *id;              /* module id given by hcc or the main file */
  uint64_t hash_lo;            /* XXH3-128 over all entries below         */
  uint64_t hash_hi;
  uint32_t function_count;
  uint32_t data_count;
  const struct hotpatch_function *functions;
  const struct hotpatch_data *data;
  const char *info;            /* the HOTPATCH_INFO_SECTION text          */
};

/* Called by every instrumented module's constructor.  The plugin declares it
** extern_weak, so an object built with the bare plugin links and runs
** without the runtime (the constructor then registers nothing). */
void __hotpatch_register_module(const struct hotpatch_module *module);

/* Called (also extern_weak) by a second constructor of every module, of
** default priority: it runs after the registering constructors (priority 0)
** of the whole executable or library, so the runtime opens its control
** channel only once the registry describes the whole program. */
#define HOTPATCH_READY_FN "__hotpatch_control_ready"
#define HOTPATCH_READY_CTOR_NAME "__hotpatch.ready"
void __hotpatch_control_ready(void);

/* ---------------------------------------------------------------------------
** Patch modules.
**
** hcc recompiles a changed translation unit with the plugin in patch mode and
** links the objects into one shared object, the patch.  Each translation unit
** of it contributes one struct hotpatch_patch, handed to the runtime by a
** constructor calling HOTPATCH_REGISTER_PATCH_FN while the runtime's loader
** is inside dlopen().  Nothing else of the patch runs before the loader has
** verified every module of the patch and filled every import:
**
**   functions  changed functions (slot == NULL, stub == NULL: the runtime
**              publishes impl into the slot the process already has) and
**              new functions (own slot and stub, registered as new)
**   data       new globals, registered as new
**   imports    every existing function, global and thread-local the kept
**              code uses; the runtime writes the address into *cell
**   init       run once after imports are filled: stores addresses into
**              globals whose initialisers use imports, then runs the new
**              constructors
**   updates    external constants whose content changed, copied over the
**              process's storage after init
** ------------------------------------------------------------------------- */
#define HOTPATCH_REGISTER_PATCH_FN "__hotpatch_register_patch"
#define HOTPATCH_PATCH_NAME "__hotpatch.patch"
#define HOTPATCH_PATCH_INIT_NAME "__hotpatch.patch_init"
#define HOTPATCH_IMPORT_PREFIX "__hotpatch.import."

enum hotpatch_import_kind {
  HOTPATCH_IMPORT_FUNCTION = 1, /* the function's stub: its address        */
  HOTPATCH_IMPORT_SLOT = 2,     /* the function's slot (calls load it)     */
  HOTPATCH_IMPORT_DATA = 3,     /* a global's storage                      */
  HOTPATCH_IMPORT_TLS = 4       /* a thread-local's accessor function      */
};

struct hotpatch_import {
  const char *id;        /* stable id of what is imported                  */
  void **cell;           /* the runtime stores the resolved address here   */
  uint64_t layout_hash;  /* data and TLS: the layout the patch was built    */
                         /* for; a different one in the process refuses    */
  uint64_t size;         /* data and TLS: bytes the patch expects          */
  uint32_t kind;         /* enum hotpatch_import_kind                      */
  uint32_t flags;        /* enum hotpatch_symbol_flags                     */
};

/* A constant with external linkage whose content changed: other modules'
** unchanged code reads it in place, as a fresh build would read the new
** content, so the runtime copies `content` over the process's storage (same
** size; the plugin refuses a size change). */
struct hotpatch_update {
  void **target_cell;          /* an import cell: the constant's storage  */
  const void *content;         /* the new content, filled by init         */
  uint64_t size;               /* bytes                                   */
};

struct hotpatch_patch {
  uint32_t abi_version;        /* HOTPATCH_ABI_VERSION                    */
  uint32_t flags;              /* none yet                                */
  const char *module_id;       /* the module this patch replaces code of  */
  uint64_t hash_lo;            /* the module's hash after this patch      */
  uint64_t hash_hi;
  uint32_t function_count;
  uint32_t data_count;
  uint32_t import_count;
  uint32_t reserved;
  const struct hotpatch_function *functions;
  const struct hotpatch_data *data;
  const struct hotpatch_import *imports;
  void (*init)(void);
  const char *info;            /* module info text of the patched module  */
  uint32_t update_count;       /* constants to update in place, applied   */
  uint32_t reserved2;          /* after init and before publishing        */
  const struct hotpatch_update *updates;
};

/* What a patch object contains, as text for tools (hcc prints it and
** recognises an empty patch by it), in section HOTPATCH_PATCH_SECTION:
**
**   hotpatch-patch 1 <module-id>
**   changed <id>          a function whose code changed
**   new <id>              a new function
**   new-data <id>         a new global, static or static local
**   update <id>           an external constant whose content changed
**   skipped <n> <total>   n of the module's total functions were not
**                         optimised: they cannot have changed (at -O1
**                         and above, when hcc gave a closures directory)
**   end
*/
#define HOTPATCH_PATCH_SECTION "hotpatch_patch"

/* The section every patch object carries when hcc gives the plugin
** -fplugin-arg-hotpatch-target=<build-id>: the GNU build-id, in lower-case
** hex and ended by a newline, of the program the patch was made for (the
** objects of one patch all say the same; the runtime reads the first line).
** The runtime refuses a patch whose target no loaded object has. */
#define HOTPATCH_TARGET_SECTION "hotpatch_target"
#define HOTPATCH_PATCH_MAGIC "hotpatch-patch"

/* Called by each patch module's constructor during the loader's dlopen(). */
void __hotpatch_register_patch(const struct hotpatch_patch *patch);

/* ---------------------------------------------------------------------------
** The textual module info (section HOTPATCH_INFO_SECTION).
**
** Each module contributes one NUL-terminated block; the linker concatenates
** blocks and may pad between them with NUL bytes.  Lines, '\n'-terminated,
** the id always last so that it may contain spaces:
**
**   hotpatch-module 1 <hash:32 hex> <module-id>
**   function <hash:32 hex> <flags:hex> <id>
**   data <kind-word> <size:dec> <layout-hash:16 hex> <flags:hex> <type> <id>
**   end
**
** kind-word is one of: global static static-local tls constant.
** A 32-hex-digit hash is hash_hi then hash_lo, each as 16 lower-case digits;
** flags are enum hotpatch_symbol_flags in hex; a type is spelled like LLVM's
** with no spaces: i32, ptr, [4xi32], struct.point{i64,i64,} (hcc names it
** in refusals).
** ------------------------------------------------------------------------- */
#define HOTPATCH_INFO_MAGIC "hotpatch-module"

#endif /* HOTPATCH_ABI_H */

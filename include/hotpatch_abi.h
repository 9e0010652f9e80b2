/*
** hotpatch_abi.h: the one contract between the plugin and the runtime.
**
** The plugin (plugin/) emits, for every instrumented translation unit, a
** module descriptor laid out exactly as `struct hotpatch_module` below and a
** constructor that hands it to HOTPATCH_REGISTER_FN.  The runtime (runtime/)
** reads it.  The driver (driver/) reads the textual copy of the same facts
** (HOTPATCH_INFO_SECTION) straight from ELF files, for `hcc inspect`.
**
** The structs are field lists that the plugin turns into its IR types
** (plugin/AbiStructs.h), so a change here that the plugin does not follow
** fails its build; a change bumps HOTPATCH_ABI_VERSION.
*/
#ifndef HOTPATCH_ABI_H
#define HOTPATCH_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define HOTPATCH_ABI_VERSION 2

/* ---------------------------------------------------------------------------
** Names the plugin emits.  Everything it creates lives in a reserved
** namespace: either a leading "__hotpatch" or a ".hp." infix, which no C
** identifier can contain.
** ------------------------------------------------------------------------- */
/* clang-format off */
#define HOTPATCH_REGISTER_FN "__hotpatch_register_module"
#define HOTPATCH_IMPL_SUFFIX ".hp.impl"   /* F.hp.impl: the moved body        */
#define HOTPATCH_SLOT_SUFFIX ".hp.slot"   /* F.hp.slot: pointer to newest code */
#define HOTPATCH_TLS_SUFFIX ".hp.tls"     /* V.hp.tls: TLS address accessor    */
#define HOTPATCH_DESCRIPTOR_NAME "__hotpatch.module"
#define HOTPATCH_CTOR_NAME "__hotpatch.ctor"
#define HOTPATCH_INFO_NAME "__hotpatch.info"
/* clang-format on */
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

/* What a data entry is, its word in the module info text and its noun in
** messages: X(NAME, value, word, noun).  The enum,
** hotpatch_data_kind_word(), hotpatch_data_kind_noun() and
** hotpatch_data_kind_of_word() are made from this one list. */
/* clang-format off */
#define HOTPATCH_DATA_KINDS(X)                                                 \
  X(GLOBAL, 1, "global", "global")  /* external mutable global            */ \
  X(STATIC, 2, "static", "static")  /* file-scope static                  */ \
  X(STATIC_LOCAL, 3, "static-local", "static local") /* inside a function */ \
  X(TLS, 4, "tls", "thread-local")  /* _Thread_local, any linkage         */ \
  X(CONSTANT, 5, "constant", "constant") /* named constant (const table)  */

#define HOTPATCH_DATA_KIND_ENUMERATOR(name, value, word, noun) HOTPATCH_DATA_##name = (value),
enum hotpatch_data_kind { HOTPATCH_DATA_KINDS(HOTPATCH_DATA_KIND_ENUMERATOR) };
#undef HOTPATCH_DATA_KIND_ENUMERATOR

/* The word (as_noun 0) or the noun in messages (as_noun 1: "static
** local", "thread-local") of a data kind; "unknown" or "data" for a value
** that is none. */
static inline const char *hotpatch_data_kind_name(uint32_t kind, int as_noun) {
#define HOTPATCH_DATA_KIND_ROW(name, value, word, noun) {(value), (word), (noun)},
  static const struct {
    uint32_t kind;
    const char *word, *noun;
  } names[] = {HOTPATCH_DATA_KINDS(HOTPATCH_DATA_KIND_ROW)};
#undef HOTPATCH_DATA_KIND_ROW
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].kind == kind) return as_noun ? names[i].noun : names[i].word;
  return as_noun ? "data" : "unknown";
}
static inline const char *hotpatch_data_kind_word(uint32_t kind) {
  return hotpatch_data_kind_name(kind, 0);
}
static inline const char *hotpatch_data_kind_noun(uint32_t kind) {
  return hotpatch_data_kind_name(kind, 1);
}

/* The kind whose word is the n bytes at w; 0 when none is. */
static inline uint32_t hotpatch_data_kind_of_word(const char *w, size_t n) {
#define HOTPATCH_DATA_KIND_MATCH(name, value, word, noun) \
  if (n == sizeof(word) - 1 && memcmp(w, (word), n) == 0) return (value);
  HOTPATCH_DATA_KINDS(HOTPATCH_DATA_KIND_MATCH)
#undef HOTPATCH_DATA_KIND_MATCH
  return 0;
}
/* clang-format on */

/* ---------------------------------------------------------------------------
** The structs, each described once as a field list X(kind, C type, name)
** that both sides derive from:
**
**   C (runtime, driver)  HOTPATCH_STRUCT turns the list into the struct and
**                        _Static_asserts that each C type has its kind's size
**   plugin               plugin/AbiStructs.h turns the same list into the
**                        LLVM StructType and a row type whose fields the
**                        plugin must all set by name; it checks at build time
**                        that the natural layout of the kinds is the C layout
**                        (offsetof), and when it emits a row that the
**                        module's DataLayout agrees
**
** Kinds: PTR (a data or function pointer), U32, U64.  A field added,
** removed, renamed or given another kind here therefore fails the build
** of the plugin until it is changed there too.
** ------------------------------------------------------------------------- */
#define HOTPATCH_KIND_SIZE_PTR sizeof(void *)
#define HOTPATCH_KIND_SIZE_U32 4
#define HOTPATCH_KIND_SIZE_U64 8

#ifdef __cplusplus
#define HOTPATCH_STATIC_ASSERT static_assert
#else
#define HOTPATCH_STATIC_ASSERT _Static_assert
#endif

#define HOTPATCH_STRUCT_MEMBER(kind, type, name) type name;
/* The C type of a field has its kind's size. */
#define HOTPATCH_STRUCT_KIND_CHECK(kind, type, name)                           \
  HOTPATCH_STATIC_ASSERT(sizeof(type) == HOTPATCH_KIND_SIZE_##kind,            \
                         "field " #name " is not of kind " #kind);
/* struct S from its field list FIELDS, with the checks. */
#define HOTPATCH_STRUCT(S, FIELDS)                                             \
  struct S {                                                                   \
    FIELDS(HOTPATCH_STRUCT_MEMBER)                                             \
  };                                                                           \
  FIELDS(HOTPATCH_STRUCT_KIND_CHECK)

typedef void *(*hotpatch_tls_accessor)(void); /* the caller's copy of a TLS */
typedef void (*hotpatch_init_fn)(void);

/* One instrumented function.  Calls reach `impl` through `*slot`; `stub` is
** the address the program sees as the function's address. */
/* clang-format off */
#define HOTPATCH_FUNCTION_FIELDS(X)                                                  \
  X(PTR, const char *, id) /* stable id: name, or "module-id:name" if internal */ \
  X(PTR, void **, slot)    /* the pointer every call loads                     */ \
  X(PTR, void *, stub)     /* the function's public address                    */ \
  X(PTR, void *, impl)     /* the body this module was built with              */ \
  X(U64, uint64_t, hash_lo) /* XXH3-128 of the normalised final IR             */ \
  X(U64, uint64_t, hash_hi)                                                       \
  X(U32, uint32_t, flags)  /* enum hotpatch_symbol_flags                       */ \
  X(U32, uint32_t, reserved)                                                      \
  X(PTR, const char *, signature) /* its C signature, for `hcc call` (below)    */

/* The C signature of a function, recorded from clang's AST (the IR alone
** loses signedness, bool and char pointers) so that `hcc call` can pass
** typed arguments (runtime/call.c):
**
**   NULL                  not recorded: the passes ran without clang's front
**                         end (-fpass-plugin=, opt)
**   "!<reason>"           it cannot be called with typed arguments; the
**                         reason completes "cannot call 'f': ", e.g.
**                         "it takes a variable argument list (...)"
**   "<ret>(<param>,...)"  one code per type, no spaces:
**       v        void (return type only)     b      bool
**       i8 i16 i32 i64  signed integers      u8 u16 u32 u64  unsigned ones
**                (char by its signedness, an enum by its underlying type)
**       f32 f64  float, double               ld     long double
**       s        a pointer to char (a string; const or not)
**       p        any other pointer
**   e.g. "i32(i32,s,p)", "v()". */
#define HOTPATCH_SIGNATURE_REFUSED '!'

/* One global, static, static local, thread-local or named constant. */
#define HOTPATCH_DATA_FIELDS(X)                                                      \
  X(PTR, const char *, id)                                                        \
  X(PTR, void *, address)  /* storage; NULL for thread-locals                   */ \
  X(PTR, hotpatch_tls_accessor, tls_address) /* thread-locals: the caller's copy */ \
  X(U64, uint64_t, size)   /* bytes                                             */ \
  X(U64, uint64_t, layout_hash) /* XXH3-64 of the type and alignment            */ \
  X(U32, uint32_t, kind)   /* enum hotpatch_data_kind                           */ \
  X(U32, uint32_t, flags)  /* enum hotpatch_symbol_flags                        */ \
  X(PTR, const char *, type) /* its type, spelled without spaces                */

/* A translation unit, as registered by its constructor. */
#define HOTPATCH_MODULE_FIELDS(X)                                                    \
  X(U32, uint32_t, abi_version) /* HOTPATCH_ABI_VERSION                         */ \
  X(U32, uint32_t, flags)  /* none yet                                          */ \
  X(PTR, const char *, id) /* module id given by hcc or the main file           */ \
  X(U64, uint64_t, hash_lo) /* XXH3-128 over all entries below                  */ \
  X(U64, uint64_t, hash_hi)                                                       \
  X(U32, uint32_t, function_count)                                                \
  X(U32, uint32_t, data_count)                                                    \
  X(PTR, const struct hotpatch_function *, functions)                             \
  X(PTR, const struct hotpatch_data *, data)                                      \
  X(PTR, const char *, info) /* the HOTPATCH_INFO_SECTION text                  */

HOTPATCH_STRUCT(hotpatch_function, HOTPATCH_FUNCTION_FIELDS)
HOTPATCH_STRUCT(hotpatch_data, HOTPATCH_DATA_FIELDS)
HOTPATCH_STRUCT(hotpatch_module, HOTPATCH_MODULE_FIELDS)

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
/* The section of the import cells: linkers put .data.rel.ro.* in the
** read-only-after-relocation segment, the one page a patch writes at load;
** the runtime makes it writable while it fills the cells (imports.c). */
#define HOTPATCH_IMPORT_SECTION ".data.rel.ro.hotpatch_imports"

enum hotpatch_import_kind {
  HOTPATCH_IMPORT_FUNCTION = 1, /* the function's stub: its address        */
  HOTPATCH_IMPORT_SLOT = 2,     /* the function's slot (calls load it)     */
  HOTPATCH_IMPORT_DATA = 3,     /* a global's storage                      */
  HOTPATCH_IMPORT_TLS = 4       /* a thread-local's accessor function      */
};

/* One existing function, global or thread-local the kept code uses. */
#define HOTPATCH_IMPORT_FIELDS(X)                                                    \
  X(PTR, const char *, id) /* stable id of what is imported                     */ \
  X(PTR, void **, cell)    /* the runtime stores the resolved address here      */ \
  X(U64, uint64_t, layout_hash) /* data and TLS: the layout the patch was built */ \
                           /* for; a different one in the process refuses       */ \
  X(U64, uint64_t, size)   /* data and TLS: bytes the patch expects             */ \
  X(U32, uint32_t, kind)   /* enum hotpatch_import_kind                         */ \
  X(U32, uint32_t, flags)  /* enum hotpatch_symbol_flags                        */

/* A constant with external linkage whose content changed: other modules'
** unchanged code reads it in place, as a fresh build would read the new
** content, so the runtime copies `content` over the process's storage (same
** size; the plugin refuses a size change). */
#define HOTPATCH_UPDATE_FIELDS(X)                                                    \
  X(PTR, void **, target_cell) /* an import cell: the constant's storage        */ \
  X(PTR, const void *, content) /* the new content, filled by init              */ \
  X(U64, uint64_t, size)   /* bytes                                             */

/* One translation unit of a patch. */
#define HOTPATCH_PATCH_FIELDS(X)                                                     \
  X(U32, uint32_t, abi_version) /* HOTPATCH_ABI_VERSION                         */ \
  X(U32, uint32_t, flags)  /* none yet                                          */ \
  X(PTR, const char *, module_id) /* the module this patch replaces code of     */ \
  X(U64, uint64_t, hash_lo) /* the module's hash after this patch               */ \
  X(U64, uint64_t, hash_hi)                                                       \
  X(U32, uint32_t, function_count)                                                \
  X(U32, uint32_t, data_count)                                                    \
  X(U32, uint32_t, import_count)                                                  \
  X(U32, uint32_t, reserved)                                                      \
  X(PTR, const struct hotpatch_function *, functions)                             \
  X(PTR, const struct hotpatch_data *, data)                                      \
  X(PTR, const struct hotpatch_import *, imports)                                 \
  X(PTR, hotpatch_init_fn, init)                                                  \
  X(PTR, const char *, info) /* module info text of the patched module          */ \
  X(U32, uint32_t, update_count) /* constants to update in place, applied       */ \
  X(U32, uint32_t, reserved2)    /* after init and before publishing            */ \
  X(PTR, const struct hotpatch_update *, updates)
/* clang-format on */

HOTPATCH_STRUCT(hotpatch_import, HOTPATCH_IMPORT_FIELDS)
HOTPATCH_STRUCT(hotpatch_update, HOTPATCH_UPDATE_FIELDS)
HOTPATCH_STRUCT(hotpatch_patch, HOTPATCH_PATCH_FIELDS)

/* What a patch object contains, as text for tools (hcc prints it and
** recognises an empty patch by it), in section HOTPATCH_PATCH_SECTION:
**
**   hotpatch-patch 2 <module-id>
**   changed <id>          a function whose code changed
**   new <id>              a new function
**   new-data <id>         a new global, static or static local
**   update <id>           an external constant whose content changed
**   removed <id>          a function of the module this compile no longer
**                         defines (the process keeps it; nothing to load)
**   lines <first> <last> <file>
**                         the source lines of a changed or new function's
**                         definition, the file as clang's diagnostics
**                         spell it (hcc shows the warnings inside)
**   skipped <n> <total>   n of the module's total functions were not
**                         optimised: they cannot have changed (at -O1
**                         and above, when hcc gave a closures directory)
**   skipped-after-inliner <n>
**                         n other functions cannot have changed either,
**                         but changed code may inline them: they went
**                         through the inliner's passes, not the later ones
**   recorded-bodies <n>   n functions that changed code may inline did
**                         not go through the inliner's passes either:
**                         they were given the bodies after the inliner
**                         that the build recorded
**   no-ir <n>             n of the skipped functions had no IR generated
**                         at all: the patch cannot need them (C units,
**                         plugin/FrontendSkip.cpp)
**   not-parsed <n>        n function bodies (of those, and of static
**                         functions nothing uses) the parser skipped
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

/* The compile that made a module, which every object the plugin builds
** (build mode, ELF) carries in this section, not allocated: only tools read
** it.  `hcc patch` rebuilds a unit from it when no build database records
** the compile (a ccache hit did not run hcc; a program built with plain
** `clang -fplugin=`).  One block per module, one line ended by '\n' and a
** NUL; the linker concatenates blocks and may pad them with NULs.
** TAB-separated fields, each escaped as in hcc's build database (\\ for
** backslash, \t for TAB, \n for newline):
**
**   hotpatch-unit  1  <module-id>  <cwd>  <source>  <cc1 argument>...
**
** cwd is the compile's absolute working directory, source the input as
** clang was given it (relative to cwd or absolute); the arguments are
** those of `clang -cc1` that compile it, the source among them, without
** the outputs (-o, dependency file), this plugin's -load and arguments,
** and what depends on the terminal (colours, message length): the same
** compile always carries the same text. */
#define HOTPATCH_UNIT_SECTION "hotpatch_unit"
#define HOTPATCH_UNIT_MAGIC "hotpatch-unit"

/* Preprocessed text names its unit.  `hcc -E` of one C or C++ source
** records the compile in its build database and includes (-include) the
** empty file
*<root>HOTPATCH_UNIT_MARKER_DIR<module-id>HOTPATCH_UNIT_MARKER_SUFFIX,
** so that a line marker naming it travels with the text.  The plugin,
** compiling text that holds such a marker (distcc compiles the output of
** `hcc -E` on another machine, from a temporary file), takes the module id
** from it: the one hcc recorded. */
#define HOTPATCH_UNIT_MARKER_DIR "/.hotpatch/units/"
#define HOTPATCH_UNIT_MARKER_SUFFIX ".h"

/* Refusals.  When hcc gives the plugin -fplugin-arg-hotpatch-refusals=FILE,
** every change the plugin refuses in patch mode adds a line to FILE
**
**   <kind-word> <message>
**
** besides the compiler error "hotpatch: <message>" that fails the compile.
** A compile that failed and left a line there was refused (hcc patch exit
** 4); one that failed without was a compile error (exit 3).  Kinds: */
/* clang-format off */
#define HOTPATCH_REFUSAL_NEW_MODULE "new-module"       /* not in the process  */
#define HOTPATCH_REFUSAL_LAYOUT "layout"               /* a global's layout   */
#define HOTPATCH_REFUSAL_CONSTANT_SIZE "constant-size" /* a constant's size   */
#define HOTPATCH_REFUSAL_CLASS "class"                 /* a C++ class's vtable,
                                                          bases, type_info    */
#define HOTPATCH_REFUSAL_EXCEPTION_TYPE "exception-type" /* a caught type the
                                                            patch cannot name */
#define HOTPATCH_REFUSAL_LAMBDA "lambda"   /* lambdas of an inline function
                                              units could number apart   */
#define HOTPATCH_REFUSAL_INITIALISER "initialiser" /* gcc builds: a constant
                                   or new global points at existing state */
#define HOTPATCH_REFUSAL_RETRY "retry" /* not a refusal of the change: hcc
                                          compiles the unit again without
                                          keeping unaffected functions */
/* clang-format on */

/* Called by each patch module's constructor during the loader's dlopen(). */
void __hotpatch_register_patch(const struct hotpatch_patch *patch);

/* ---------------------------------------------------------------------------
** The textual module info (section HOTPATCH_INFO_SECTION).
**
** Each module contributes one NUL-terminated block; the linker concatenates
** blocks and may pad between them with NUL bytes.  Lines, '\n'-terminated,
** the id always last so that it may contain spaces:
**
**   hotpatch-module 2 <hash:32 hex> <module-id>
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
#define HOTPATCH_INFO_HASH_DIGITS 32

/* The first line of a module's block, without its '\n'. */
struct hotpatch_info_header {
  const char *hash; /* HOTPATCH_INFO_HASH_DIGITS lower-case hex digits */
  const char *id;   /* the rest of the line                            */
  size_t id_len;
};

/* Read a module's first line (the n bytes at line, no '\n'): NULL when it
** is one of this ABI version (*h filled), else what is wrong with it.  The
** one reader of this line for every part. */
static inline const char *
hotpatch_info_header_read(const char *line, size_t n,
                          struct hotpatch_info_header *h) {
  static const char magic[] = HOTPATCH_INFO_MAGIC " ";
  const size_t mlen = sizeof magic - 1;
  if (n < mlen || memcmp(line, magic, mlen) != 0)
    return "block does not start with '" HOTPATCH_INFO_MAGIC "'";
  size_t p = mlen, version = 0, digits = 0;
  for (; p < n && line[p] >= '0' && line[p] <= '9' && digits < 9; p++, digits++)
    version = version * 10 + (size_t)(line[p] - '0');
  if (digits == 0 || version != HOTPATCH_ABI_VERSION || p >= n ||
      line[p] != ' ')
    return "unsupported module info version";
  h->hash = line + ++p;
  for (digits = 0; p < n && digits < HOTPATCH_INFO_HASH_DIGITS; p++, digits++)
    if (!((line[p] >= '0' && line[p] <= '9') ||
          (line[p] >= 'a' && line[p] <= 'f')))
      return "bad module hash";
  if (digits < HOTPATCH_INFO_HASH_DIGITS || (p < n && line[p] != ' '))
    return "bad module hash";
  if (p + 1 >= n)
    return "missing module id";
  h->id = line + p + 1;
  h->id_len = n - p - 1;
  return NULL;
}

#endif /* HOTPATCH_ABI_H */

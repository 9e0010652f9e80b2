/*
** loader.c: the patch transaction (control request `apply <path>`).
**
** All modules of a patch or none.  Every check and every allocation happens
** before the first slot is written, so a refused patch changes nothing the
** program can see.  In safe-point mode everything up to `resolve` happens
** on the control thread and the rest at the safe point (safepoint.h), so a
** patch that meets no safe point in time never ran any of its code.
**
**   open      dlopen the file while collecting its patch modules
**   verify    ABI, module ids, changed and new ids, room for everything
**   resolve   fill every import cell
**   -------   the safe point, in safe-point mode
**   reserve   make the pages of every slot to publish writable (the last
**             step that can fail without having run the patch's code)
**   init      run each module's init (its new constructors), once per
**             loaded patch
**   constants copy new content over changed external constants; if a
**             page cannot be made writable, what was written is written
**             back and the patch is refused, after its init ran
**   commit    register new entries, publish changed functions (release
**             stores that cannot fail), record the history, bump the
**             generation
**   report    run the reload hooks, answer
**
** Patches are never dlclose()d once applied: frames of their code may still
** be on a stack, and revert only repoints slots.  A refused patch is closed
** again, so the same path may be retried after a rebuild.  After each apply,
** the resident read-only pages of patches no slot points into any more are
** given back (release.h).
**
** Sections: loader mutex, loaded patches, open, verify, commit, release,
** apply.
*/
#define _GNU_SOURCE
#include "loader.h"

#include <assert.h>
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "books.h"
#include "collect.h"
#include "constants.h"
#include "debugger.h"
#include "faults.h"
#include "generation.h"
#include "grow.h"
#include "history.h"
#include "imports.h"
#include "journal.h"
#include "log.h"
#include "mutex.h"
#include "patch_file.h"
#include "registry.h"
#include "release.h"
#include "reload_hooks.h"
#include "revert.h"
#include "safepoint.h"
#include "slots.h"

/* ----------------------------------------------------------- loader mutex */

static struct hpw_mutex loader_mutex = HPW_MUTEX_INITIALIZER;

void hpa_lock(void) {
  hpw_lock(&loader_mutex);
  hpb_take();
}

void hpa_unlock(void) {
  hpb_give_back();
  hpw_unlock(&loader_mutex);
}

/* A thread publishing at a safe point acts for the owner, which waits for
** it. */
int hpa_held_by_caller(void) {
  return hpp_at_safepoint() || hpw_held(&loader_mutex);
}

/* -------------------------------------------------------- loaded patches */

/* What tells a patch file from one rewritten at its path since it was
** loaded: kept for every patch for good, so not a whole struct stat (144
** bytes against 40). */
struct file_identity {
  dev_t device;
  ino_t inode;
  off_t size;
  struct timespec modified;
};

/* Every patch file ever applied, kept for good.  dlopen() of a path that
** is already loaded returns the loaded object without running its
** constructors, so applying the same file again (after a revert) reuses
** the modules it registered the first time. */
struct loaded_patch {
  char *path;
  void *handle;
  struct file_identity file; /* when loaded: a rewritten file is refused */
  const struct hotpatch_patch **modules;
  size_t count;
  bool settled; /* its pages were released, or never will be (release) */
};

static struct {
  struct loaded_patch *items;
  size_t count;
  size_t capacity;
} loaded;

static struct loaded_patch *find_loaded(void *handle) {
  for (size_t i = 0; i < loaded.count; i++)
    if (loaded.items[i].handle == handle)
      return &loaded.items[i];
  return NULL;
}

static struct loaded_patch *find_loaded_path(const char *path) {
  for (size_t i = 0; i < loaded.count; i++)
    if (strcmp(loaded.items[i].path, path) == 0)
      return &loaded.items[i];
  return NULL;
}

const struct hotpatch_function *hpa_patch_function(const char *id,
                                                   const void *code) {
  assert(hpa_held_by_caller());
  for (size_t i = 0; i < loaded.count; i++)
    for (size_t m = 0; m < loaded.items[i].count; m++) {
      const struct hotpatch_patch *patch = loaded.items[i].modules[m];
      for (uint32_t f = 0; f < patch->function_count; f++)
        if (patch->functions[f].impl == code && patch->functions[f].id &&
            strcmp(patch->functions[f].id, id) == 0)
          return &patch->functions[f];
    }
  return NULL;
}

static int reserve_loaded(void) {
  struct loaded_patch *items =
      hpu_grow(loaded.items, &loaded.capacity, loaded.count + 1, sizeof *items);
  if (!items)
    return -1;
  loaded.items = items;
  return 0;
}

static struct file_identity identity_of(const struct stat *file) {
  return (struct file_identity){file->st_dev, file->st_ino, file->st_size,
                                file->st_mtim};
}

static bool same_file(const struct file_identity *a, const struct stat *b) {
  return a->device == b->st_dev && a->inode == b->st_ino &&
         a->size == b->st_size && a->modified.tv_sec == b->st_mtim.tv_sec &&
         a->modified.tv_nsec == b->st_mtim.tv_nsec;
}

/* ------------------------------------------------------------------- open */

struct transaction {
  const char *path;
  const char *about;       /* the client's words, for the journal      */
  struct timespec started; /* CLOCK_MONOTONIC: the request came        */
  struct stat file;
  void *handle;
  bool fresh;    /* loaded by this transaction: close on failure, run init */
  bool debugged; /* a debugger was attached when it was loaded          */
  const struct hotpatch_patch **modules;
  size_t count;
  struct hpy_record *record;
  struct hpj_entry *entry; /* for the journal, reserved like record    */
  const char **changed;    /* ids published, for the answer and the hooks */
  size_t changed_count;
  const char **added; /* ids registered as new                     */
  size_t added_count;
  unsigned long generation; /* after the commit                         */
  struct hpx_patch *code;   /* for attributing faults                    */
  int rc;                   /* of the commit                            */
  char why[1024];
};

/* Write the reason into tx->why; returns -1. */
#define refuse(tx, ...) hpl_reason((tx)->why, sizeof(tx)->why, __VA_ARGS__)

/* A file already loaded: a patch applied before (reuse it, unless the file
** was rewritten since) or some other library of the process. */
static int reopen_loaded(struct transaction *tx,
                         const struct loaded_patch *patch) {
  if (!patch)
    return refuse(tx,
                  "cannot load patch %s: it is already loaded in this "
                  "process and is not a patch",
                  tx->path);
  if (!same_file(&patch->file, &tx->file))
    return refuse(tx,
                  "cannot load patch %s: a patch was already loaded from "
                  "this path and the file has changed since; write every "
                  "patch to a new file",
                  tx->path);
  tx->handle = patch->handle;
  tx->modules = patch->modules;
  tx->count = patch->count;
  tx->fresh = false;
  return 0;
}

/* A name under which dlopen() loads the checked descriptor `fd` and that no
** object loaded before was ever opened under.  glibc has no dlopen() of a
** descriptor, and it finds an object by every name it was once opened
** under: "/proc/<pid>/fd/<fd>" alone would find an earlier patch that was
** loaded from the same descriptor number.  The load's serial number is
** spelled into the path in binary, as "/." (1) and "/" (0) components,
** which the kernel ignores.  The pid, not "self": a debugger reads the new
** object by this name while dlopen() runs (before name_link_map), in its
** own process, where "/proc/self/fd/<fd>" is a descriptor of its own (gdb
** blocked for good reading its own pipe). */
static void descriptor_name(char *out, size_t size, int fd) {
  static unsigned long serial; /* under the loader mutex */
  int n = snprintf(out, size, "/proc/%d/fd", (int)getpid());
  for (unsigned long bits = ++serial; bits && n > 0 && (size_t)n < size;
       bits >>= 1)
    n += snprintf(out + n, size - (size_t)n, "%s", (bits & 1) ? "/." : "/");
  if (n > 0 && (size_t)n < size)
    snprintf(out + n, size - (size_t)n, "/%d", fd);
}

/* Tools that read the link map (debuggers, dladdr, sanitizer symbolizers,
** which open the file by that name in their own process) see the patch's
** path, not the descriptor name (unless a debugger saw that name already:
** open_patch).  l_name is public (link.h); glibc frees
** it with the object, so the copy comes from malloc like glibc's own. */
static void name_link_map(void *handle, const char *path) {
  struct link_map *map = NULL;
  char *copy = strdup(path);
  if (!copy || dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || !map) {
    free(copy);
    return;
  }
  __atomic_store_n(&map->l_name, copy, __ATOMIC_RELEASE);
}

/* A patch's constructor calls the runtime by name (__hotpatch_register_patch).
** In a program hcc linked, the runtime is in the global scope.  In a host
** it did not (python3 loading an extension module with RTLD_LOCAL, an
** application's plugin), libhotpatch.so came in as a dependency of a local
** object, out of a patch's reach: make the object that holds the runtime
** global, once (for the main program, which already is, a no-op).
** libhotpatch.so exports only the runtime's own names, so nothing else
** binds to it by accident; the reference RTLD_NOLOAD takes is kept, as the
** runtime is.  Should it fail, dlopen of the patch says what is missing. */
static void make_runtime_global(void) {
  static bool done; /* under the loader mutex */
  Dl_info info;
  if (done)
    return;
  done = true;
  if (dladdr((void *)&__hotpatch_register_patch, &info) && info.dli_fname &&
      info.dli_fname[0] &&
      !dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL))
    (void)dlerror(); /* not this patch's error */
}

static int load_fresh(struct transaction *tx, const char *name) {
  if (reserve_loaded() != 0)
    return refuse(tx, "out of memory loading patch %s", tx->path);
  make_runtime_global();
  hpk_begin();
  void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  int collected = hpk_end(&tx->modules, &tx->count);
  if (!handle) {
    const char *error = dlerror();
    free(tx->modules);
    tx->modules = NULL;
    return refuse(tx, "cannot load patch %s: %s", tx->path,
                  error ? error : "dlopen failed");
  }
  if (!tx->debugged)
    name_link_map(handle, tx->path);
  tx->handle = handle;
  tx->fresh = true;
  if (collected != 0)
    return refuse(tx, "out of memory loading patch %s", tx->path);
  if (tx->count == 0)
    return refuse(tx,
                  "cannot load patch %s: it is not a hotpatch patch (no "
                  "patch module registered itself while it was loaded)",
                  tx->path);
  return 0;
}

/* The file is opened once and checked (patch_file.c); what is loaded is
** that descriptor, so a file put at the path after the check is never
** loaded.  A path applied before is the patch loaded then (or refused, if
** the file changed); the same file under another path is found by dlopen
** through the descriptor. */
static int open_patch(struct transaction *tx) {
  if (tx->path[0] != '/')
    return refuse(tx, "cannot load patch %s: the path must be absolute",
                  tx->path);
  int fd = hpv_open_patch_file(tx->path, &tx->file, tx->why, sizeof tx->why);
  if (fd < 0)
    return -1;
  int rc;
  char name[256];
  descriptor_name(name, sizeof name, fd);
  struct loaded_patch *same_path = find_loaded_path(tx->path);
  void *handle = NULL;
  if (same_path) {
    rc = reopen_loaded(tx, same_path);
  } else if ((handle = dlopen(name, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD))) {
    dlclose(handle); /* drop the reference RTLD_NOLOAD took */
    rc = reopen_loaded(tx, find_loaded(handle));
  } else {
    tx->debugged = hdg_attached();
    rc = load_fresh(tx, name);
  }
  /* An attached debugger read the new object by `name` while dlopen() ran,
  ** and reads it again by that name later: it stays the object's name, and
  ** the descriptor stays open (one per patch loaded while debugged).  A
  ** rename would make gdb drop the object and hang reloading it. */
  if (!(rc == 0 && tx->fresh && tx->debugged))
    close(fd);
  return rc;
}

/* ----------------------------------------------------------------- verify */

static bool is_new(const struct hotpatch_function *function) {
  return function->slot != NULL;
}

/* A changed function publishes into the slot of the entry the process
** runs; when another module's definition won (a weak duplicate), the
** process never runs this module's copy and there is nothing to publish. */
static bool runs_in_module(const struct hpt_entry *entry,
                           const char *module_id) {
  const char *owner = entry->module ? entry->module->id : NULL;
  return owner && strcmp(owner, module_id) == 0;
}

static int verify_functions(struct transaction *tx,
                            const struct hotpatch_patch *patch,
                            const struct hotpatch_module *patched,
                            size_t *new_count, size_t *mirror_count) {
  for (uint32_t i = 0; i < patch->function_count; i++) {
    const struct hotpatch_function *function = &patch->functions[i];
    if (!function->id || !function->impl)
      return refuse(tx, "malformed function table in patch module %s",
                    patch->module_id);
    const struct hpt_entry *entry = hpr_function_entry(patched, function->id);
    if (!is_new(function)) {
      if (!entry)
        return refuse(tx,
                      "cannot patch: function '%s' of module %s is not "
                      "in this process; the patch was built for another "
                      "build of the program or against a stale baseline",
                      function->id, patch->module_id);
      *mirror_count += entry->mirror_count;
      continue;
    }
    if (entry && entry->item != function)
      return refuse(tx,
                    "cannot patch: new function '%s' of module %s "
                    "already exists in this process; the patch was built "
                    "against a stale baseline, rebuild it",
                    function->id, patch->module_id);
    (*new_count)++;
  }
  return 0;
}

static int verify_data(struct transaction *tx,
                       const struct hotpatch_patch *patch,
                       const struct hotpatch_module *patched) {
  for (uint32_t i = 0; i < patch->data_count; i++) {
    const struct hotpatch_data *datum = &patch->data[i];
    struct hpr_data_ref ref;
    if (!datum->id)
      return refuse(tx, "malformed data table in patch module %s",
                    patch->module_id);
    if (hpr_find_data(patched, datum->id, &ref) == 0 && ref.data != datum &&
        !hpr_makes_writable(ref.data, datum))
      return refuse(tx,
                    "cannot patch: new global '%s' of module %s already "
                    "exists in this process; the patch was built against "
                    "a stale baseline, rebuild it",
                    datum->id, patch->module_id);
  }
  return 0;
}

static int verify_module(struct transaction *tx, size_t index,
                         size_t *changed_total, size_t *added_total) {
  const struct hotpatch_patch *patch = tx->modules[index];
  if (patch->abi_version != HOTPATCH_ABI_VERSION)
    return refuse(tx,
                  "cannot patch: a module of %s was built for ABI %u, "
                  "this process has ABI %d",
                  tx->path, (unsigned)patch->abi_version, HOTPATCH_ABI_VERSION);
  if (!patch->module_id)
    return refuse(tx, "malformed patch module in %s (no module id)", tx->path);
  for (size_t j = 0; j < index; j++)
    if (strcmp(tx->modules[j]->module_id, patch->module_id) == 0)
      return refuse(tx, "cannot patch: %s has two modules for %s", tx->path,
                    patch->module_id);
  struct hpr_module_record *record = hpr_find_module(patch->module_id);
  if (!record)
    return refuse(tx,
                  "cannot patch: module %s is not part of this process; "
                  "the patch was built for another program, or the "
                  "source file is new (restart the program to add it)",
                  patch->module_id);
  size_t new_functions = 0, mirrors = 0;
  if (verify_functions(tx, patch, record->module, &new_functions, &mirrors) !=
          0 ||
      verify_data(tx, patch, record->module) != 0)
    return -1;
  if (hpr_reserve_added(record, new_functions, patch->data_count) != 0)
    return refuse(tx, "out of memory applying patch %s", tx->path);
  *changed_total += patch->function_count - new_functions + mirrors;
  *added_total += new_functions + patch->data_count;
  return 0;
}

/* Everything that can fail, under the registry lock. */
static int verify_and_resolve(struct transaction *tx) {
  size_t changed_total = 0, added_total = 0;
  for (size_t i = 0; i < tx->count; i++)
    if (verify_module(tx, i, &changed_total, &added_total) != 0)
      return -1;
  for (size_t i = 0; i < tx->count; i++)
    if (hpi_resolve(tx->modules[i], tx->why, sizeof tx->why) != 0)
      return -1;
  tx->record = hpy_new_record(tx->path, changed_total, tx->count);
  tx->entry = hpj_new(tx->path, tx->about, changed_total, added_total);
  /* +1: calloc(0) may return NULL */
  tx->changed = calloc(changed_total + 1, sizeof *tx->changed);
  tx->added = calloc(added_total + 1, sizeof *tx->added);
  if (!tx->record || !tx->entry || !tx->changed || !tx->added)
    return refuse(tx, "out of memory applying patch %s", tx->path);
  return 0;
}

/* ----------------------------------------------------------------- commit */

/* Whether `id` is in the list of changed ids already: an id two linked
** objects define apart is published into each object's copy, in either
** order, and the answer and the reload hooks name it once.  Linear: a
** patch changes hundreds of functions, not millions. */
static bool listed(const struct transaction *tx, const char *id) {
  for (size_t i = 0; i < tx->changed_count; i++)
    if (strcmp(tx->changed[i], id) == 0)
      return true;
  return false;
}

static void publish_changed(struct transaction *tx,
                            const struct hotpatch_patch *patch,
                            const struct hotpatch_module *patched,
                            const struct hotpatch_function *function) {
  struct hpt_entry *entry = hpr_function_entry(patched, function->id);
  if (!entry || !runs_in_module(entry, patch->module_id))
    return;
  const struct hotpatch_function *current = entry->item;
  hpy_add_change(tx->record, entry->module, entry->id, current->slot,
                 entry->impl, entry->hash_lo, entry->hash_hi, 0);
  hps_publish(current->slot, function->impl);
  for (size_t i = 0; i < entry->mirror_count; i++) {
    hpy_add_change(tx->record, entry->module, entry->id, entry->mirrors[i],
                   entry->impl, entry->hash_lo, entry->hash_hi, 1);
    hps_publish(entry->mirrors[i], function->impl);
  }
  entry->impl = function->impl;
  entry->hash_lo = function->hash_lo;
  entry->hash_hi = function->hash_hi;
  if (!listed(tx, entry->id))
    tx->changed[tx->changed_count++] = entry->id;
}

/* The pages of every slot the patch publishes into, made writable; 0, or -1
** with errno (every page opened is closed again). */
static int open_slots(struct transaction *tx) {
  int rc = 0;
  hpr_lock();
  for (size_t i = 0; i < tx->count && rc == 0; i++) {
    const struct hotpatch_patch *patch = tx->modules[i];
    const struct hpr_module_record *record = hpr_find_module(patch->module_id);
    for (uint32_t j = 0; record && j < patch->function_count && rc == 0; j++) {
      const struct hotpatch_function *function = &patch->functions[j];
      const struct hpt_entry *entry =
          hpr_function_entry(record->module, function->id);
      if (!is_new(function) && entry && runs_in_module(entry, patch->module_id))
        rc = hps_open_function(
            ((const struct hotpatch_function *)entry->item)->slot,
            entry->mirrors, entry->mirror_count); /* other objects' too */
    }
  }
  hpr_unlock();
  return rc;
}

/* Nothing here can fail: verify_and_resolve and open_slots reserved
** everything. */
static void commit_module(struct transaction *tx,
                          const struct hotpatch_patch *patch) {
  struct hpr_module_record *record = hpr_find_module(patch->module_id);
  if (!record)
    return; /* modules never unregister; verified above */
  for (uint32_t i = 0; i < patch->function_count; i++)
    if (is_new(&patch->functions[i])) {
      hpr_add_function(record, &patch->functions[i]);
      tx->added[tx->added_count++] = patch->functions[i].id;
    }
  for (uint32_t i = 0; i < patch->data_count; i++) {
    hpr_add_datum(record, &patch->data[i]);
    tx->added[tx->added_count++] = patch->data[i].id;
  }
  for (uint32_t i = 0; i < patch->function_count; i++)
    if (!is_new(&patch->functions[i]))
      publish_changed(tx, patch, record->module, &patch->functions[i]);
  hpy_add_module_change(tx->record, record->module->id, record->hash_lo,
                        record->hash_hi);
  record->hash_lo = patch->hash_lo;
  record->hash_hi = patch->hash_hi;
}

static void remember_loaded(struct transaction *tx) {
  char *path = strdup(tx->path);
  /* Without a copy of the path the patch is still applied; only a later
  ** apply of the same path cannot reuse it. */
  loaded.items[loaded.count++] = (struct loaded_patch){
      path ? path : "", tx->handle, identity_of(&tx->file),
      tx->modules,      tx->count,  false};
  tx->modules = NULL; /* owned by the list now */
}

/* External constants whose content changed get it now, after init filled
** their new content and before any new code is published; on failure
** what was written is written back. */
static int update_constants(struct transaction *tx) {
  for (size_t i = 0; i < tx->count; i++)
    if (hpk_save(tx->record, tx->modules[i]) != 0)
      return refuse(tx, "out of memory applying patch %s", tx->path);
  for (size_t i = 0; i < tx->count; i++)
    if (hpk_apply(tx->modules[i]) != 0) {
      int saved = errno;
      hpk_restore(tx->record);
      return refuse(tx,
                    "cannot update a constant of module %s: %s; no "
                    "code was published, but the patch's init (its new "
                    "constructors) ran",
                    tx->modules[i]->module_id, strerror(saved));
    }
  return 0;
}

/* ---------------------------------------------------------------- release */

/* Whether the patch adds functions or data: their code and storage are in
** use for good (other patches import them, pointers to them are taken). */
static bool adds_anything(const struct loaded_patch *patch) {
  for (size_t m = 0; m < patch->count; m++) {
    const struct hotpatch_patch *module = patch->modules[m];
    if (module->data_count)
      return true;
    for (uint32_t f = 0; f < module->function_count; f++)
      if (is_new(&module->functions[f]))
        return true;
  }
  return false;
}

/* Whether a slot still points at one of the patch's functions.  Caller
** holds the registry lock. */
static bool runs(const struct loaded_patch *patch) {
  for (size_t m = 0; m < patch->count; m++) {
    const struct hotpatch_patch *module = patch->modules[m];
    const struct hpr_module_record *record = hpr_find_module(module->module_id);
    for (uint32_t f = 0; record && f < module->function_count; f++) {
      const struct hpt_entry *entry =
          hpr_function_entry(record->module, module->functions[f].id);
      if (entry && entry->impl == module->functions[f].impl)
        return true;
    }
  }
  return false;
}

/* Give back the pages of every patch superseded since the last apply (or
** reverted before it).  Each patch is released once: one a revert makes
** current again reads its pages back as it runs and keeps them. */
static void release_superseded(void) {
  assert(hpa_held_by_caller());
  for (size_t i = 0; i < loaded.count; i++) {
    struct loaded_patch *patch = &loaded.items[i];
    if (patch->settled)
      continue;
    if (adds_anything(patch)) {
      patch->settled = true;
      continue;
    }
    hpr_lock();
    bool superseded = !runs(patch);
    hpr_unlock();
    if (superseded) {
      hpz_release(patch->handle, patch->path);
      patch->settled = true;
    }
  }
}

/* ------------------------------------------------------------------ apply */

static void write_ids(FILE *answer, const char **ids, size_t count) {
  for (size_t i = 0; i < count; i++)
    fprintf(answer, "%s%s", i ? "," : "", ids[i]);
}

static void release(struct transaction *tx, bool failed) {
  if (failed)
    hpx_discard(tx->code);
  if (failed && tx->fresh && tx->handle)
    dlclose(tx->handle);
  if (tx->fresh)
    free(tx->modules);
  hpy_free_record(tx->record);
  hpj_free(tx->entry);
  free(tx->changed);
  free(tx->added);
}

static long microseconds_since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long)(now.tv_sec - start->tv_sec) * 1000000 +
         (now.tv_nsec - start->tv_nsec) / 1000;
}

/* The publishing step: at once, or inside hotpatch_safepoint() in
** safe-point mode. */
static void commit_work(void *arg) {
  struct transaction *tx = arg;
  if (open_slots(tx) != 0) {
    tx->rc = refuse(tx,
                    "cannot apply patch %s: cannot make the function "
                    "slots writable: %s; nothing was changed",
                    tx->path, strerror(errno));
    return;
  }
  /* Imports are filled: the patch's code may run now, and its init may
  ** call into the program (which may take the registry lock). */
  if (tx->fresh)
    for (size_t i = 0; i < tx->count; i++)
      if (tx->modules[i]->init)
        tx->modules[i]->init();
  tx->rc = update_constants(tx);
  if (tx->rc != 0) {
    hps_close();
    return;
  }
  /* Attributed before any thread can run it. */
  tx->generation = hpy_depth() + 1;
  hpx_applied(tx->code, tx->generation);
  hpr_lock();
  for (size_t i = 0; i < tx->count; i++)
    commit_module(tx, tx->modules[i]);
  hpr_unlock();
  hps_close();
  tx->record->journal =
      hpj_add(tx->entry, tx->generation, tx->changed, tx->changed_count,
              tx->added, tx->added_count, microseconds_since(&tx->started));
  tx->entry = NULL;
  hpy_push(tx->record);
  tx->record = NULL;
  hpg_bump();
  if (tx->fresh)
    remember_loaded(tx);
}

/* After the loader mutex is released: here, or on the safe point's thread
** right after commit_work (hpp_finish). */
static void commit_hooks(void *arg) {
  struct transaction *tx = arg;
  if (tx->rc != 0)
    return;
  hdg_notify(HOTPATCH_DEBUG_APPLY, tx->generation, tx->path, tx->changed,
             tx->changed_count);
  hph_run_reload_hooks(tx->generation, tx->changed, tx->changed_count);
}

static int prepare(struct transaction *tx) {
  int rc = open_patch(tx);
  if (rc == 0) {
    hpr_lock();
    rc = verify_and_resolve(tx);
    hpr_unlock();
  }
  if (rc != 0)
    return rc;
  tx->code = hpx_patch_new(tx->path, tx->modules, tx->count);
  return 0;
}

int hpa_apply(const char *path, const char *about, FILE *answer) {
  struct transaction tx = {.path = path, .about = about};
  clock_gettime(CLOCK_MONOTONIC, &tx.started);
  hpa_lock_settled();
  int rc = prepare(&tx);
  int ran = -1;
  if (rc == 0) {
    char why[512];
    ran = hpp_run(commit_work, commit_hooks, &tx, why, sizeof why);
    if (ran < 0)
      rc = refuse(&tx, "cannot apply patch %s: %s", tx.path, why);
    else
      rc = tx.rc;
  }
  if (rc == 0)
    release_superseded();
  hpa_unlock();
  hpp_finish(ran, commit_hooks, &tx); /* no lock held: a hook may fork */
  if (rc != 0) {
    fprintf(answer, "error %s\n", tx.why);
    release(&tx, true);
    return -1;
  }
  fprintf(answer, "ok generation=%lu changed=", tx.generation);
  write_ids(answer, tx.changed, tx.changed_count);
  fputs(" new=", answer);
  write_ids(answer, tx.added, tx.added_count);
  fputc('\n', answer);
  release(&tx, false);
  return 0;
}

/*
** faults.c: what happens when code of an applied patch faults.
**
** The handler runs on the faulting thread, in signal context, so it takes
** no lock and calls nothing that is not async-signal-safe (write, sigaction,
** mprotect, raise, siglongjmp).  THE RULE for what it reads, while other
** threads apply, revert, register and dlopen:
**
**   - what nobody changes or frees once the handler can see it: the list
**     of patch records (`patches`, pushed at the head with a release store
**     at the commit of the record's first patch, never changed after that
**     except each record's generation, an atomic, never freed; a refused
**     patch's record is never pushed) and the list of slot objects
**     (slots.c, the same way);
**   - the books (history, slots), only after claiming them with
**     hpb_claim_from_signal (books.h), which fails while a transaction
**     holds them; nobody changes them meanwhile, and writing slots never
**     overlaps with a transaction's (the same page's protection is never
**     toggled by two threads at once).  history.c and slots.c assert that
**     their caller owns the books.
**
** What the handler reverts, it also notes (`reverted_to`), and it changes
** the counters the program reads (generation.h); the bookkeeping (history,
** registry hashes, reload count, reload hooks) is finished in
** normal context by the next holder of the loader mutex
** (hpa_lock_settled, revert.h): the faulting thread when it resumes, else
** the next control request.  So the books never describe the faulting code as
** current once anybody looks at them, whether the thread resumed, the
** program's own handler recovered, or the revert had to wait.
**
** Sections: patch records, reporting, reverting, the handler, installing,
** resume points.
*/
#define _GNU_SOURCE
#include "faults.h"

#include <assert.h>
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "books.h"
#include "generation.h"
#include "history.h"
#include "hotpatch.h"
#include "internal.h"
#include "log.h"
#include "safepoint.h"
#include "slots.h"
#include "target.h"

/* -------------------------------------------------------- patch records */

struct function_range {
  uintptr_t start, end; /* end == start: size unknown */
  const char *id;       /* owned by the patch's descriptor */
  const char *module;
};

struct hpx_patch {
  struct hpx_patch *next;
  char *path;
  uintptr_t base;       /* load bias: pc - base is the address in the file */
  uintptr_t start, end; /* executable segments */
  struct function_range *functions;
  size_t function_count;
  unsigned long generation; /* atomic; 0 while not applied */
  bool published;           /* in `patches` (loader mutex)          */
};

static struct hpx_patch *patches; /* atomic head */

struct code_search {
  uintptr_t inside; /* an address of the object (its descriptor) */
  uintptr_t base;   /* its load address, from dladdr1; 0: unknown */
  struct hpx_patch *patch;
  bool found;
};

/* dl_iterate_phdr callback: the executable range of the object holding
** search->inside. */
static int find_code(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  struct code_search *search = arg;
  /* Other objects' program headers are not read: those of superseded
  ** patches are on pages given back (release.h). */
  if (search->base && info->dlpi_addr != search->base)
    return 0;
  bool holds = false;
  uintptr_t start = UINTPTR_MAX, end = 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *phdr = &info->dlpi_phdr[i];
    if (phdr->p_type != PT_LOAD)
      continue;
    uintptr_t from = info->dlpi_addr + phdr->p_vaddr;
    uintptr_t to = from + phdr->p_memsz;
    if (search->inside >= from && search->inside < to)
      holds = true;
    if (phdr->p_flags & PF_X) {
      start = from < start ? from : start;
      end = to > end ? to : end;
    }
  }
  if (!holds || start >= end)
    return 0;
  search->patch->base = info->dlpi_addr;
  search->patch->start = start;
  search->patch->end = end;
  search->found = true;
  return 1;
}

/* The symbol size of an impl, from the dynamic or static symbol table that
** dladdr1 sees; 0 when unknown. */
static uintptr_t function_size(void *impl) {
  Dl_info info;
  const ElfW(Sym) *symbol = NULL;
  if (!dladdr1(impl, &info, (void **)&symbol, RTLD_DL_SYMENT) || !symbol ||
      info.dli_saddr != impl)
    return 0;
  return symbol->st_size;
}

static int fill_functions(struct hpx_patch *patch,
                          const struct hotpatch_patch *const *modules,
                          size_t count) {
  size_t total = 0;
  for (size_t i = 0; i < count; i++)
    total += modules[i]->function_count;
  patch->functions = calloc(total + 1, sizeof *patch->functions);
  if (!patch->functions)
    return -1;
  for (size_t i = 0; i < count; i++)
    for (uint32_t j = 0; j < modules[i]->function_count; j++) {
      const struct hotpatch_function *function = &modules[i]->functions[j];
      uintptr_t start = (uintptr_t)function->impl;
      patch->functions[patch->function_count++] =
          (struct function_range){start, start + function_size(function->impl),
                                  function->id, modules[i]->module_id};
    }
  return 0;
}

static struct hpx_patch *find_by_path(const char *path) {
  for (struct hpx_patch *p = __atomic_load_n(&patches, __ATOMIC_ACQUIRE); p;
       p = p->next)
    if (strcmp(p->path, path) == 0)
      return p;
  return NULL;
}

static void free_patch(struct hpx_patch *patch) {
  if (patch) {
    free(patch->path);
    free(patch->functions);
  }
  free(patch);
}

struct hpx_patch *hpx_patch_new(const char *path,
                                const struct hotpatch_patch *const *modules,
                                size_t count) {
  assert(hpb_owned());
  struct hpx_patch *patch = find_by_path(path);
  if (patch || count == 0)
    return patch;
  patch = calloc(1, sizeof *patch);
  struct code_search search = {(uintptr_t)modules[0], 0, patch, false};
  Dl_info info;
  struct link_map *map = NULL;
  if (dladdr1(modules[0], &info, (void **)&map, RTLD_DL_LINKMAP) && map)
    search.base = map->l_addr;
  if (!patch || !(patch->path = strdup(path)) ||
      fill_functions(patch, modules, count) != 0 ||
      (dl_iterate_phdr(find_code, &search), !search.found)) {
    hpl_warning("cannot record the code of patch %s; a fault in it will not "
                "be attributed or reverted",
                path);
    free_patch(patch);
    return NULL;
  }
  return patch;
}

void hpx_discard(struct hpx_patch *patch) {
  if (patch && !patch->published)
    free_patch(patch);
}

static struct hpx_patch *patch_at(uintptr_t pc) {
  for (struct hpx_patch *p = __atomic_load_n(&patches, __ATOMIC_ACQUIRE); p;
       p = p->next)
    if (pc >= p->start && pc < p->end)
      return p;
  return NULL;
}

/* The function holding pc: the one whose symbol covers it, else the
** nearest start below it (a function of unknown size). */
static const struct function_range *function_at(const struct hpx_patch *patch,
                                                uintptr_t pc) {
  const struct function_range *nearest = NULL;
  for (size_t i = 0; i < patch->function_count; i++) {
    const struct function_range *f = &patch->functions[i];
    if (pc >= f->start && pc < f->end)
      return f;
    if (f->end == f->start && f->start <= pc &&
        (!nearest || f->start > nearest->start))
      nearest = f;
  }
  return nearest;
}

/* ------------------------------------------------------------ reporting */

/* A line built without stdio (not async-signal-safe); cut when too long. */
struct line {
  char text[1024];
  size_t used;
};

static void put(struct line *line, const char *text) {
  size_t length = strlen(text);
  size_t room = sizeof line->text - 1 - line->used;
  if (length > room)
    length = room;
  memcpy(line->text + line->used, text, length);
  line->used += length;
}

static void put_number(struct line *line, uintptr_t value, unsigned base) {
  char digits[24];
  size_t n = 0;
  do {
    digits[n++] = "0123456789abcdef"[value % base];
    value /= base;
  } while (value);
  char text[sizeof digits + 3] = "0x";
  size_t at = base == 16 ? 2 : 0;
  while (n)
    text[at++] = digits[--n];
  text[at] = '\0';
  put(line, text);
}

static void emit(struct line *line) {
  line->text[line->used++] = '\n';
  ssize_t ignored = write(STDERR_FILENO, line->text, line->used);
  (void)ignored; /* nothing to do about a lost report */
  line->used = 0;
}

static const char *signal_name(int sig) {
  switch (sig) {
  case SIGSEGV: return "SIGSEGV";
  case SIGBUS: return "SIGBUS";
  case SIGFPE: return "SIGFPE";
  default: return "SIGILL";
  }
}

static void report_fault(int sig, const struct hpx_patch *patch,
                         const struct function_range *function,
                         unsigned long generation, uintptr_t pc) {
  struct line line = {.used = 0};
  if (function) {
    put(&line, "hotpatch: patched function '");
    put(&line, function->id);
    put(&line, "'");
  } else {
    put(&line, "hotpatch: code of a patch");
  }
  if (generation) {
    put(&line, " (generation ");
    put_number(&line, generation, 10);
    put(&line, ")");
  } else {
    put(&line, " (not applied now)");
  }
  put(&line, " faulted with ");
  put(&line, signal_name(sig));
  if (function) {
    put(&line, " at ");
    put(&line, function->id);
    put(&line, "+");
    put_number(&line, pc - function->start, 16);
    put(&line, " in module ");
    put(&line, function->module);
  }
  put(&line, "; patch ");
  put(&line, patch->path);
  put(&line, ", source line: addr2line -fie ");
  put(&line, patch->path);
  put(&line, " ");
  put_number(&line, pc - patch->base, 16);
  emit(&line);
}

static void say(const char *first, const char *second, const char *third) {
  struct line line = {.used = 0};
  put(&line, first);
  put(&line, second);
  put(&line, third);
  emit(&line);
}

/* ------------------------------------------------------------ reverting */

/* The lowest generation a handler reverted (or meant to revert), 0: none;
** atomic. */
static unsigned long reverted_to;

static void note_revert(unsigned long generation) {
  unsigned long now = __atomic_load_n(&reverted_to, __ATOMIC_ACQUIRE);
  while ((now == 0 || generation < now) &&
         !__atomic_compare_exchange_n(&reverted_to, &now, generation, false,
                                      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
    ;
}

unsigned long hpx_take_reverted(void) {
  assert(hpb_owned());
  return __atomic_exchange_n(&reverted_to, 0, __ATOMIC_ACQ_REL);
}

/*
** Point every slot changed by generation `generation` and later back at
** the code it held before, newest first; the bookkeeping is left to
** normal context (see the rule above).  Only with the books claimed.
** Returns false when it could not.
*/
static bool revert_slots(unsigned long generation) {
  if (!hpb_claim_from_signal())
    return false;
  bool all = true;
  for (size_t i = hpy_depth(); i-- > 0;) {
    const struct hpy_record *record = hpy_at(i);
    if (record->generation < generation)
      break;
    for (size_t j = record->change_count; j-- > 0;)
      all &= hps_publish_from_signal(record->changes[j].slot,
                                     record->changes[j].previous_impl);
  }
  if (all) /* the program sees the generation that runs, at once */
    hpg_lower_from_signal(generation);
  hpb_release_from_signal();
  return all;
}

/* ------------------------------------------------------------ the handler */

static struct sigaction previous[NSIG]; /* the program's, when we installed */
static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

/* The calling thread's resume point (HOTPATCH_RESUME_POINT). */
static __thread struct {
  sigjmp_buf env;
  uintptr_t frame; /* 0: not armed */
  int signal;      /* of the fault that resumed */
} resume;

/* The default action: a fault recurs when the handler returns and then
** kills; a signal sent with kill() or raise() is raised again. */
static void default_action(int sig, const siginfo_t *info) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(sig, &action, NULL);
  if (info->si_code <= 0)
    raise(sig); /* blocked until we return, then delivered */
}

/* Hand the signal to the program's handler from before the first patch. */
static void chain(int sig, siginfo_t *info, void *context) {
  const struct sigaction *old = &previous[sig];
  if (old->sa_flags & SA_SIGINFO) {
    if (old->sa_flags & SA_RESETHAND)
      default_action(sig, &(siginfo_t){.si_code = 1});
    old->sa_sigaction(sig, info, context);
    return;
  }
  if (old->sa_handler == SIG_IGN) {
    if (info->si_code > 0) /* a real fault cannot be ignored */
      default_action(sig, info);
    return;
  }
  if (old->sa_handler == SIG_DFL) {
    default_action(sig, info);
    return;
  }
  if (old->sa_flags & SA_RESETHAND)
    default_action(sig, &(siginfo_t){.si_code = 1});
  old->sa_handler(sig);
}

static bool program_has_handler(int sig) {
  const struct sigaction *old = &previous[sig];
  return (old->sa_flags & SA_SIGINFO) ||
         (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN);
}

static void on_fault(int sig, siginfo_t *info, void *context) {
  int saved_errno = errno;
  uintptr_t pc = hpt_context_pc(context);
  struct hpx_patch *patch = info->si_code > 0 ? patch_at(pc) : NULL;
  if (!patch) { /* not ours */
    chain(sig, info, context);
    errno = saved_errno;
    return;
  }
  unsigned long generation =
      __atomic_load_n(&patch->generation, __ATOMIC_ACQUIRE);
  report_fault(sig, patch, function_at(patch, pc), generation, pc);
  if (generation) {
    struct line line = {.used = 0};
    note_revert(generation);
    if (revert_slots(generation)) {
      put(&line, "hotpatch: reverted to generation ");
      put_number(&line, generation - 1, 10);
    } else {
      put(&line, "hotpatch: not reverted here: a patch is being applied or "
                 "reverted right now; it is reverted as soon as that ends");
    }
    emit(&line);
  }
  /* Also when the patch is not applied any more: a thread still in code
  ** that another thread's fault reverted goes back to its resume point. */
  if (resume.frame && hpt_context_sp(context) < resume.frame &&
      !hpp_at_safepoint()) {
    say("hotpatch: resuming this thread at its resume point "
        "(HOTPATCH_RESUME_POINT)",
        "", "");
    resume.signal = sig;
    siglongjmp(resume.env, sig);
  }
  if (program_has_handler(sig)) {
    say("hotpatch: no resume point on this thread; passing ", signal_name(sig),
        " to the program's handler");
  } else {
    say("hotpatch: no resume point on this thread; the program dies of ",
        signal_name(sig), "");
  }
  chain(sig, info, context);
  errno = saved_errno;
}

/* ----------------------------------------------------------- installing */

static void install(void) {
  static int installed;
  if (__atomic_exchange_n(&installed, 1, __ATOMIC_ACQ_REL))
    return;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (size_t i = 0; i < sizeof fault_signals / sizeof *fault_signals; i++) {
    int sig = fault_signals[i];
    if (sigaction(sig, &action, &previous[sig]) != 0)
      hpl_warning("cannot install the %s handler; a fault in patched code "
                  "will not be reported",
                  signal_name(sig));
  }
}

void hpx_applied(struct hpx_patch *patch, unsigned long generation) {
  assert(hpb_owned());
  install();
  if (!patch)
    return;
  __atomic_store_n(&patch->generation, generation, __ATOMIC_RELEASE);
  if (!patch->published) {
    patch->published = true;
    patch->next = __atomic_load_n(&patches, __ATOMIC_ACQUIRE);
    __atomic_store_n(&patches, patch, __ATOMIC_RELEASE);
  }
}

/* The same file may be applied twice (after a revert, or on top of
** itself); its record then names the newest generation still applied. */
void hpx_reverted(const char *path, unsigned long generation) {
  assert(hpb_owned());
  struct hpx_patch *patch = find_by_path(path);
  if (!patch ||
      __atomic_load_n(&patch->generation, __ATOMIC_ACQUIRE) != generation)
    return;
  unsigned long still = 0;
  for (size_t i = hpy_depth(); i-- > 0;)
    if (strcmp(hpy_at(i)->path, path) == 0) {
      still = hpy_at(i)->generation;
      break;
    }
  __atomic_store_n(&patch->generation, still, __ATOMIC_RELEASE);
}

/* --------------------------------------------------------- resume points */

/*
** Arm the calling thread's resume point: `frame` is the frame of the
** function that holds it (faults on a shallower stack do not resume).
*/
HP_API void *hotpatch_resume_arm(void *frame) {
  resume.frame = (uintptr_t)frame;
  return &resume.env;
}

int hpx_resumed_signal(void) {
  return resume.signal;
}

/* The thread leaves the function holding its resume point. */
HP_API void hotpatch_resume_clear(void) {
  resume.frame = 0;
}

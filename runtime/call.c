/*
** call.c: the control request `call`: a function of the program called by
** name with typed arguments (hcc call).
**
** Everything that can refuse comes first, so that a refused call calls
** nothing: read the request, find the function, take the code its slot
** holds now and the signature recorded for that code (a patch may have
** changed it), parse the arguments by it, load libffi and prepare the
** call.  Then the call, like a call the program makes itself:
**
**   immediate mode   on the control thread, holding no runtime lock, with
**                    the program's signal mask: a fault in the function is
**                    handled as the program handles its faults (faults.c
**                    first when the code is a patch's), and the function
**                    may take its time, fork, or apply nothing;
**   safe-point mode  at the next hotpatch_safepoint(), on the program
**                    thread that reaches it, where the program allows its
**                    state to be touched; the control thread waits with
**                    the loader mutex held, as it does for a patch, but
**                    not the books, so that a fault handler may revert.
**
** Sections: the request, finding the function, checking the call, the
** call.
*/
#define _GNU_SOURCE
#include "call.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "call_values.h"
#include "control.h"
#include "hotpatch_abi.h"
#include "hotpatch_control.h"
#include "libffi.h"
#include "loader.h"
#include "log.h"
#include "registry.h"
#include "revert.h"
#include "safepoint.h"

struct call {
  char *words;                      /* the request's copy, decoded   */
  const char *name;                 /* the function as requested     */
  const char *args[HFC_MAX_PARAMS]; /* in `words`                    */
  size_t arg_count;
  const char *id;        /* the function found            */
  void *code;            /* what its slot holds           */
  const char *signature; /* recorded for `code`           */
  struct hfc_signature types;
  union hfc_value values[HFC_MAX_PARAMS];
  void *addresses[HFC_MAX_PARAMS];
  ffi_type *ffi_types[HFC_MAX_PARAMS];
  ffi_cif cif;
  const struct hfc_libffi *ffi;
  union hfc_value result;
  char why[512]; /* a refusal, without "error " */
};

/* Write the reason into c->why; returns -1. */
#define refuse(c, ...) hpl_reason((c)->why, sizeof(c)->why, __VA_ARGS__)

/* ------------------------------------------------------------ the request */

/* Decode one %-encoded word in place (hotpatch_control.h). */
static int decode(char *word) {
  char *to = word;
  for (const char *from = word; *from; from++) {
    if (*from != '%') {
      *to++ = *from;
      continue;
    }
    int high = hotpatch_control_hex_digit(from[1]),
        low = high < 0 ? -1 : hotpatch_control_hex_digit(from[2]);
    if (low < 0 || (high == 0 && low == 0))
      return -1;
    *to++ = (char)(high * 16 + low);
    from += 2;
  }
  *to = '\0';
  return 0;
}

/* "<function> <arg> <arg>...": words separated by single spaces (an
** empty argument is an empty word). */
static int read_request(struct call *c, const char *request) {
  c->words = strdup(request);
  if (!c->words)
    return refuse(c, "out of memory reading the call");
  char *word = c->words;
  for (size_t n = 0;; n++) {
    char *space = strchr(word, ' ');
    if (space)
      *space = '\0';
    if (decode(word) != 0)
      return refuse(c, "bad %%-encoding in the call request (word %zu)", n + 1);
    if (n == 0)
      c->name = word;
    else if (c->arg_count == HFC_MAX_PARAMS)
      return refuse(c, "more than %d arguments", HFC_MAX_PARAMS);
    else
      c->args[c->arg_count++] = word;
    if (!space)
      break;
    word = space + 1;
  }
  if (!c->name[0])
    return refuse(c, "the call names no function");
  return 0;
}

/* ---------------------------------------------------- finding the function */

/* A static function of one module: its id is "<module id>:<name>". */
struct search {
  const char *name;      /* the function's own name   */
  const char *qualifier; /* FILE of FILE:NAME, or NULL */
  struct hpt_entry *found;
  size_t count;
  char list[256]; /* the ids found, for an ambiguous name */
};

/* FILE names the module: its id, or the source part of it (before a ':'
** that adds the object file), or that part's last components. */
static bool module_matches(const char *module_id, const char *file) {
  size_t source = strcspn(module_id, ":"), n = strlen(file);
  if (strcmp(module_id, file) == 0)
    return true;
  return n <= source && memcmp(module_id + source - n, file, n) == 0 &&
         (n == source || module_id[source - n - 1] == '/');
}

static void consider(struct search *s, const struct hotpatch_module *module,
                     const struct hotpatch_function *function) {
  size_t m = strlen(module->id);
  if (!function->id || !(function->flags & HOTPATCH_SYM_INTERNAL) ||
      strncmp(function->id, module->id, m) != 0 || function->id[m] != ':' ||
      strcmp(function->id + m + 1, s->name) != 0 ||
      (s->qualifier && !module_matches(module->id, s->qualifier)))
    return;
  struct hpt_entry *entry = hpr_function_entry(module, function->id);
  if (!entry || entry->item != function)
    return; /* a duplicate that lost */
  size_t used = strlen(s->list);
  snprintf(s->list + used, sizeof s->list - used, "%s%s", used ? ", " : "",
           function->id);
  s->found = entry;
  s->count++;
}

static int visit(const struct hpr_module_record *record, void *arg) {
  const struct hotpatch_module *module = record->module;
  if (!module->id)
    return 0;
  for (uint32_t i = 0; i < module->function_count; i++)
    consider(arg, module, &module->functions[i]);
  for (size_t i = 0; i < record->added_function_count; i++)
    consider(arg, module, record->added_functions[i]);
  return 0;
}

/* The entry of c->name: an id (a function's name, a C++ mangled name, a
** static function's full id), else a static function's name, alone or as
** FILE:NAME.  Caller holds the registry lock. */
static struct hpt_entry *find(struct call *c) {
  struct hpt_entry *entry = hpr_function_entry(NULL, c->name);
  if (entry)
    return entry;
  struct search s = {.name = c->name, .list = ""};
  char *qualified = strdup(c->name);
  char *colon = qualified ? strrchr(qualified, ':') : NULL;
  if (colon) {
    *colon = '\0';
    s.qualifier = qualified;
    s.name = colon + 1;
  }
  if (!qualified)
    refuse(c, "out of memory finding '%s'", c->name);
  else
    hpr_for_each_record(visit, &s);
  if (qualified && s.count == 0)
    refuse(c,
           "no function '%s' in this process (hcc inspect PROGRAM lists "
           "them: a static one as FILE:NAME, a C++ one by its mangled name)",
           c->name);
  else if (s.count > 1)
    refuse(c,
           "'%s' names %zu static functions (%s): say which, as "
           "FILE:NAME",
           c->name, s.count, s.list);
  free(qualified);
  return s.count == 1 ? s.found : NULL;
}

/* c->id, c->code and c->signature of the function named in the request.
** Caller holds the loader mutex (patches neither apply nor revert). */
static int find_current_code(struct call *c) {
  hpr_lock();
  struct hpt_entry *entry = find(c);
  if (entry) {
    const struct hotpatch_function *original = entry->item;
    c->id = entry->id;
    c->code = __atomic_load_n(original->slot, __ATOMIC_ACQUIRE);
    const struct hotpatch_function *now =
        original->impl == c->code ? original
                                  : hpa_patch_function(entry->id, c->code);
    if (now)
      c->signature = now->signature;
    else
      refuse(c, "cannot tell which code '%s' runs now", c->id);
  }
  hpr_unlock();
  return entry && !c->why[0] ? 0 : -1;
}

/* ------------------------------------------------------- checking the call */

static void list_types(const struct hfc_signature *types, char *out,
                       size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < types->count && used < size; i++)
    used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "",
                             hfc_c_type(types->params[i]));
}

static int check_signature(struct call *c) {
  if (!c->signature)
    return refuse(c,
                  "cannot call '%s': its signature was not recorded (it "
                  "was compiled by gcc, or without clang's front end, as "
                  "with -fpass-plugin=: only clang's records signatures)",
                  c->name);
  if (c->signature[0] == HOTPATCH_SIGNATURE_REFUSED)
    return refuse(c, "cannot call '%s': %s", c->name, c->signature + 1);
  if (hfc_read_signature(c->signature, &c->types) != 0)
    return refuse(c,
                  "cannot call '%s': its recorded signature '%s' is not "
                  "one this runtime reads",
                  c->name, c->signature);
  if (c->types.count != c->arg_count) {
    char types[256];
    list_types(&c->types, types, sizeof types);
    return refuse(c,
                  "cannot call '%s': it takes %zu argument%s%s%s%s, not "
                  "%zu",
                  c->name, c->types.count, c->types.count == 1 ? "" : "s",
                  c->types.count ? " (" : "", types, c->types.count ? ")" : "",
                  c->arg_count);
  }
  return 0;
}

static int parse_arguments(struct call *c) {
  for (size_t i = 0; i < c->arg_count; i++) {
    char why[256];
    if (hfc_parse_value(c->types.params[i], c->args[i], &c->values[i], why,
                        sizeof why) != 0)
      return refuse(c, "cannot call '%s': argument %zu: %s", c->name, i + 1,
                    why);
    c->addresses[i] = &c->values[i];
  }
  return 0;
}

static int prepare_call(struct call *c) {
  c->ffi = hfc_libffi(c->why, sizeof c->why);
  if (!c->ffi)
    return -1;
  for (size_t i = 0; i < c->arg_count; i++) {
    const char *symbol = hfc_ffi_type_symbol(c->types.params[i]);
    c->ffi_types[i] = hfc_libffi_type(c->ffi, symbol);
    if (!c->ffi_types[i])
      return refuse(c, "libffi has no %s", symbol);
  }
  const char *symbol = hfc_ffi_type_symbol(c->types.result);
  ffi_type *result = hfc_libffi_type(c->ffi, symbol);
  if (!result)
    return refuse(c, "libffi has no %s", symbol);
  if (c->ffi->prep_cif(&c->cif, FFI_DEFAULT_ABI, (unsigned)c->arg_count, result,
                       c->ffi_types) != FFI_OK)
    return refuse(c,
                  "cannot call '%s': libffi cannot prepare a call of "
                  "signature %s",
                  c->name, c->signature);
  return 0;
}

/* --------------------------------------------------------------- the call */

static void call_now(void *arg) {
  struct call *c = arg;
  void (*function)(void);
  memcpy(&function, &c->code, sizeof function); /* code to function pointer */
  c->ffi->call(&c->cif, function, &c->result, c->addresses);
}

static void call_as_program(void *arg) {
  hpn_run_as_program(call_now, arg);
}

static void nothing_after(void *arg) {
  (void)arg;
}

/* Call, from the loader mutex held by the caller to released. */
static int call_and_unlock(struct call *c) {
  if (!hpp_safepoint_mode()) {
    hpa_unlock(); /* the function may take its time, fork, fault */
    call_as_program(c);
    return 0;
  }
  /* The books stay free while the function runs: a fault in patch code
  ** there is reverted by the handler as anywhere else (books.h).  Nobody
  ** else takes them meanwhile: that needs the loader mutex, held here. */
  char why[256];
  hpb_give_back();
  int ran = hpp_run(call_as_program, nothing_after, c, why, sizeof why);
  hpb_take();
  hpa_unlock();
  hpp_finish(ran, nothing_after, c);
  return ran < 0 ? refuse(c, "did not call '%s': %s", c->name, why) : 0;
}

void hfc_call(const char *request, FILE *answer) {
  struct call *c = calloc(1, sizeof *c);
  if (!c) {
    fputs("error out of memory\n", answer);
    return;
  }
  int rc = read_request(c, request);
  if (rc == 0) {
    hpa_lock_settled();
    rc = find_current_code(c);
    if (rc == 0)
      rc = check_signature(c);
    if (rc == 0)
      rc = parse_arguments(c);
    if (rc == 0)
      rc = prepare_call(c);
    if (rc == 0)
      rc = call_and_unlock(c);
    else
      hpa_unlock();
  }
  if (rc == 0) {
    fputs("ok ", answer);
    hfc_write_value(answer, c->types.result, &c->result);
    fputc('\n', answer);
  } else {
    fprintf(answer, "error %s\n", c->why);
  }
  free(c->words);
  free(c);
}

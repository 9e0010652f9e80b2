/*
** args.c: classification of compiler command lines.
**
** Sections: response files | option tables | classification.
*/
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ========================================================= response files */

enum { RESPONSE_DEPTH_MAX = 32 }; /* stops "@a" containing "@a" */

/* Split GNU-style: whitespace separates; quotes and backslash escape. */
static void tokenize(struct hu_vec *out, const char *text, int depth);

static int expand_one(struct hu_vec *out, const char *arg, int depth) {
  if (arg[0] != '@' || depth >= RESPONSE_DEPTH_MAX)
    return 0;
  char *text = hu_read_file(arg + 1, NULL);
  if (!text)
    return 0;
  tokenize(out, text, depth + 1);
  free(text);
  return 1;
}

static void finish_token(struct hu_vec *out, struct hu_buf *tok, int depth) {
  if (!expand_one(out, tok->data, depth))
    hu_vec_push(out, tok->data);
  tok->len = 0;
}

static void tokenize(struct hu_vec *out, const char *p, int depth) {
  struct hu_buf tok = HU_BUF_INIT;
  int in_token = 0;
  char quote = 0;
  hu_buf_add(&tok, "", 0);
  for (; *p; p++) {
    char c = *p;
    if (quote) {
      if (c == quote)
        quote = 0;
      else if (c == '\\' && quote == '"' && p[1])
        hu_buf_addc(&tok, *++p);
      else
        hu_buf_addc(&tok, c);
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
               c == '\v') {
      if (in_token)
        finish_token(out, &tok, depth);
      in_token = 0;
    } else {
      in_token = 1;
      if (c == '\'' || c == '"')
        quote = c;
      else if (c == '\\' && p[1])
        hu_buf_addc(&tok, *++p);
      else
        hu_buf_addc(&tok, c);
    }
  }
  if (in_token)
    finish_token(out, &tok, depth);
  hu_buf_free(&tok);
}

/* See args.h. */
void ha_expand_response_files(struct hu_vec *out, int argc, char **argv) {
  for (int i = 0; i < argc; i++)
    if (!expand_one(out, argv[i], 0))
      hu_vec_push(out, argv[i]);
}

/* ========================================================== option tables */

/* Options whose value may be the next argument (clang's Separate and
** JoinedOrSeparate options a C build can meet).  Spelled exactly: when the
** value is glued on, the argument is not in this table. */
/* clang-format off */
static const char *const separate_value_options[] = {
  "-o", "-x", "-I", "-D", "-U", "-L", "-l", "-F", "-B", "-T", "-u", "-e",
  "-z", "-A", "-G", "-MF", "-MT", "-MQ", "-MJ", "-include", "-imacros",
  "-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
  "-isystem", "-isystem-after", "-iquote", "-isysroot", "-imultilib",
  "-iframework", "-iwithsysroot", "-ivfsoverlay", "-include-pch",
  "-cxx-isystem", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-Xclang",
  "-Xanalyzer", "-Xopenmp-target", "-mllvm", "-arch", "-target", "-rpath",
  "--param", "-aux-info", "-dependency-file", "-dependency-dot",
  "-serialize-diagnostics", "-working-directory", "--sysroot", "--config",
  "--output", "--include-directory", "--define-macro", "--undefine-macro",
  "--library-directory", "--language", "--include", "--prefix",
  "-ccc-gcc-name", "-ccc-install-dir", "--gcc-toolchain", "-gcc-toolchain",
  "-fmodule-file", "-ftime-report", "-Xcuda-fatbinary", "-Xcuda-ptxas",
  NULL
};
/* clang-format on */

static int in_table(const char *const *table, const char *arg) {
  for (; *table; table++)
    if (strcmp(*table, arg) == 0)
      return 1;
  return 0;
}

static int has_prefix(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Language of an input named `path` when no -x applies.  The C++ driver,
** like g++, takes C sources (.c, .i, standard input) for C++ (clang's
** lookupCXXTypeForCType). */
static enum ha_lang lang_from_extension(const char *path, int cxx_driver) {
  const char *ext = hu_extension(path);
  enum ha_lang c = cxx_driver ? HA_LANG_CXX : HA_LANG_C;
  if (strcmp(path, "-") == 0)
    return c; /* clang: -E only, else an error */
  if (!strcmp(ext, ".c") || !strcmp(ext, ".i"))
    return c;
  if (!strcmp(ext, ".s"))
    return HA_LANG_ASM;
  if (!strcmp(ext, ".S") || !strcmp(ext, ".sx"))
    return HA_LANG_ASM_CPP;
  static const char *const cxx[] = {".cc",  ".cp", ".cxx", ".cpp", ".CPP",
                                    ".c++", ".C",  ".ii",  NULL};
  if (in_table(cxx, ext))
    return HA_LANG_CXX;
  static const char *const other[] = {
      ".h",   ".hh",  ".hpp", ".hxx", ".H",    ".m",   ".mi",
      ".mm",  ".M",   ".mii", ".ll",  ".bc",   ".cu",  ".cl",
      ".hip", ".pch", ".pcm", ".ast", ".cppm", ".ixx", NULL};
  if (in_table(other, ext))
    return HA_LANG_OTHER;
  return HA_LANG_LINKER;
}

/* Language named by `-x LANG`; *none set for "-x none". */
static enum ha_lang lang_from_x(const char *name) {
  if (!strcmp(name, "c") || !strcmp(name, "cpp-output"))
    return HA_LANG_C;
  if (!strcmp(name, "c++") || !strcmp(name, "c++-cpp-output"))
    return HA_LANG_CXX;
  if (!strcmp(name, "assembler"))
    return HA_LANG_ASM;
  if (!strcmp(name, "assembler-with-cpp"))
    return HA_LANG_ASM_CPP;
  return HA_LANG_OTHER;
}

/* The driver mode the last --driver-mode= selects (clang reads it before
** anything else, wherever it stands): 1 for g++, 0 for gcc, else `dflt`. */
static int driver_mode(const struct hu_vec *args, int dflt) {
  int cxx = dflt;
  for (int i = 0; i < args->count; i++) {
    const char *a = args->items[i];
    if (!strcmp(a, "--driver-mode=g++"))
      cxx = 1;
    else if (!strcmp(a, "--driver-mode=gcc"))
      cxx = 0;
  }
  return cxx;
}

/* ========================================================== classification */

/* Phase flags seen, combined like clang's getFinalPhase. */
struct phases {
  int preprocess, syntax, assembly, object, info;
};

static void note_flag(struct ha_cmd *c, struct phases *ph, const char *a) {
  if (!strcmp(a, "-E") || !strcmp(a, "-M") || !strcmp(a, "-MM") ||
      !strcmp(a, "--preprocess") || !strcmp(a, "--dependencies") ||
      !strcmp(a, "--user-dependencies"))
    ph->preprocess = 1;
  else if (!strcmp(a, "-fsyntax-only") || !strcmp(a, "--precompile") ||
           !strcmp(a, "-emit-ast") || !strcmp(a, "--analyze") ||
           has_prefix(a, "-rewrite-") || !strcmp(a, "-fdriver-only"))
    ph->syntax = 1;
  else if (!strcmp(a, "-S") || !strcmp(a, "--assemble"))
    ph->assembly = 1;
  else if (!strcmp(a, "-c") || !strcmp(a, "--compile"))
    ph->object = 1;
  else if (!strcmp(a, "-###") || has_prefix(a, "-print-") ||
           has_prefix(a, "--print-") || has_prefix(a, "-dump") ||
           !strcmp(a, "--version") || !strcmp(a, "--help"))
    ph->info = 1;
  else if (!strcmp(a, "-MD") || !strcmp(a, "-MMD") ||
           !strcmp(a, "--write-dependencies") ||
           !strcmp(a, "--write-user-dependencies"))
    c->dep_md = 1;
  else if (!strcmp(a, "-static") || !strcmp(a, "-static-pie") ||
           !strcmp(a, "--static"))
    c->link_static = 1;
  else if (!strcmp(a, "-shared") || !strcmp(a, "--shared"))
    c->link_shared = 1;
  else if (!strcmp(a, "-r") || !strcmp(a, "--relocatable"))
    c->link_relocatable = 1;
  else if (!strcmp(a, "-flto") || has_prefix(a, "-flto="))
    c->lto = a;
  else if (!strcmp(a, "-fno-lto"))
    c->lto = NULL;
}

/* 1 when clang takes the input as preprocessed text: -x cpp-output or
** c++-cpp-output (`x`, the -x in force, or NULL), else a .i or .ii. */
static int preprocessed(const char *path, const char *x) {
  if (x)
    return !strcmp(x, "cpp-output") || !strcmp(x, "c++-cpp-output");
  const char *ext = hu_extension(path);
  return !strcmp(ext, ".i") || !strcmp(ext, ".ii");
}

/* An input under `x`, the -x in force (NULL for none). */
static void add_input(struct ha_cmd *c, const char *path, const char *x) {
  c->inputs =
      hu_xrealloc(c->inputs, (size_t)(c->input_count + 1) * sizeof *c->inputs);
  struct ha_input *in = &c->inputs[c->input_count++];
  in->path = path;
  in->lang = x ? lang_from_x(x) : lang_from_extension(path, c->cxx_driver);
  in->preprocessed = preprocessed(path, x);
}

/* If `a` is option `opt` with its value glued on (-ofoo, -MFdeps.d), or
** `--long=value`, return the value. */
static const char *glued_value(const char *a, const char *opt) {
  size_t n = strlen(opt);
  if (strncmp(a, opt, n) != 0 || a[n] == '\0')
    return NULL;
  if (opt[1] == '-')
    return a[n] == '=' ? a + n + 1 : NULL;
  return a + n;
}

/* See args.h. */
void ha_classify(struct ha_cmd *c, int cxx_driver, int argc, char **argv) {
  memset(c, 0, sizeof *c);
  ha_expand_response_files(&c->args, argc, argv);
  c->cxx_driver = driver_mode(&c->args, cxx_driver);
  struct phases ph = {0};
  const char *x = NULL; /* the -x in force */
  int only_inputs = 0;  /* after "--" everything is an input */
  for (int i = 0; i < c->args.count; i++) {
    const char *a = c->args.items[i];
    const char *next = i + 1 < c->args.count ? c->args.items[i + 1] : NULL;
    const char *v;
    if (only_inputs || a[0] != '-' || a[1] == '\0') {
      add_input(c, a, x);
      continue;
    }
    if (!strcmp(a, "--")) {
      only_inputs = 1;
      continue;
    }
    if (in_table(separate_value_options, a)) {
      if (!next)
        break; /* clang reports the missing value */
      i++;
      if (!strcmp(a, "-o") || !strcmp(a, "--output"))
        c->output = next;
      else if (!strcmp(a, "-MF"))
        c->dep_mf = next;
      else if (!strcmp(a, "-x") || !strcmp(a, "--language"))
        x = strcmp(next, "none") ? next : NULL;
      continue;
    }
    if ((v = glued_value(a, "--output")) != NULL)
      c->output = v;
    else if (has_prefix(a, "-o") && !has_prefix(a, "-obj"))
      c->output = a + 2;
    else if ((v = glued_value(a, "-MF")) != NULL)
      c->dep_mf = v;
    else if ((v = glued_value(a, "-x")) != NULL ||
             (v = glued_value(a, "--language")) != NULL)
      x = strcmp(v, "none") ? v : NULL;
    else
      note_flag(c, &ph, a);
  }
  if (ph.info || c->input_count == 0)
    c->mode = HA_MODE_INFO;
  else if (ph.preprocess)
    c->mode = HA_MODE_PREPROCESS;
  else if (ph.syntax)
    c->mode = HA_MODE_SYNTAX;
  else if (ph.assembly)
    c->mode = HA_MODE_ASSEMBLY;
  else if (ph.object)
    c->mode = HA_MODE_OBJECT;
  else
    c->mode = HA_MODE_LINK;
}

/* See args.h. */
int ha_takes_value(const char *arg) {
  return in_table(separate_value_options, arg);
}

/* See args.h. */
void ha_cmd_free(struct ha_cmd *c) {
  free(c->inputs);
  hu_vec_free(&c->args);
  memset(c, 0, sizeof *c);
}

/* See args.h. */
int ha_instrumented(enum ha_lang lang) {
  return lang == HA_LANG_C || lang == HA_LANG_CXX;
}

/* See args.h. */
int ha_count_instrumented(const struct ha_cmd *c) {
  int n = 0;
  for (int i = 0; i < c->input_count; i++)
    n += ha_instrumented(c->inputs[i].lang);
  return n;
}

/* See args.h. */
int ha_only_linker_inputs(const struct ha_cmd *c) {
  for (int i = 0; i < c->input_count; i++)
    if (c->inputs[i].lang != HA_LANG_LINKER)
      return 0;
  return 1;
}

/* See args.h. */
int ha_cxx_driver_name(const char *argv0) {
  return strstr(hu_basename(argv0), "++") != NULL;
}

/* See args.h. */
int ha_gcc_driver_name(const char *argv0) {
  return strcmp(hu_basename(argv0), "hcc-gcc") == 0;
}

/* See args.h. */
const char *ha_mode_name(enum ha_mode mode) {
  static const char *const names[] = {"preprocess", "syntax", "assembly",
                                      "object",     "link",   "info"};
  return names[mode];
}

/* See args.h. */
const char *ha_lang_name(enum ha_lang lang) {
  static const char *const names[] = {"c",       "c++",   "asm",
                                      "asm-cpp", "other", "linker"};
  return names[lang];
}

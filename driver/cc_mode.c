/*
** cc_mode.c: hcc as a drop-in compiler.
**
** hcc hands clang the user's arguments unchanged and only appends (hcc++
** also puts --driver-mode=g++ first, which is what makes clang clang++):
**   every mode but "info"      -idirafter <include/hotpatch>
**   compiling C or C++         -fplugin=<lib>/hotpatch.so and the module id
**     (-S, -c, link)           or build root (see plugin_args)
**   one source, no -MD         -MD -MF <root>/.hotpatch/deps/<hash>.d
**                              (with the user's -MD, their file is linked
**                              there after the compile)
**   linking                    the runtime, a build-id, and a tiny assembly
**                              file whose section hotpatch_build names the
**                              build database
**   distcc preprocessing one   -include <root>/.hotpatch/units/<id>.h: the
**     source (-E)              text names its unit (see names_unit), and
**                              the run is recorded as that unit's compile
** As hcc-gcc (a symlink to hcc) the compiler is gcc-12 ($HOTPATCH_GCC) and
** the plugin lib/hotpatch_gcc.so, the rest alike; the compile records keep
** argv[0], so the database knows which compiler built each unit.
** Compiles (-c, -S) run clang through $HOTPATCH_LAUNCHER when it is set
** (ccache, distcc).  Other preprocessing, -fsyntax-only and information
** runs are handed over with exec.  Builds run clang as a child and, only
** when it succeeds, append compile and link records to the build database.
**
** Database failure policy: the database is opened before clang runs, so a
** missing permission stops the build before anything is produced.  If the
** append itself fails after clang succeeded, hcc deletes the outputs it
** just produced and exits 1, so that make rebuilds (and records) them on the
** next run instead of keeping an object the database does not know.
**
** Sections: plan | clang arguments | records | entry point.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "args.h"
#include "builddb.h"
#include "elf_file.h"
#include "hcc.h"
#include "hotpatch_abi.h"
#include "paths.h"
#include "process_lookup.h"
#include "run_command.h"
#include "section_object.h"
#include "util.h"

/* One C or C++ source of the command and what hcc knows of its compile. */
struct source {
  const char *path; /* as written                                     */
  char *abs;        /* absolute ("-" for standard input)              */
  char *output;     /* absolute .o/.s, NULL when a temporary          */
  char *depfile;    /* absolute, NULL when none                       */
  char *module_id;  /* the id the plugin gives the module             */
  int preprocessed; /* text clang does not preprocess: no dependencies */
};

struct build {
  int argc; /* hcc's own argv                        */
  char **argv;
  struct ha_cmd cmd;
  const char *clang; /* the compiler: clang-19, or gcc-12 as hcc-gcc */
  int gcc;           /* invoked as hcc-gcc                    */
  struct hp_paths paths;
  char *cwd;
  struct hb_db db;
  struct source *sources; /* the C and C++ inputs                   */
  int source_count;
  int compiled_count;      /* inputs clang compiles (not the linker's) */
  int links;               /* a final link (not -r) happens          */
  char *link_output;       /* absolute, when links                   */
  struct timespec started; /* CLOCK_REALTIME_COARSE before clang ran */
  const char *launcher;    /* $HOTPATCH_LAUNCHER when it runs clang  */
  struct hu_vec clang_argv;
};

/* ==================================================================== plan */

static char *stem_with(const char *path, const char *ext) {
  char *base = hu_replace_ext(hu_basename(path), ext);
  return base;
}

static char *abs_of(const struct build *b, const char *path) {
  return hu_abspath(b->cwd, path);
}

/* The .o or .s clang writes for `path`, or NULL for a temporary. */
static char *source_output(const struct build *b, const char *path) {
  const char *ext = b->cmd.mode == HA_MODE_OBJECT ? ".o" : ".s";
  if (b->cmd.mode != HA_MODE_OBJECT && b->cmd.mode != HA_MODE_ASSEMBLY)
    return NULL;
  if (b->cmd.output)
    return abs_of(b, b->cmd.output);
  char *name = stem_with(path, ext);
  char *abs = abs_of(b, name);
  free(name);
  return abs;
}

/* The dependency file clang writes for -MD/-MMD, as clang names it. */
static char *user_depfile(const struct build *b, const char *path) {
  if (b->cmd.dep_mf)
    return abs_of(b, b->cmd.dep_mf);
  char *name = b->cmd.output ? hu_replace_ext(b->cmd.output, ".d")
                             : stem_with(path, ".d");
  char *abs = abs_of(b, name);
  free(name);
  return abs;
}

/* hcc's own dependency file for a compile without -MD: named by a hash of
** the object (or source) so that concurrent compiles never share one. */
static char *own_depfile(const struct build *b, const struct source *s) {
  char *deps = hb_subdir(&b->db, "deps");
  if (!deps)
    return NULL;
  const char *key = s->output ? s->output : s->abs;
  char *path = hu_xasprintf("%s/%016llx.d", deps,
                            (unsigned long long)XXH3_64bits(key, strlen(key)));
  free(deps);
  return path;
}

static char *module_id(const struct build *b, const struct source *s) {
  const char *src =
      strcmp(s->abs, "-") ? hu_relpath_inside(s->abs, b->db.root) : "<stdin>";
  if (b->source_count == 1 && b->cmd.mode == HA_MODE_OBJECT && b->cmd.output)
    return hu_xasprintf("%s:%s", src, hu_relpath_inside(s->output, b->db.root));
  return hu_xstrdup(src);
}

/* Work out sources, outputs, dependency files and module ids.  Returns 0,
** or 1 after an error. */
static int plan(struct build *b) {
  b->sources =
      hu_xmalloc(sizeof *b->sources * (size_t)(b->cmd.input_count + 1));
  for (int i = 0; i < b->cmd.input_count; i++) {
    const struct ha_input *in = &b->cmd.inputs[i];
    if (in->lang != HA_LANG_LINKER)
      b->compiled_count++;
    if (!ha_instrumented(in->lang))
      continue;
    struct source *s = &b->sources[b->source_count++];
    memset(s, 0, sizeof *s);
    s->path = in->path;
    s->abs = strcmp(in->path, "-") ? abs_of(b, in->path) : hu_xstrdup("-");
    s->output = source_output(b, in->path);
    s->preprocessed = in->preprocessed;
  }
  for (int i = 0; i < b->source_count; i++) {
    struct source *s = &b->sources[i];
    s->module_id = module_id(b, s);
    if (b->cmd.dep_md)
      s->depfile = user_depfile(b, s->path);
    else if (b->source_count == 1 && b->compiled_count == 1 &&
             !s->preprocessed && !(s->depfile = own_depfile(b, s)))
      return 1;
  }
  b->links = b->cmd.mode == HA_MODE_LINK && !b->cmd.link_relocatable;
  if (b->links)
    b->link_output = abs_of(b, b->cmd.output ? b->cmd.output : "a.out");
  return 0;
}

/* ========================================================= clang arguments */

static void push(struct build *b, const char *arg) {
  hu_vec_push(&b->clang_argv, arg);
}

static void pushf(struct build *b, const char *fmt, const char *arg) {
  hu_vec_pushf(&b->clang_argv, fmt, arg);
}

/* Whether the compile gets the plugin (plugin_args). */
static int loads_plugin(const struct build *b) {
  return b->source_count > 0 && b->cmd.mode != HA_MODE_PREPROCESS;
}

/* clang, as clang++ for hcc++, then the user's arguments unchanged.  gcc
** takes -fplugin-arg-hotpatch_gcc-... only after the -fplugin= it belongs
** to, so for gcc that comes first: a user's own plugin arguments work, as
** with clang (a patch built by hand against a baseline). */
static void push_clang_and_user_args(struct build *b) {
  push(b, b->clang);
  if (ha_cxx_driver_name(b->argv[0]))
    push(b, HA_CXX_DRIVER_MODE);
  if (b->gcc && loads_plugin(b))
    pushf(b, "-fplugin=%s", b->paths.gcc_plugin);
  hu_vec_pushv(&b->clang_argv, b->argv + 1, b->argc - 1);
}

/* -fplugin (gcc's came before the user's arguments) and exactly one of
** module-id (one source) or root (several); gcc names its plugin's
** arguments after the file, hotpatch_gcc. */
static void plugin_args(struct build *b) {
  if (!loads_plugin(b))
    return;
  if (!b->gcc)
    hp_push_plugin(&b->clang_argv, &b->paths);
  const char *arg =
      b->gcc ? "-fplugin-arg-hotpatch_gcc-" : "-fplugin-arg-hotpatch-";
  if (b->source_count == 1)
    hu_vec_pushf(&b->clang_argv, "%smodule-id=%s", arg,
                 b->sources[0].module_id);
  else
    hu_vec_pushf(&b->clang_argv, "%sroot=%s", arg, b->db.root);
  if (hu_env_switch("HOTPATCH_SPREAD_STUBS") == 0)
    hu_vec_pushf(&b->clang_argv, "%sspread-stubs=0", arg);
  if (b->gcc) {
    hp_push_shared_switches(&b->clang_argv, arg);
    return; /* the GCC plugin has no closures (yet) */
  }
  /* What the first patch compile of each unit needs to skip optimising
  ** what did not change (plugin/Closures.cpp). */
  char *closures = hb_closures_dir(b->db.dir);
  pushf(b, "-fplugin-arg-hotpatch-closures=%s", closures);
  free(closures);
}

static void escape_asm_string(struct hu_buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      hu_buf_addc(out, '\\');
    if (*s == '\n')
      hu_buf_adds(out, "\\n");
    else
      hu_buf_addc(out, *s);
  }
}

/* What section hotpatch_build holds, its terminating NUL included: where
** the database is. */
static void build_section_content(const struct build *b,
                                  struct hu_buf *content) {
  hu_buf_addf(content, "hotpatch-build 1\n%s\n", b->db.dir);
}

/* The text of build-section.s, whose retained ("R": kept by
** --gc-sections) section hotpatch_build holds \p content. */
static void build_section_text(const struct hu_buf *content,
                               struct hu_buf *text) {
  hu_buf_adds(
      text,
      "# Written by hcc: where this program's hotpatch build database is.\n"
      "\t.section hotpatch_build,\"aR\",%progbits\n\t.asciz \"");
  escape_asm_string(text, content->data);
  hu_buf_adds(text, "\"\n\t.section .note.GNU-stack,\"\",%progbits\n");
}

/* Writes \p path in the database directory whole (to a temporary, then
** renamed: parallel links and compiles never see half a file).  0, or -1
** after an error (reported). */
static int write_db_file(const struct build *b, const char *path,
                         const char *data, size_t len) {
  if (hu_write_file_atomic(path, data, len) == 0)
    return 0;
  hu_error(
      "cannot write %s: %s; fix the permissions of %s or set HOTPATCH_ROOT",
      path, strerror(errno), b->db.dir);
  return -1;
}

/* <db dir>/build-section-<kind><key>.o: the section's object made once per
** what \p key was fed. */
static char *section_object_path(const struct build *b, const char *kind,
                                 XXH3_state_t *key) {
  return hu_xasprintf("%s/build-section-%s%016llx.o", b->db.dir, kind,
                      (unsigned long long)XXH3_64bits_digest(key));
}

/* Write <db dir>/build-section.s.  Returns the path, or NULL after an
** error (reported). */
static char *build_section_file(const struct build *b,
                                const struct hu_buf *text) {
  char *path = hu_xasprintf("%s/build-section.s", b->db.dir);
  if (write_db_file(b, path, text->data, text->len) != 0) {
    free(path);
    path = NULL;
  }
  return path;
}

/* The user's arguments that decide what assembling the section file makes:
** the target and machine (-m32, --target=, -march=...) and the
** assembler's own options, each with its separate value. */
static void assembler_args(const struct build *b, struct hu_vec *out) {
  static const char *const with_value[] = {"-target", "-Xassembler", "-mllvm",
                                           NULL};
  const struct hu_vec *args = &b->cmd.args;
  for (int i = 0; i < args->count; i++) {
    const char *a = args->items[i];
    int separate = 0;
    for (const char *const *w = with_value; *w; w++)
      separate |= !strcmp(a, *w);
    if (separate && i + 1 < args->count) {
      hu_vec_push(out, a);
      hu_vec_push(out, args->items[++i]);
    } else if (!strncmp(a, "-m", 2) || !strncmp(a, "--target=", 9) ||
               !strncmp(a, "-Wa,", 4)) {
      hu_vec_push(out, a);
    }
  }
}

/* Assemble \p source, the section file, into \p object with \p argv (the
** compiler and assembler_args); written aside and renamed, as parallel
** links may make it at once.  0 when made. */
static int assemble_section(const char *source, struct hu_vec *argv,
                            const char *object) {
  char *temporary = hu_xasprintf("%s.%ld.tmp", object, (long)getpid());
  const char *tail[] = {"-c", "-x", "assembler", source, "-o", temporary};
  for (size_t i = 0; i < sizeof tail / sizeof *tail; i++)
    hu_vec_push(argv, tail[i]);
  struct rcmd as = {.argv = argv->items, .output = "/dev/null"};
  int rc = rcmd_run(&as) == 0 && rename(temporary, object) == 0 ? 0 : -1;
  if (rc != 0)
    unlink(temporary);
  free(temporary);
  return rc;
}

/* The target of the link's first little-endian ELF64 object, which an
** object written without an assembler can match (section_object.c).  0
** when there is one. */
static int link_target(const struct build *b, struct so_target *t) {
  for (int i = 0; i < b->cmd.input_count; i++)
    if (b->cmd.inputs[i].lang == HA_LANG_LINKER &&
        so_target_of(b->cmd.inputs[i].path, t) == 0)
      return 0;
  return -1;
}

/* <db dir>/build-section-<key>.o holding \p content, written for target
** \p t the first time; NULL after an error (reported). */
static char *written_section_object(const struct build *b,
                                    const struct hu_buf *content,
                                    const struct so_target *t) {
  XXH3_state_t key;
  XXH3_64bits_reset(&key);
  XXH3_64bits_update(&key, content->data, content->len);
  XXH3_64bits_update(&key, t->ident, sizeof t->ident);
  XXH3_64bits_update(&key, &t->machine, sizeof t->machine);
  XXH3_64bits_update(&key, &t->flags, sizeof t->flags);
  char *object = section_object_path(b, "elf-", &key);
  if (access(object, R_OK) == 0)
    return object;
  struct hu_buf elf = HU_BUF_INIT;
  so_write(&elf, t, "hotpatch_build", content->data, content->len + 1);
  if (write_db_file(b, object, elf.data, elf.len) != 0) {
    free(object);
    object = NULL;
  }
  hu_buf_free(&elf);
  return object;
}

/* For a link without an ELF64 object: <db dir>/build-section-<key>.o, the
** section file assembled once for the database, this compiler and these
** assembler arguments: assembling it in every link started one more
** compiler process per link (about 20 ms of CPU, more than the rest of
** what hcc adds to a link).  NULL when it cannot be made; then *source is
** the section file written for the link to assemble itself, or NULL after
** an error (reported). */
static char *build_section_object(const struct build *b,
                                  const struct hu_buf *text, char **source) {
  *source = NULL;
  struct hu_vec argv = HU_VEC_INIT;
  hu_vec_push(&argv, b->clang);
  assembler_args(b, &argv);
  XXH3_state_t key;
  XXH3_64bits_reset(&key);
  XXH3_64bits_update(&key, text->data, text->len);
  for (int i = 0; i < argv.count; i++)
    XXH3_64bits_update(&key, argv.items[i], strlen(argv.items[i]) + 1);
  char *object = section_object_path(b, "", &key);
  if (access(object, R_OK) != 0) {
    *source = build_section_file(b, text);
    if (!*source || assemble_section(*source, &argv, object) != 0) {
      free(object);
      object = NULL;
    }
  }
  hu_vec_free(&argv);
  return object;
}

/* The runtime, the build-id and the hotpatch_build section. */
static int link_args(struct build *b) {
  if (b->cmd.link_static) {
    push(b, b->paths.runtime_static);
    push(b, "-Wl,--undefined="
            "__hotpatch_register_module");
  } else {
    /* Named by its path: the library has no soname, so the program's
    ** DT_NEEDED is that path and needs no runpath, which would make the
    ** dynamic linker look for libc and every other library in <lib> (and
    ** its ~20 hardware-capability subdirectories) first at every start. */
    push(b, "-Wl,--push-state,--no-as-needed");
    push(b, b->paths.runtime_shared);
    push(b, "-Wl,--pop-state");
  }
  push(b, "-Wl,--build-id=sha1");
  /* Slots in pages of their own, kept read-only by the runtime. */
  pushf(b, "-Wl,-T,%s/hotpatch-slots.ld", b->paths.libdir);
  struct hu_buf content = HU_BUF_INIT, text = HU_BUF_INIT;
  build_section_content(b, &content);
  struct so_target target;
  char *section = NULL, *object;
  if (link_target(b, &target) == 0) {
    object = written_section_object(b, &content, &target);
  } else {
    build_section_text(&content, &text);
    object = build_section_object(b, &text, &section);
  }
  hu_buf_free(&content);
  hu_buf_free(&text);
  if (object) {
    free(section);
    /* After a user's -x, an object needs its type back. */
    push(b, "-x");
    push(b, "none");
    push(b, object);
    free(object);
    return 0;
  }
  if (!section)
    return 1;
  /* clang-19 never calls an argument of a link of objects unused, but
  ** assembling the section file makes the command compile something,
  ** and then every compile flag the assembler does not read (a Makefile
  ** passing -D... to its link) would be warned about, an error under
  ** -Werror.  Only such a command needs the warnings silenced. */
  if (!b->gcc && ha_only_linker_inputs(&b->cmd))
    push(b, "-Qunused-arguments");
  push(b, "-x");
  push(b, "assembler");
  push(b, section);
  free(section);
  return 0;
}

/* -idirafter <include/hotpatch>, only when clang preprocesses something:
** otherwise clang warns that the argument is unused. */
static void include_args(struct build *b) {
  int preprocessed = 0;
  for (int i = 0; i < b->cmd.input_count; i++) {
    enum ha_lang lang = b->cmd.inputs[i].lang;
    preprocessed += !b->cmd.inputs[i].preprocessed &&
                    (ha_instrumented(lang) || lang == HA_LANG_ASM_CPP ||
                     lang == HA_LANG_OTHER);
  }
  if (!preprocessed)
    return;
  push(b, "-idirafter");
  push(b, b->paths.incdir);
}

/* 1 when distcc started hcc (its masquerading links resolve to distcc). */
static int run_by_distcc(void) {
  char *parent = pl_exe(getppid());
  int yes = parent && strcmp(hu_basename(parent), "distcc") == 0;
  free(parent);
  return yes;
}

/* distcc's `hcc -E` of one C or C++ source: the text, with line markers,
** that distcc sends to be compiled elsewhere, without -I, -D or the
** source's name.  The text then names its unit and hcc records the
** compile here (HOTPATCH_UNIT_MARKER_DIR in hotpatch_abi.h).  Any other
** -E reaches clang unchanged, as does what carries no line markers
** (dependency listings -M and -MM, -P, macro dumps). */
static int names_unit(const struct ha_cmd *c) {
  static const char *const without_markers[] = {"-M",
                                                "-MM",
                                                "-P",
                                                "-dM",
                                                "--dependencies",
                                                "--user-dependencies",
                                                "--no-line-commands"};
  int plain_e = 0;
  for (int i = 0; i < c->args.count; i++) {
    const char *a = c->args.items[i];
    plain_e |= !strcmp(a, "-E") || !strcmp(a, "--preprocess");
    for (size_t k = 0; k < sizeof without_markers / sizeof *without_markers;
         k++)
      if (!strcmp(a, without_markers[k]))
        return 0;
  }
  if (!plain_e || c->input_count != 1 || ha_count_instrumented(c) != 1)
    return 0;
  return strcmp(c->inputs[0].path, "-") != 0 && run_by_distcc();
}

/* -include the marker file that names the unit (created empty when
** missing: its contents never matter, and a file left alone does not make
** make rebuild what lists it as a dependency). */
static int marker_args(struct build *b) {
  char *marker =
      hu_xasprintf("%s%s%s%s", strcmp(b->db.root, "/") ? b->db.root : "",
                   HOTPATCH_UNIT_MARKER_DIR, b->sources[0].module_id,
                   HOTPATCH_UNIT_MARKER_SUFFIX);
  char *dir = hu_dirname(marker);
  int rc = 0;
  if (access(marker, F_OK) != 0 &&
      (hu_make_dirs(dir) != 0 || hu_write_file_atomic(marker, "", 0) != 0))
    rc = hu_error(
        "cannot write %s: %s; fix the permissions of %s or set HOTPATCH_ROOT",
        marker, strerror(errno), b->db.dir);
  push(b, "-include");
  push(b, marker);
  free(dir);
  free(marker);
  return rc;
}

/* $HOTPATCH_LAUNCHER, words split at spaces, before clang in the commands
** that compile (-c, -S): hcc calling ccache or distcc, which then see and
** key everything hcc adds.  Links and patch compiles run clang itself. */
static void launcher_args(struct build *b) {
  const char *env = getenv("HOTPATCH_LAUNCHER");
  if (!env || !*env ||
      (b->cmd.mode != HA_MODE_OBJECT && b->cmd.mode != HA_MODE_ASSEMBLY))
    return;
  b->launcher = env;
  char *words = hu_xstrdup(env), *save = NULL;
  for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
    push(b, w);
  free(words);
}

/* The full clang command: clang, the user's arguments, hcc's additions. */
static int clang_args(struct build *b) {
  launcher_args(b);
  push_clang_and_user_args(b);
  include_args(b);
  if (b->cmd.mode == HA_MODE_PREPROCESS) {
    if (marker_args(b))
      return 1;
  } else {
    plugin_args(b);
  }
  if (b->source_count == 1 && !b->cmd.dep_md && b->sources[0].depfile) {
    push(b, "-MD");
    push(b, "-MF");
    push(b, b->sources[0].depfile);
  }
  return b->links ? link_args(b) : 0;
}

/* ================================================================= records */

static void add_argv(const struct build *b, struct hu_buf *rec) {
  hb_record_number(rec, b->cmd.args.count + 1);
  hb_record_field(rec, b->argv[0]);
  for (int i = 0; i < b->cmd.args.count; i++)
    hb_record_field(rec, b->cmd.args.items[i]);
}

/* The time field of a compile record is when clang STARTED, as
** "<sec>.<nsec>" of CLOCK_REALTIME_COARSE: the clock the kernel stamps
** mtimes with, so `hcc patch` can tell that a file saved while this compile
** ran (mtime >= start) may not be in the object. */
static void compile_record(const struct build *b, const struct source *s,
                           struct hu_buf *rec) {
  hb_record_begin(rec, "compile");
  hu_buf_addf(rec, "\t%lld.%09ld", (long long)b->started.tv_sec,
              b->started.tv_nsec);
  hb_record_field(rec, b->cwd);
  hb_record_field(rec, s->abs);
  hb_record_field(rec, s->output);
  hb_record_field(rec, s->depfile);
  hb_record_field(rec, s->module_id);
  add_argv(b, rec);
  hb_record_end(rec);
}

/* Inputs of the link: files named on the command line (objects, archives,
** shared objects, and sources compiled by this same command). */
static void link_record(const struct build *b, long long now,
                        struct hu_buf *rec) {
  char build_id[160] = "";
  struct he_file f;
  if (he_open(&f, b->link_output, 1) == 0) {
    if (he_build_id(&f, build_id, sizeof build_id) != 0)
      build_id[0] = '\0';
    he_close(&f);
  }
  hb_record_begin(rec, "link");
  hb_record_number(rec, now);
  hb_record_field(rec, b->cwd);
  hb_record_field(rec, b->link_output);
  hb_record_field(rec, build_id);
  int n = 0;
  for (int i = 0; i < b->cmd.input_count; i++)
    n += strcmp(b->cmd.inputs[i].path, "-") != 0;
  hb_record_number(rec, n);
  for (int i = 0; i < b->cmd.input_count; i++) {
    if (!strcmp(b->cmd.inputs[i].path, "-"))
      continue;
    char *abs = abs_of(b, b->cmd.inputs[i].path);
    hb_record_field(rec, abs);
    free(abs);
  }
  add_argv(b, rec);
  hb_record_end(rec);
}

/* Only regular files: "-o /dev/null" must survive. */
static void remove_output(const char *path) {
  struct stat st;
  if (path && lstat(path, &st) == 0 && S_ISREG(st.st_mode))
    unlink(path);
}

/* Undo a build whose records could not be written (see the policy above). */
static void remove_outputs(const struct build *b) {
  for (int i = 0; i < b->source_count; i++)
    remove_output(b->sources[i].output);
  remove_output(b->link_output);
}

static int record(struct build *b) {
  struct hu_buf recs = HU_BUF_INIT;
  long long now = (long long)time(NULL);
  for (int i = 0; i < b->source_count; i++)
    compile_record(b, &b->sources[i], &recs);
  if (b->links)
    link_record(b, now, &recs);
  int rc = recs.len ? hb_append(&b->db, recs.data, recs.len) : 0;
  hu_buf_free(&recs);
  if (rc) {
    remove_outputs(b);
    fprintf(stderr,
            "hcc: note: removed the outputs of this command so that the next "
            "build redoes it\n");
  }
  return rc;
}

/* ============================================================= entry point */

static unsigned needs(const struct build *b) {
  unsigned need = HP_NEED_HEADER;
  if (ha_count_instrumented(&b->cmd))
    need |= b->gcc ? HP_NEED_GCC_PLUGIN : HP_NEED_PLUGIN;
  if (b->cmd.mode == HA_MODE_LINK && !b->cmd.link_relocatable)
    need |=
        b->cmd.link_static ? HP_NEED_RUNTIME_STATIC : HP_NEED_RUNTIME_SHARED;
  return need;
}

static int compiler_error(const struct build *b, int err) {
  return b->gcc ? hp_gcc_error(b->clang, err) : hp_clang_error(b->clang, err);
}

/* Replace hcc by clang for runs that produce nothing to record. */
static int hand_over(struct build *b, int with_header) {
  push_clang_and_user_args(b);
  if (with_header)
    include_args(b);
  fflush(NULL);
  execvp(b->clang, b->clang_argv.items);
  return compiler_error(b, errno);
}

/* Link-time optimisation inlines and copies functions across units after
** the plugin has hashed them, and its objects are bitcode that no patch
** can be linked against: refused until hotpatch instruments at link time.
** Linking ordinary objects with -flto is harmless and allowed. */
static int refuse_lto(const struct build *b) {
  if (!b->cmd.lto || !ha_count_instrumented(&b->cmd) ||
      b->cmd.mode == HA_MODE_PREPROCESS)
    return 0;
  hu_error(
      "%s is not supported: link-time optimisation copies functions across files "
      "after hotpatch has hashed them, so patches would miss the copies; remove %s "
      "from the flags given to hcc (CFLAGS, LDFLAGS)",
      b->cmd.lto, b->cmd.lto);
  return 1;
}

/* Build systems move the dependency file of -MD once clang wrote it
** (automake's depcomp renames .deps/x.Tpo to .deps/x.Po) or delete it once
** read (ninja's `deps = gcc`), and `hcc patch` must recompile a unit whose
** dependency file is gone.  So the file gets a second name in
** <db>/deps/, a hard link that outlives the rename or unlink of the first
** (and costs no copy), and the record names that one.  When the link cannot
** be made (the database on another file system) the user's path is
** recorded, as it is written. */
static void keep_user_depfile(const struct build *b, struct source *s) {
  char *own = own_depfile(b, s);
  if (!own)
    return;
  unlink(own);
  if (link(s->depfile, own) == 0) {
    free(s->depfile);
    s->depfile = own;
  } else {
    free(own);
  }
}

static int build(struct build *b) {
  if (refuse_lto(b))
    return HCC_EXIT_USAGE;
  if (hp_paths_find(&b->paths, needs(b)))
    return HCC_EXIT_FAIL;
  b->cwd = hu_getcwd();
  if (hb_open(&b->db, b->cwd) || plan(b) || clang_args(b))
    return HCC_EXIT_FAIL;
  clock_gettime(CLOCK_REALTIME_COARSE, &b->started);
  struct rcmd clang = {.argv = b->clang_argv.items};
  int status = rcmd_run(&clang);
  if (status < 0 && b->launcher)
    return hu_error(
        "cannot run %s (HOTPATCH_LAUNCHER=%s): %s; install it or unset "
        "HOTPATCH_LAUNCHER",
        b->clang_argv.items[0], b->launcher, strerror(errno));
  if (status < 0)
    return compiler_error(b, errno);
  if (status != 0)
    return status;
  if (b->cmd.dep_md)
    for (int i = 0; i < b->source_count; i++)
      keep_user_depfile(b, &b->sources[i]);
  return record(b) ? HCC_EXIT_FAIL : HCC_EXIT_OK;
}

/* See hcc.h.  Resources are left to process exit. */
int hcc_compile(int argc, char **argv) {
  struct build b;
  memset(&b, 0, sizeof b);
  b.argc = argc;
  b.argv = argv;
  b.db.fd = -1;
  b.gcc = ha_gcc_driver_name(argv[0]);
  b.clang = b.gcc ? hp_gcc() : hp_clang();
  ha_classify(&b.cmd, ha_cxx_driver_name(argv[0]), argc - 1, argv + 1);
  switch (b.cmd.mode) {
  case HA_MODE_INFO: return hand_over(&b, 0);
  case HA_MODE_PREPROCESS:
    if (names_unit(&b.cmd))
      return build(&b);
    /* fall through */
  case HA_MODE_SYNTAX:
    if (hp_paths_find(&b.paths, HP_NEED_HEADER))
      return HCC_EXIT_FAIL;
    return hand_over(&b, 1);
  default: return build(&b);
  }
}

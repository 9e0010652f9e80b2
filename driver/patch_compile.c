/*
** patch_compile.c: rewriting a recorded compile into a patch compile.
*/
#define _GNU_SOURCE
#include "patch_compile.h"

#include <stdlib.h>
#include <string.h>

#include "args.h"

/* Options dropped together with their separate value. */
static const char *const drop_with_value[] = {
    "-o", "--output", "-MF", "-l", "-L",     "-Xlinker",
    "-T", "-u",       "-e",  "-z", "-rpath", "--library-directory",
    NULL};
/* Options dropped when their value is glued on (prefix match). */
static const char *const drop_glued[] = {
    "-MF",     "-l",        "-L",        "-Wl,",
    "-T",      "-fuse-ld=", "--output=", "--library-directory=",
    "-rpath=", "--rtlib=",  "-rtlib=",   NULL};
/* Options dropped alone: phases, dependency output, link-only flags. */
/* clang-format off */
static const char *const drop_alone[] = {
  "-c", "-S", "-E", "--compile", "--assemble", "--preprocess", "-MD", "-MMD",
  "--write-dependencies", "--write-user-dependencies", "-shared", "--shared", "-static",
  "--static", "-static-pie", "-rdynamic", "-pie", "-no-pie", "-r", "--relocatable", "-s",
  "-nostdlib", "-nostartfiles", "-nodefaultlibs", "-static-libgcc", NULL
};
/* clang-format on */

static int in_list(const char *const *list, const char *arg) {
  for (; *list; list++)
    if (!strcmp(*list, arg))
      return 1;
  return 0;
}

static int has_listed_prefix(const char *const *list, const char *arg) {
  for (; *list; list++)
    if (!strncmp(arg, *list, strlen(*list)) && arg[strlen(*list)])
      return 1;
  return 0;
}

/* -ofoo (but not -objc...) */
static int glued_output(const char *arg) {
  return arg[0] == '-' && arg[1] == 'o' && arg[2] &&
         strncmp(arg, "-obj", 4) != 0;
}

static int input_index(const struct ha_cmd *c, const char *arg) {
  for (int i = 0; i < c->input_count; i++)
    if (c->inputs[i].path == arg)
      return i;
  return -1;
}

/* A carried compile: `clang -cc1` with its arguments, then the outputs,
** the plugin and its arguments in cc1's spelling (what the driver turns
** -MD -MF, -fplugin= and -fplugin-arg-hotpatch-K=V into). */
static void cc1_command(struct hu_vec *out, const char *clang,
                        const struct hp_paths *paths,
                        const struct pc_job *job) {
  const struct pd_compile *rec = job->rec;
  hu_vec_push(out, clang);
  hu_vec_pushv(out, rec->argv.items, rec->argv.count);
  const char *tail[] = {
      "-o",         job->object, "-dependency-file", job->depfile,
      "-MT",        job->object, "-sys-header-deps", "-load",
      paths->plugin};
  for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
    hu_vec_push(out, tail[i]);
  const char *plugin_args[][2] = {{"module-id", rec->module_id},
                                  {"baseline", job->baseline},
                                  {"target", job->target},
                                  {"refusals", job->refusals},
                                  {"closures", job->closures}};
  for (size_t i = 0; i < sizeof plugin_args / sizeof plugin_args[0]; i++) {
    if (!plugin_args[i][1])
      continue;
    hu_vec_push(out, "-plugin-arg-hotpatch");
    hu_vec_pushf(out, "%s=%s", plugin_args[i][0], plugin_args[i][1]);
  }
  for (const char *const *off = job->switches_off; *off; off++) {
    hu_vec_push(out, "-plugin-arg-hotpatch");
    hu_vec_pushf(out, "%s=0", *off);
  }
  if (job->color)
    hu_vec_push(out, "-fcolor-diagnostics");
}

/* -fplugin= and the patch mode's arguments for clang. */
static void clang_plugin_args(struct hu_vec *out, const struct hp_paths *paths,
                              const struct pc_job *job) {
  hp_push_plugin(out, paths);
  hu_vec_pushf(out, "-fplugin-arg-hotpatch-module-id=%s", job->rec->module_id);
  hu_vec_pushf(out, "-fplugin-arg-hotpatch-baseline=%s", job->baseline);
  hu_vec_pushf(out, "-fplugin-arg-hotpatch-target=%s", job->target);
  hu_vec_pushf(out, "-fplugin-arg-hotpatch-refusals=%s", job->refusals);
  if (job->closures)
    hu_vec_pushf(out, "-fplugin-arg-hotpatch-closures=%s", job->closures);
  for (const char *const *off = job->switches_off; *off; off++)
    hu_vec_pushf(out, "-fplugin-arg-hotpatch-%s=0", *off);
  if (job->color)
    hu_vec_push(out, "-fcolor-diagnostics");
}

/* The same for gcc, whose plugin is hotpatch_gcc (no closures yet).  A
** patch is a shared object: gcc's position-independent executables reach
** another object's data PC-relative (copy relocations), which a shared
** object cannot; -mno-direct-extern-access goes through the GOT instead and
** leaves GIMPLE, and so the hashes, alone. */
static void gcc_plugin_args(struct hu_vec *out, const struct hp_paths *paths,
                            const struct pc_job *job) {
  hu_vec_push(out, "-mno-direct-extern-access");
  hu_vec_pushf(out, "-fplugin=%s", paths->gcc_plugin);
  const char *plugin_args[][2] = {{"module-id", job->rec->module_id},
                                  {"baseline", job->baseline},
                                  {"target", job->target},
                                  {"refusals", job->refusals}};
  for (size_t i = 0; i < sizeof plugin_args / sizeof plugin_args[0]; i++)
    if (plugin_args[i][1])
      hu_vec_pushf(out, "-fplugin-arg-hotpatch_gcc-%s=%s", plugin_args[i][0],
                   plugin_args[i][1]);
  hp_push_shared_switches(out, "-fplugin-arg-hotpatch_gcc-");
  if (job->color)
    hu_vec_push(out, "-fdiagnostics-color=always");
}

/* See patch_compile.h. */
int pc_command(struct hu_vec *out, const char *compiler,
               const struct hp_paths *paths, const struct pc_job *job) {
  const struct pd_compile *rec = job->rec;
  if (rec->carried) {
    cc1_command(out, compiler, paths, job);
    return 0;
  }
  struct ha_cmd cmd;
  int cxx = ha_cxx_driver_name(rec->argv.items[0]);
  ha_classify(&cmd, cxx, rec->argv.count - 1, rec->argv.items + 1);
  hu_vec_push(out, compiler);
  if (cxx)
    hu_vec_push(out, HA_CXX_DRIVER_MODE); /* recorded by hcc++ */
  int kept_source = 0;
  for (int i = 0; i < cmd.args.count; i++) {
    const char *a = cmd.args.items[i];
    if (input_index(&cmd, a) >= 0) {
      char *abs = hu_abspath(rec->cwd, a);
      int mine = !kept_source && strcmp(abs, rec->source) == 0;
      free(abs);
      if (mine) {
        hu_vec_push(out, a);
        kept_source = 1;
      }
      continue;
    }
    if (in_list(drop_with_value, a)) {
      i++;
      continue;
    }
    if (in_list(drop_alone, a) || has_listed_prefix(drop_glued, a) ||
        glued_output(a))
      continue;
    hu_vec_push(out, a);
    if (ha_takes_value(a) && i + 1 < cmd.args.count)
      hu_vec_push(out, cmd.args.items[++i]);
  }
  ha_cmd_free(&cmd);
  if (!kept_source)
    return -1;
  const char *tail[] = {"-c",  "-o",         job->object,  "-MD",
                        "-MF", job->depfile, "-idirafter", paths->incdir};
  for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
    hu_vec_push(out, tail[i]);
  if (ha_gcc_driver_name(rec->argv.items[0]))
    gcc_plugin_args(out, paths, job);
  else
    clang_plugin_args(out, paths, job);
  return 0;
}

/*
** args.h: understanding a cc/clang command line the way clang's driver does,
** enough to know what hcc must add to it and what it must record.
**
** hcc never rewrites the user's arguments: clang gets them unchanged (response
** files included) and hcc only appends.  The analysis here therefore works on
** a copy in which `@file` response files are expanded.
*/
#ifndef HCC_ARGS_H
#define HCC_ARGS_H

#include "util.h"

/* The last phase clang will run, as clang's Driver::getFinalPhase decides. */
enum ha_mode {
  HA_MODE_PREPROCESS, /* -E, -M, -MM                               */
  HA_MODE_SYNTAX,     /* -fsyntax-only and other front-end-only runs */
  HA_MODE_ASSEMBLY,   /* -S                                        */
  HA_MODE_OBJECT,     /* -c                                        */
  HA_MODE_LINK,       /* none of the above                         */
  HA_MODE_INFO        /* no inputs, -###, -print-*, -dump*: no build */
};

/* What clang makes of an input, from -x or its extension. */
enum ha_lang {
  HA_LANG_C,       /* .c, .i, -x c, -x cpp-output: instrumented    */
  HA_LANG_CXX,     /* .cpp, .cc, .C, ..., -x c++, and .c, .i under
                      the C++ driver (hcc++): instrumented          */
  HA_LANG_ASM,     /* .s, -x assembler                             */
  HA_LANG_ASM_CPP, /* .S, .sx, -x assembler-with-cpp               */
  HA_LANG_OTHER,   /* any other source: headers, IR, Objective-C...*/
  HA_LANG_LINKER   /* .o, .a, .so and unknown: given to the linker */
};

struct ha_input {
  const char *path; /* as written ("-" for standard input)          */
  enum ha_lang lang;
  int preprocessed; /* .i, .ii, -x cpp-output: clang reads no header */
};

struct ha_cmd {
  struct hu_vec args; /* arguments with @files expanded        */
  enum ha_mode mode;
  int cxx_driver;          /* clang runs as clang++ (hcc++, or the
                              last --driver-mode= is g++)            */
  struct ha_input *inputs; /* in command-line order                 */
  int input_count;
  const char *output;   /* last -o value, or NULL                */
  int dep_md;           /* -MD or -MMD given                     */
  const char *dep_mf;   /* last -MF value, or NULL               */
  int link_static;      /* -static or -static-pie                */
  int link_shared;      /* -shared                               */
  int link_relocatable; /* -r: partial link                      */
  const char *lto;      /* the last -flto[=...] unless a later
                           -fno-lto cancels it, else NULL         */
};

/* 1 for the languages hcc instruments (C and C++). */
int ha_instrumented(enum ha_lang lang);

/* Count of inputs hcc instruments. */
int ha_count_instrumented(const struct ha_cmd *c);

/* 1 when every input goes to the linker (a link of objects only). */
int ha_only_linker_inputs(const struct ha_cmd *c);

/* 1 if a driver invoked as `argv0` runs clang as clang++: its base name
** contains "++" (hcc++, as clang's driver does for clang++ and g++). */
int ha_cxx_driver_name(const char *argv0);

/* 1 when hcc was invoked as hcc-gcc (a symlink to hcc): a drop-in gcc-12
** with the GCC plugin (docs/design.md, "GCC"). */
int ha_gcc_driver_name(const char *argv0);

/* The argument that makes clang behave as clang++ (hcc++ passes it first,
** so a --driver-mode= of the user's still wins). */
#define HA_CXX_DRIVER_MODE "--driver-mode=g++"

/* Append argv[0..argc) to `out`, replacing each readable `@file` by the
** arguments it holds (GNU quoting: whitespace separates, '…', "…" and
** backslash quote), recursively.  An unreadable @file stays as it is, as
** clang does. */
void ha_expand_response_files(struct hu_vec *out, int argc, char **argv);

/* Analyse the compiler arguments argv[0..argc) (no program name) of a
** driver that is clang++ when `cxx_driver` is 1 (see ha_cxx_driver_name),
** clang otherwise; a --driver-mode= among the arguments overrides it.
** Always succeeds: what hcc does not understand it leaves to clang.  Free
** with ha_cmd_free. */
void ha_classify(struct ha_cmd *c, int cxx_driver, int argc, char **argv);
void ha_cmd_free(struct ha_cmd *c);

/* 1 if `arg`, spelled exactly, is an option whose value is the next
** argument (-o, -I, -MF, -Xclang, ...). */
int ha_takes_value(const char *arg);

/* Names for tests and debugging. */
const char *ha_mode_name(enum ha_mode mode);
const char *ha_lang_name(enum ha_lang lang);

#endif /* HCC_ARGS_H */

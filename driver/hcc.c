/*
** hcc.c: the hcc command: the subcommand table and main.
**
**   hcc inspect FILE...   list the hotpatch modules in objects and programs
**   hcc compile-commands  write compile_commands.json from the build database
**   hcc run/patch/revert/status   live patching of running processes
**   hcc --version | --help
**   hcc ARGS...           anything else: a drop-in clang-19 (cc_mode.c);
**                         as hcc++ (a symlink to hcc), a drop-in clang++-19;
**                         as hcc-gcc, a drop-in gcc-12 with the GCC plugin
**
** A first argument that can only be meant as a subcommand (a plain word that
** is not an existing file) but is none is a usage error, so that typos do
** not turn into confusing "no such file" errors from the linker.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcc.h"
#include "paths.h"
#include "run_command.h"
#include "util.h"

#ifndef HCC_VERSION
#define HCC_VERSION "0.0.0"
#endif

struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
};

static const struct command commands[] = {
    {"run", cmd_run,
     "[--restart] [--json] [--] PROGRAM [ARGS...]: start PROGRAM, patch it on every save"},
    {"patch", cmd_patch,
     "[--pid PID] [--verbose] [--dry-run] [--json] [PROGRAM] | --all PROGRAM: patch what "
     "changed, once"},
    {"revert", cmd_revert,
     "[--pid PID] [--json] [PROGRAM]: undo the newest patch of a process"},
    {"status", cmd_status,
     "[--pid PID] [--history] [--json] [PROGRAM]: generation and size of live processes; "
     "--history: every patch applied"},
    {"call", cmd_call,
     "[--pid PID | PROGRAM] FUNCTION [ARGS...]: call a function of a live process"},
    {"inspect", cmd_inspect,
     "[--json] FILE...: list the hotpatch modules, functions and data in ELF files"},
    {"compile-commands", cmd_compile_commands,
     "[-o FILE] [DIR]: write compile_commands.json from the build database"},
};

static int cmd_help(void) {
  printf(
      "usage: hcc [clang arguments...]       compile and link like clang-19, instrumented\n"
      "       hcc++ [clang++ arguments...]   the same, like clang++-19\n"
      "       hcc-gcc [gcc arguments...]     the same with gcc-12 and the GCC plugin\n"
      "       hcc <command> [arguments...]\n"
      "       hcc --version | --help\n"
      "\n"
      "commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    printf("   %-10s %s\n", commands[i].name, commands[i].summary);
  printf(
      "\n"
      "environment: HOTPATCH_CLANG (the clang to run), HOTPATCH_ROOT (the build root)\n"
      "exit status: 0 done (patch: applied, or no functional change), 1 could not,\n"
      "  2 bad usage, 3 compile error, 4 change refused (cannot be patched live),\n"
      "  5 no such process or it exited during the patch; as a compiler, clang's status\n");
  return HCC_EXIT_OK;
}

/* First line of `clang --version`, or NULL with errno set. */
static char *clang_version_line(const char *clang) {
  char *argv[] = {(char *)clang, "--version", NULL};
  int status;
  char *text = rcmd_capture(argv, &status);
  if (text)
    text[strcspn(text, "\n")] = '\0';
  return text;
}

static int cmd_version(void) {
  printf("hcc (hotpatch) %s\n", HCC_VERSION);
  const char *clang = hp_clang();
  char *line = clang_version_line(clang);
  if (!line) {
    fflush(stdout);
    return hp_clang_error(clang, errno);
  }
  printf("clang: %s: %s\n", clang, line);
  free(line);
  return HCC_EXIT_OK;
}

/* A word that can only have been meant as a subcommand. */
static int looks_like_subcommand(const char *arg) {
  return arg[0] != '\0' && arg[0] != '-' && arg[0] != '@' &&
         !strchr(arg, '.') && !strchr(arg, '/') && !hu_exists(arg);
}

int main(int argc, char **argv) {
  if (argc >= 2) {
    if (!strcmp(argv[1], "--version"))
      return cmd_version();
    if (!strcmp(argv[1], "--help"))
      return cmd_help();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
      if (!strcmp(argv[1], commands[i].name))
        return commands[i].run(argc - 1, argv + 1);
    if (looks_like_subcommand(argv[1]))
      hu_die(HCC_EXIT_USAGE, "unknown subcommand '%s' (see 'hcc --help')",
             argv[1]);
  }
  return hcc_compile(argc, argv);
}

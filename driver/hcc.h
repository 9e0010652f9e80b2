/*
** hcc.h: the subcommands of hcc, one cmd_<name> per file, and the compiler
** mode.  Each takes the arguments after "hcc" (argv[0] is the subcommand
** word itself) and returns the exit code (HCC_EXIT_* in util.h).
*/
#ifndef HCC_HCC_H
#define HCC_HCC_H

int cmd_call(int argc, char **argv);
int cmd_compile_commands(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_patch(int argc, char **argv);
int cmd_revert(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_status(int argc, char **argv);

/* Compiler mode: argv is hcc's own argv (argv[0] the program name); returns
** clang's exit status, or 1 when hcc itself could not do its part. */
int hcc_compile(int argc, char **argv);

#endif /* HCC_HCC_H */

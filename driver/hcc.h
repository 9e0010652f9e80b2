/*
** hcc.h: the subcommands of hcc, one cmd_<name> per file, and the compiler
** mode.  Each takes the arguments after "hcc" (argv[0] is the subcommand
** word itself) and returns the exit code: 0 done, 1 could not, 2 bad usage.
*/
#ifndef HCC_HCC_H
#define HCC_HCC_H

int cmd_inspect(int argc, char **argv);

/* Compiler mode: argv is hcc's own argv (argv[0] the program name); returns
** clang's exit status, or 1 when hcc itself could not do its part. */
int hcc_compile(int argc, char **argv);

#endif /* HCC_HCC_H */

/*
** resident.h: compiling and linking patches without starting clang and
** ld.lld, through the resident toolchain library (lib/hotpatch-toolchain.so,
** see resident/hotpatch_toolchain.h).
**
** rs_load() loads the library into hcc once; from then on a command whose
** argv[0] is the clang (or its ld.lld) the library was built with has an
** rs_tool(), which the child forked to run it calls instead of exec
** (run_command.h, in_process): the command runs right there, already
** relocated and with the plugin loaded.  Any other command, or a process where
*loading failed or
** HOTPATCH_RESIDENT=0, runs the executables as before: the result is the
** same either way, only the time differs.
*/
#ifndef HCC_RESIDENT_H
#define HCC_RESIDENT_H

/* Load and warm up the resident toolchain (from paths->libdir) for `clang`,
** the clang patch compiles run, unless it is loaded already or
** HOTPATCH_RESIDENT is 0 or off; `many` when this process will run many
** patches (hcc run).  Returns 1 when compiles will run in-process, 0 when
** they will run the executables (a library that fails to load is reported
** as a note when `verbose`; an error is a wrong HOTPATCH_RESIDENT, -1). */
struct hp_paths;
int rs_load(const struct hp_paths *paths, const char *clang, int many,
            int verbose);

/* 1 when the jobs run in lib/hotpatch-toolchain (hcc patch: rs_start
** started it), else 0. */
int rs_executable(void);

/* When argv[0] is the resident clang or ld.lld: the function that runs
** the command in this process and returns its exit status (for a forked
** child); else NULL.  With lib/hotpatch-toolchain (rs_executable), NULL
** also for a compile it cannot run, and a compile's call starts the
** process for the job after it.  lib/hotpatch-toolchain has its own. */
typedef int rs_tool_fn(int argc, const char **argv);
rs_tool_fn *rs_tool(char *const *argv);

/* Begin rs_load's work now, so that it overlaps what hcc does before it
** knows what to compile: for one patch (not `many`), start
** lib/hotpatch-toolchain as a standby for the first job (standby.h); else,
** or when it cannot be used, load the library (tens of milliseconds:
** relocating libclang-cpp and libLLVM) in a thread of its own.  The next
** rs_load waits for either and says what it would have said.  Does
** nothing when the toolchain was tried already or HOTPATCH_RESIDENT is not
** on; call rs_finish before exiting. */
void rs_start(const struct hp_paths *paths, const char *clang, int many);

/* Wait for the load rs_start began, if it still runs, and end the
** toolchain processes it started that got no job.  exit() must not
** begin while the thread is in libLLVM's constructors: the exit handlers
** those register are newer than any of hcc's, so exit would run them (and
** destroy LLVM's option registry) while later constructors still use
** it. */
void rs_finish(void);

/* In a process loaded for many patches (hcc run), after compiling a unit
** with `argv` in `dir`: build its precompiled preamble, or keep the one
** that still fits, for the next compiles of the unit (Preamble.cpp in the
** library).  1 built, 0 kept, -1 none: not loaded for many patches,
** HOTPATCH_PREAMBLE=0, another compiler, or no preamble to the file. */
int rs_keep_preamble(const char *dir, char *const *argv);

/* In a process loaded for many patches (hcc run), between patches: fork
** the children the next patch's compile and link will run in (standby.h),
** unless HOTPATCH_STANDBY is 0, and say so when `verbose`.  A preamble
** built later ends them. */
void rs_fill_standbys(int verbose);

#endif /* HCC_RESIDENT_H */

/*
** standby.h: children forked ahead of need, for hcc run's next compile and
** link.
**
** An in-process compile (resident.h) starts with a fork of hcc: about 1 ms
** for the fork, then 5-8 ms of page faults while the child maps the
** toolchain's code and tables again (a forked child gets no page table
** entries for file pages; it faults them in), all on the way from a save
** to the patch.  A standby child pays both before the save: hcc run forks
** it after a patch, it fills its page tables (MADV_POPULATE_READ over the
** read-only file mappings, a slice at a time, stopping as soon as a job
** comes), and waits on a socket.  rcmd_start hands it the next in-process
** job with an output file; it then does what a freshly forked child does
** (run_command.c) and reports through the same socket.
**
** A standby is a copy of hcc as it was at the fork: whatever an
** in-process job reads from hcc's memory must not change after it, or the
** standbys must be dropped (sb_drop; a new precompiled preamble does).
** Idle, a standby holds no descriptor of hcc's but its socket (its stdio is
** /dev/null) and exits when hcc closes the socket or exits.
**
** hcc patch, which runs one patch and has no toolchain loaded to fork,
** *spawns* its standbys instead: lib/hotpatch-toolchain (the toolchain
** linked statically, resident/toolchain_main.c) started with the socket
** as descriptor 3, which serves one job the same way.
*/
#ifndef HCC_STANDBY_H
#define HCC_STANDBY_H

struct rcmd;

/* Fork the standbys that are missing (two: the compile and the link of
** the next patch) and wait until each holds none of our descriptors;
** returns how many it forked.  Only for a process that runs in-process
** jobs. */
int sb_fill(void);

/* In a child, after its in-process job: note the pages of hcc's files
** it mapped, the ones later standbys warm. */
void sb_after_job(void);

/* Start `exe --standby` (lib/hotpatch-toolchain) as a standby, holding
** none of our descriptors from its first instruction, with environment
** `envp`; do not wait for it.  0, or -1 when there is no room or it could
** not be started. */
int sb_spawn(const char *exe, char *const *envp);

/* Wait until every spawned standby that has not said so yet is ready for
** a job.  0, or -1 when one exited first (it is dropped). */
int sb_wait_started(void);

/* In a standby: serve one job on `sock` and exit; `name`, when not NULL,
** names the job's process in ps.  A forked standby (program_for NULL)
** runs the function the job names, in its copy of hcc; a spawned one
** asks program_for which of its own runs argv. */
typedef int sb_program(int argc, const char **argv);
__attribute__((noreturn)) void
sb_serve(int sock, const char *name,
         sb_program *(*program_for)(char *const *argv));

/* End every standby (their copy of hcc's memory is stale). */
void sb_drop(void);

/* Hand c (in_process, with an output file) to a standby.  0: it started
** there (c->pid, c->done_fd set, as rcmd_start sets them); -1: it did not
** start (c->failed and errno say why, as rcmd_start's); 1: no standby
** could take it (the caller forks). */
int sb_start(struct rcmd *c);

/* How many jobs standbys have taken so far (for --verbose). */
unsigned sb_taken(void);

/* How many of those ran in a standby that allocates with mimalloc (it
** says so when ready: 'M' instead of 'R'). */
unsigned sb_taken_mimalloc(void);

#endif /* HCC_STANDBY_H */

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

/* End every standby (their copy of hcc's memory is stale). */
void sb_drop(void);

/* Hand c (in_process, with an output file) to a standby.  0: it started
** there (c->pid, c->done_fd set, as rcmd_start sets them); -1: it did not
** start (c->failed and errno say why, as rcmd_start's); 1: no standby
** could take it (the caller forks). */
int sb_start(struct rcmd *c);

/* How many jobs standbys have taken so far (for --verbose). */
unsigned sb_taken(void);

#endif /* HCC_STANDBY_H */

/*
** history.h: the patches applied and not reverted, newest last.
**
** Each record says how to undo its patch: for every function it changed,
** the slot, the impl and hash the process ran before; for every module, the
** module hash before.  Functions and data a patch added stay registered
** after a revert (the old code does not call them; a later patch may).
**
** The generation is the depth of this stack.  Pure bookkeeping: nothing
** here touches slots.  Locking: only the owner of the books reads or
** changes the stack (books.h: the holder of the loader mutex, or a fault
** handler that claimed them); asserted.
*/
#ifndef HOTPATCH_RUNTIME_HISTORY_H
#define HOTPATCH_RUNTIME_HISTORY_H

#include <stddef.h>
#include <stdint.h>

struct hpy_change {
  const struct hotpatch_module *owner; /* the module whose entry of id it
                                          is (which object's copy)     */
  const char *id;      /* function id (owned by a descriptor)  */
  void **slot;         /* the slot the patch published into    */
  void *previous_impl; /* what the slot held before            */
  uint64_t previous_hash_lo, previous_hash_hi;
  int mirror; /* a mirror slot of id's entry (the id's
                 change is recorded once without it)  */
};

struct hpy_module_change {
  const char *module_id; /* owned by a descriptor                */
  uint64_t previous_hash_lo, previous_hash_hi;
};

/* A constant a patch wrote over (constants.c). */
struct hpy_update {
  void *target;
  unsigned char *previous; /* its content before (owned)          */
  size_t size;
};

struct hpy_record {
  unsigned long generation; /* set by hpy_push                   */
  unsigned long journal;    /* its serial number in journal.h    */
  char *path;               /* the patch file, as applied        */
  struct hpy_change *changes;
  size_t change_count;
  struct hpy_module_change *modules;
  size_t module_count;
  struct hpy_update *updates;
  size_t update_count;
};

/* A record with room for `changes` function changes and `modules` module
** changes (counts start at 0), with room for it on the stack reserved, so
** that hpy_push cannot fail.  NULL when out of memory. */
struct hpy_record *hpy_new_record(const char *path, size_t changes,
                                  size_t modules);

/* Free a record that was never pushed, or one hpy_pop returned. */
void hpy_free_record(struct hpy_record *record);

/* Append one change; the room was reserved by hpy_new_record. */
void hpy_add_change(struct hpy_record *record,
                    const struct hotpatch_module *owner, const char *id,
                    void **slot, void *previous_impl, uint64_t previous_hash_lo,
                    uint64_t previous_hash_hi, int mirror);
void hpy_add_module_change(struct hpy_record *record, const char *module_id,
                           uint64_t previous_hash_lo,
                           uint64_t previous_hash_hi);

/* Append one constant update, taking ownership of `previous` on success.
** Returns 0, or -1 when out of memory. */
int hpy_add_update(struct hpy_record *record, void *target,
                   unsigned char *previous, size_t size);

/* Put `record` on top; it becomes generation depth+1.  Returns that. */
unsigned long hpy_push(struct hpy_record *record);

/* Take the newest record off (the caller undoes and frees it), or NULL. */
struct hpy_record *hpy_pop(void);

/* Records, oldest first: index 0 .. hpy_depth()-1. */
size_t hpy_depth(void);
const struct hpy_record *hpy_at(size_t index);

/* Forget everything (unit tests). */
void hpy_reset(void);

#endif /* HOTPATCH_RUNTIME_HISTORY_H */

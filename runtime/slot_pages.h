/*
** slot_pages.h: finding the pages that hold nothing but slots.
**
** A slot redirects every call of its function, so a stray write to one
** (a buffer overrun in the program) would be a jump anywhere.  hcc links
** every program and shared object with hotpatch-slots.ld, which gives the
** section hotpatch_slots whole pages of its own; the runtime keeps those
** pages read-only except while it publishes.
*/
#ifndef HOTPATCH_RUNTIME_SLOT_PAGES_H
#define HOTPATCH_RUNTIME_SLOT_PAGES_H

#include <stddef.h>
#include <stdint.h>

/* A loaded object: where it is mapped, the file to read its sections
** from, and the build-id of the mapped image. */
struct hsp_object {
  uintptr_t base;
  const char *path; /* "/proc/self/exe" for the program */
  int program;
  unsigned char build_id[64];
  size_t build_id_length; /* 0: the mapped image has none */
};

/* The loaded object (program or shared object) containing `address`:
** returns 0 with *object filled, or -1 when no loaded object contains it. */
int hsp_object_of(const void *address, struct hsp_object *object);

/* Read the section headers of `object` from its file and find its
** hotpatch_slots section.  Returns 0 with [*start, *end) set to the
** section's address range when it starts and ends on page boundaries
** (nothing else shares its pages), 1 when the object has no such isolated
** section (it was not linked by hcc), 2 when the file at a shared object's
** path has one but is not known to be the mapped image (the build-ids
** differ, or one of them is missing), -1 when the file cannot be read. */
int hsp_slot_pages(const struct hsp_object *object, uintptr_t *start,
                   uintptr_t *end);

#endif /* HOTPATCH_RUNTIME_SLOT_PAGES_H */

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

/* The loaded object (program or shared object) containing `address`:
** returns 0 with its load address and file path ("/proc/self/exe" for the
** program), or -1 when no loaded object contains it. */
int hsp_object_of(const void *address, uintptr_t *base, const char **path);

/* Read the section headers of the object loaded at `base` from `path` and
** find its hotpatch_slots section.  Returns 0 with [*start, *end) set to the
** section's address range when it starts and ends on page boundaries
** (nothing else shares its pages), 1 when the object has no such isolated
** section (it was not linked by hcc), -1 when the file cannot be read. */
int hsp_slot_pages(const char *path, uintptr_t base, uintptr_t *start,
                   uintptr_t *end);

#endif /* HOTPATCH_RUNTIME_SLOT_PAGES_H */

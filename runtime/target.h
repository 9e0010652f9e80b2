/*
** target.h: what the runtime needs to know of the CPU it runs on, in one
** place (a port to another CPU starts here; the stubs are the plugin's
** JumpStubs.cpp, the slots' memory ordering is slots.c's).
**
**   HPT_ELF_MACHINE        e_machine of the objects this process can load
**                          (EM_NONE: unknown, not checked)
**   hpt_context_pc/sp()    program counter and stack pointer of a signal
**                          context (0 / UINTPTR_MAX when unknown: no fault
**                          is then attributed to a patch or resumed)
*/
#ifndef HOTPATCH_RUNTIME_TARGET_H
#define HOTPATCH_RUNTIME_TARGET_H

#include <elf.h>
#include <stdint.h>
#include <ucontext.h>

#if defined(__x86_64__)
#define HPT_ELF_MACHINE EM_X86_64
#define HPT_PC(mcontext) ((uintptr_t)(mcontext).gregs[REG_RIP])
#define HPT_SP(mcontext) ((uintptr_t)(mcontext).gregs[REG_RSP])
#elif defined(__aarch64__)
#define HPT_ELF_MACHINE EM_AARCH64
#define HPT_PC(mcontext) ((uintptr_t)(mcontext).pc)
#define HPT_SP(mcontext) ((uintptr_t)(mcontext).sp)
#elif defined(__riscv)
#define HPT_ELF_MACHINE EM_RISCV
#define HPT_PC(mcontext) ((uintptr_t)(mcontext).__gregs[REG_PC])
#define HPT_SP(mcontext) ((uintptr_t)(mcontext).__gregs[REG_SP])
#else
#define HPT_ELF_MACHINE EM_NONE
#define HPT_PC(mcontext) ((void)(mcontext), (uintptr_t)0)
#define HPT_SP(mcontext) ((void)(mcontext), UINTPTR_MAX)
#endif

static inline uintptr_t hpt_context_pc(const ucontext_t *context) {
  return HPT_PC(context->uc_mcontext);
}

static inline uintptr_t hpt_context_sp(const ucontext_t *context) {
  return HPT_SP(context->uc_mcontext);
}

#endif /* HOTPATCH_RUNTIME_TARGET_H */

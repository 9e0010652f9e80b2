//===- Resident.h - The resident toolchain's C++ pieces --------*- C++ -*-===//
//
// hotpatch_toolchain.h is the C interface hcc sees; these are the C++
// functions behind it, one file each.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_RESIDENT_RESIDENT_H
#define HOTPATCH_RESIDENT_RESIDENT_H

#include "llvm/ADT/ArrayRef.h"

namespace hotpatch::resident {

/// Run a clang command line in this process (Clang.cpp).
int runClang(llvm::ArrayRef<const char *> Argv);

/// Register every LLVM target, as clang's cc1 does before compiling.
void registerTargets();

/// Run an ld.lld command line in this process (Lld.cpp).
int runLld(llvm::ArrayRef<const char *> Argv);

} // namespace hotpatch::resident

#endif

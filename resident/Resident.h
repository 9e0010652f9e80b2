//===- Resident.h - The resident toolchain's C++ pieces --------*- C++ -*-===//
//
// hotpatch_toolchain.h is the C interface hcc sees; these are the C++
// functions behind it, one file each.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_RESIDENT_RESIDENT_H
#define HOTPATCH_RESIDENT_RESIDENT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class CompilerInvocation;
}
namespace llvm::vfs {
class FileSystem;
}

namespace hotpatch::resident {

/// Run a clang command line in this process (Clang.cpp).
int runClang(llvm::ArrayRef<const char *> Argv);

/// Register every LLVM target, as clang's cc1 does before compiling.
void registerTargets();

/// Run an ld.lld command line in this process (Lld.cpp).
int runLld(llvm::ArrayRef<const char *> Argv);

/// Build or keep the precompiled preamble of the unit `Argv` compiles in
/// `Dir` (Preamble.cpp): 1 built, 0 the kept one still fits, -1 none.
int buildPreamble(llvm::StringRef Dir, llvm::ArrayRef<const char *> Argv);

/// Point `Invocation` at the kept preamble of its unit when it still fits;
/// returns the file system the compile must then use, else null.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
usePreamble(clang::CompilerInvocation &Invocation);

} // namespace hotpatch::resident

#endif

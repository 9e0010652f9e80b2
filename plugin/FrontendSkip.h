//===- FrontendSkip.h - No IR for what a patch does not need --------------===//
//
// See FrontendSkip.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_FRONTENDSKIP_H
#define HOTPATCH_PLUGIN_FRONTENDSKIP_H

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include <memory>

namespace hotpatch {

class FrontendSkip;

/// The consumer that runs before the code generator: hashes the tokens of
/// every function body and, in a patch compile, hides each body from the
/// code generator until the end of the unit, when what the patch needs is
/// known.  Null when this compile records and skips nothing (C++, -O0,
/// debug information, a precompiled preamble, no closures directory).
std::unique_ptr<clang::ASTConsumer>
createFrontendSkipConsumer(clang::CompilerInstance &CI);

/// The consumer that runs after the code generator: gives each body the
/// code generator did not see back to the AST.  Null as above.
std::unique_ptr<clang::ASTConsumer> createBodyRestoreConsumer();

} // namespace hotpatch

#endif

//===- CallSignature.h - A function's C signature for hcc call ------------===//
//
// The signature text of include/hotpatch_abi.h ("i32(i32,s,p)", or "!" and
// the reason it cannot be called) of a function definition, from clang's
// AST: only the front end still knows signedness, bool and char pointers.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_CALLSIGNATURE_H
#define HOTPATCH_PLUGIN_CALLSIGNATURE_H

#include <string>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace hotpatch {

/// The signature of \p FD for the descriptor's `signature` field.
std::string callSignature(const clang::FunctionDecl &FD,
                          const clang::ASTContext &Ctx);

} // namespace hotpatch

#endif

//===- BodyScan.h - Function bodies found in a C file's text ----*- C++ -*-===//
//
// See BodyScan.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_BODYSCAN_H
#define HOTPATCH_PLUGIN_BODYSCAN_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>
#include <vector>

namespace hotpatch {

struct ScannedBody {
  std::string Name;    ///< the identifier before the parameter list: a guess
  uint64_t Key;        ///< XXH3-64 of the body's text, seeded with its line
  uint64_t Offset;     ///< of its `{` in the file
  uint64_t Length = 0; ///< to just past its `}` (not recorded)
};

struct BodyScan {
  uint64_t Outside = 0; ///< XXH3-64 of the text outside the bodies
  std::vector<ScannedBody> Bodies;
};

/// The function bodies of C source \p Text as its text shows them, without
/// preprocessing: what a patch compile compares with the build's scan to
/// know, before parsing, which bodies may have changed.
BodyScan scanBodies(llvm::StringRef Text);

/// The identifiers in \p Text (code, as in a body; comments and literals
/// left out), in order, repeated as often as they appear.
std::vector<llvm::StringRef> identifiersIn(llvm::StringRef Text);

} // namespace hotpatch

#endif

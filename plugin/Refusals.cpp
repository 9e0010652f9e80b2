//===- Refusals.cpp - A change patch mode cannot apply live ---------------===//
//
// A refusal fails the compile with a message for people and adds a line
// "<kind> <message>" to the refusals file hcc names (hotpatch_abi.h), which
// is how hcc tells a refusal (exit 4) from a compile error (exit 3).
//
//===----------------------------------------------------------------------===//
#include "Hotpatch.h"
#include "hotpatch_abi.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace hotpatch {
namespace {

/// Marks the compile refused and adds the refusals file's line; what kept
/// the line from being written, or empty.
std::string appendRefusal(StringRef Kind, const std::string &Text) {
  pluginConfig().Refused = true;
  if (Kind == HOTPATCH_REFUSAL_RETRY)
    pluginConfig().Retry = true;
  std::string Path = refusalsPath();
  if (Path.empty())
    return "";
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Append);
  if (EC)
    return "cannot write '" + Path + "': " + EC.message();
  OS << Kind << ' ' << Text << '\n';
  return "";
}

} // namespace

void refusePatch(LLVMContext &Ctx, StringRef Kind, const Twine &Message) {
  std::string Text = Message.str();
  Ctx.emitError("hotpatch: " + Text);
  if (std::string Error = appendRefusal(Kind, Text); !Error.empty())
    Ctx.emitError("hotpatch: " + Error);
}

void recordRefusal(StringRef Kind, const std::string &Text) {
  if (std::string Error = appendRefusal(Kind, Text); !Error.empty())
    errs() << "hotpatch: " << Error << '\n';
}

} // namespace hotpatch

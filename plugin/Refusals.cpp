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

void refusePatch(LLVMContext &Ctx, StringRef Kind, const Twine &Message) {
  std::string Text = Message.str();
  pluginConfig().Refused = true;
  if (Kind == HOTPATCH_REFUSAL_RETRY)
    pluginConfig().Retry = true;
  Ctx.emitError("hotpatch: " + Text);
  std::string Path = refusalsPath();
  if (Path.empty())
    return;
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Append);
  if (EC)
    Ctx.emitError("hotpatch: cannot write '" + Path + "': " + EC.message());
  else
    OS << Kind << ' ' << Text << '\n';
}

} // namespace hotpatch

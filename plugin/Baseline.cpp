//===- Baseline.cpp - Read a baseline file --------------------------------===//
#include "Baseline.h"
#include "ModuleFacts.h"
#include "hotpatch_abi.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include <optional>
#include <string>

using namespace llvm;

namespace hotpatch {
namespace {

/// Splits off the first \p N space-separated words; the rest is the id.
bool splitWords(StringRef Line, unsigned N, SmallVectorImpl<StringRef> &Words,
                StringRef &Rest) {
  Rest = Line;
  for (unsigned I = 0; I < N; ++I) {
    auto [Word, Tail] = Rest.split(' ');
    if (Word.empty() || Tail.empty())
      return false;
    Words.push_back(Word);
    Rest = Tail;
  }
  return true;
}

Expected<Baseline> parse(StringRef Path, StringRef ModuleId) {
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return createStringError(Buffer.getError(),
                             "cannot read baseline '" + Path +
                                 "': " + Buffer.getError().message());
  Baseline B;
  bool InModule = false;
  unsigned LineNo = 0;
  SmallVector<StringRef, 0> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (StringRef Line : Lines) {
    ++LineNo;
    Line = Line.trim(StringRef("\0\r", 2));
    if (Line.empty() || Line == "end")
      continue;
    SmallVector<StringRef, 6> W;
    StringRef Id;
    bool Ok = false;
    hotpatch_info_header Header;
    if (Line.starts_with(HOTPATCH_INFO_MAGIC " ")) {
      Ok = !hotpatch_info_header_read(Line.data(), Line.size(), &Header);
      InModule = Ok && StringRef(Header.id, Header.id_len) == ModuleId;
      B.HasModule |= InModule;
    } else if (Line.starts_with("function ")) {
      Hash128 H;
      Ok = splitWords(Line, 3, W, Id) && parseHash128(W[1], H);
      if (Ok) {
        B.Functions[Id] = true;
        if (InModule)
          B.ModuleFunctions[Id] = H;
      }
    } else if (Line.starts_with("data ")) {
      BaselineData D;
      Ok = splitWords(Line, 6, W, Id) && !W[2].getAsInteger(10, D.Size) &&
           !W[3].getAsInteger(16, D.LayoutHash);
      if (Ok) {
        D.Kind = W[1].str();
        D.Type = W[5].str();
        B.Data[Id] = D;
      }
    }
    if (!Ok)
      return createStringError(inconvertibleErrorCode(),
                               "malformed baseline '" + Path + "' line " +
                                   Twine(LineNo) + ": " + Line);
  }
  return B;
}

/// What read() parsed last, and for what.
struct ParsedBaseline {
  std::string Path, ModuleId;
  std::optional<Baseline> Parsed;
};

} // namespace

Expected<const Baseline &> Baseline::read(StringRef Path, StringRef ModuleId) {
  static ParsedBaseline Last;
  if (!Last.Parsed || Last.Path != Path || Last.ModuleId != ModuleId) {
    Last.Parsed.reset();
    Expected<Baseline> B = parse(Path, ModuleId);
    if (!B)
      return B.takeError();
    Last = {Path.str(), ModuleId.str(), std::move(*B)};
  }
  return *Last.Parsed;
}

} // namespace hotpatch

//===- Baseline.cpp - Read a baseline file (patch mode) -------------------===//
#include "Baseline.h"
#include "hotpatch_abi.h"

#include <fstream>
#include <sstream>
#include <vector>

namespace hotpatch_gcc {
namespace {

/// Splits off the first \p N space-separated words; the rest is the id,
/// which may hold spaces.
bool splitWords(const std::string &Line, unsigned N,
                std::vector<std::string> &Words, std::string &Rest) {
  size_t At = 0;
  for (unsigned I = 0; I < N; ++I) {
    size_t Space = Line.find(' ', At);
    if (Space == std::string::npos || Space == At || Space + 1 >= Line.size())
      return false;
    Words.push_back(Line.substr(At, Space - At));
    At = Space + 1;
  }
  Rest = Line.substr(At);
  return true;
}

bool parseHex(const std::string &Text, uint64_t &V) {
  if (Text.empty() || Text.size() > 16)
    return false;
  V = 0;
  for (char C : Text) {
    int D = C >= '0' && C <= '9'   ? C - '0'
            : C >= 'a' && C <= 'f' ? C - 'a' + 10
                                   : -1;
    if (D < 0)
      return false;
    V = V * 16 + static_cast<uint64_t>(D);
  }
  return true;
}

bool parseHash(const std::string &Text, Hash128 &H) {
  return Text.size() == HOTPATCH_INFO_HASH_DIGITS &&
         parseHex(Text.substr(0, 16), H.Hi) && parseHex(Text.substr(16), H.Lo);
}

bool parseDecimal(const std::string &Text, uint64_t &V) {
  if (Text.empty() || Text.size() > 19)
    return false;
  V = 0;
  for (char C : Text) {
    if (C < '0' || C > '9')
      return false;
    V = V * 10 + static_cast<uint64_t>(C - '0');
  }
  return true;
}

} // namespace

std::string readBaseline(const std::string &Path, const std::string &ModuleId,
                         Baseline &B) {
  std::ifstream In(Path);
  if (!In)
    return "cannot read baseline '" + Path + "'";
  bool InModule = false;
  unsigned LineNo = 0;
  std::string Line;
  while (std::getline(In, Line)) {
    ++LineNo;
    // Blocks are NUL-terminated and may be padded with NULs.
    size_t First = Line.find_first_not_of(std::string("\0\r", 2));
    Line = First == std::string::npos ? "" : Line.substr(First);
    while (!Line.empty() && (Line.back() == '\r' || Line.back() == '\0'))
      Line.pop_back();
    if (Line.empty() || Line == "end")
      continue;
    std::vector<std::string> W;
    std::string Id;
    bool Ok = false;
    hotpatch_info_header Header;
    if (Line.rfind(HOTPATCH_INFO_MAGIC " ", 0) == 0) {
      Ok = !hotpatch_info_header_read(Line.data(), Line.size(), &Header);
      InModule = Ok && std::string(Header.id, Header.id_len) == ModuleId;
      B.HasModule |= InModule;
    } else if (Line.rfind("function ", 0) == 0) {
      Hash128 H;
      Ok = splitWords(Line, 3, W, Id) && parseHash(W[1], H);
      if (Ok) {
        B.Functions.insert(Id);
        if (InModule)
          B.ModuleFunctions[Id] = H;
      }
    } else if (Line.rfind("data ", 0) == 0) {
      BaselineData D;
      Ok = splitWords(Line, 6, W, Id) && parseDecimal(W[2], D.Size) &&
           parseHex(W[3], D.LayoutHash);
      if (Ok) {
        D.Kind = W[1];
        D.Type = W[5];
        B.Data[Id] = D;
      }
    }
    if (!Ok) {
      std::ostringstream Message;
      Message << "malformed baseline '" << Path << "' line " << LineNo << ": "
              << Line;
      return Message.str();
    }
  }
  return "";
}

} // namespace hotpatch_gcc

//===- BodyScan.cpp - Function bodies found in a C file's text ------------===//
//
// A patch compile may leave the bodies it does not need unparsed
// (FrontendSkip.cpp), but the parser asks body by body, before it has seen
// the rest of the file: which bodies changed must be known first.  This
// scan finds them in the text alone, fast enough to run in every compile
// (a pass over the bytes; clang's lexer, even raw, would cost more, and
// nothing here needs its tokens): comments, string and character literals
// and preprocessing directives are stepped over, and a `{` at file level
// right after a `)` starts a body, named by the identifier before the
// parameter list's `(` (attributes and asm labels are not names).
//
// It is a guess, made alike in the build and in the patch compile: a body
// the scan misses (K&R parameters, braces in conditional code, a body from
// a macro) is part of the text outside the bodies, where any change stops
// all skipping, and a wrong name only matches nothing.  The parse checks
// every body it skips against the tokens the build recorded.
//
//===----------------------------------------------------------------------===//
#include "BodyScan.h"
#include <algorithm>

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace llvm;

namespace hotpatch {
namespace {

bool isIdentifierChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
         (C >= '0' && C <= '9') || C == '_' || C == '$';
}

/// Words before a parenthesis that do not name a function.
bool isAttributeWord(StringRef Word) {
  return Word == "__attribute__" || Word == "__attribute" || Word == "asm" ||
         Word == "__asm" || Word == "__asm__" || Word == "__declspec" ||
         Word == "_Alignas" || Word == "alignas";
}

class Scanner {
public:
  explicit Scanner(StringRef Text)
      : Begin(Text.begin()), P(Text.begin()), End(Text.end()) {}

  /// Steps over a comment, a literal or a directive at P, if one starts
  /// there.
  bool skipNonCode() {
    if (P[0] == '/' && P + 1 < End && P[1] == '*') {
      skipComment();
      return true;
    }
    if (P[0] == '/' && P + 1 < End && P[1] == '/') {
      skipLine();
      return true;
    }
    if (P[0] == '"' || P[0] == '\'') {
      char Quote = *P++;
      while (P < End && *P != Quote && *P != '\n')
        P += *P == '\\' && P + 1 < End ? 2 : 1;
      P = P < End ? P + 1 : End;
      return true;
    }
    if (P[0] == '#' && atLineStart()) {
      directive();
      return true;
    }
    return false;
  }

  /// Whether only blanks precede P on its line (a directive's `#`).
  bool atLineStart() const {
    const char *Q = P;
    while (Q > Begin && (Q[-1] == ' ' || Q[-1] == '\t'))
      --Q;
    return Q == Begin || Q[-1] == '\n';
  }

  /// From a `/*` to just past its `*/`.
  void skipComment() {
    size_t Close = StringRef(P + 2, End - P - 2).find("*/");
    P = Close == StringRef::npos ? End : P + 2 + Close + 2;
  }

  /// To the end of the line, continuations and comments included.
  void skipLine() {
    while (P < End && *P != '\n') {
      if (*P == '\\' && P + 1 < End && P[1] == '\n')
        P += 2;
      else if (P[0] == '/' && P + 1 < End && P[1] == '*')
        skipComment();
      else
        ++P;
    }
  }

  /// A preprocessing directive.  The branches of a conditional may each
  /// open a brace that one closing brace after it closes (`#if A` `f(a) {`
  /// `#else` `f(a, b) {` `#endif`): each branch starts at the depth the
  /// conditional started at, and the first one's end depth is kept.
  void directive() {
    ++P;
    while (P < End && (*P == ' ' || *P == '\t'))
      ++P;
    const char *Name = P;
    while (P < End && isIdentifierChar(*P))
      ++P;
    StringRef Word(Name, P - Name);
    if (Word.starts_with("if")) {
      Conditionals.push_back({Depth, -1});
    } else if (!Conditionals.empty() && Word.starts_with("el")) {
      if (Conditionals.back().FirstEnd < 0)
        Conditionals.back().FirstEnd = Depth;
      Depth = Conditionals.back().Start;
    } else if (!Conditionals.empty() && Word == "endif") {
      if (Conditionals.back().FirstEnd >= 0)
        Depth = Conditionals.back().FirstEnd;
      Conditionals.pop_back();
    }
    skipLine();
  }

  /// From a `{` at depth 0 to just past its `}`, or null when the text
  /// ends first.  Most of a file is bodies: what cannot start a comment, a
  /// literal, a directive or a brace is passed over in a tight loop.
  const char *skipBraces() {
    while (P < End) {
      while (P < End && !isSpecialInBody(*P))
        ++P;
      if (P == End || skipNonCode())
        continue;
      char C = *P++;
      if (C == '{')
        ++Depth;
      else if (C == '}' && --Depth <= 0)
        return Depth = 0, P;
    }
    return nullptr;
  }

  /// The next character of code, blanks, comments, literals and
  /// directives stepped over; null at the end.
  const char *nextCode() {
    while (P < End)
      if (isBlank(*P))
        ++P;
      else if (!skipNonCode())
        return P;
    return nullptr;
  }

  /// The identifier (or number) at P, stepped over; empty if none.
  StringRef word() {
    const char *Start = P;
    while (P < End && isIdentifierChar(*P))
      ++P;
    return StringRef(Start, P - Start);
  }

  static bool isSpecialInBody(char C) {
    return C == '{' || C == '}' || C == '/' || C == '"' || C == '\'' ||
           C == '#';
  }

  static bool isBlank(char C) {
    return C == ' ' || C == '\t' || C == '\r' || C == '\f' || C == '\v' ||
           C == '\n';
  }

  const char *Begin, *P, *End;
  int Depth = 0; ///< of braces
  struct Conditional {
    int Start;    ///< the depth at its #if
    int FirstEnd; ///< at the end of its first branch, or -1 before
  };
  std::vector<Conditional> Conditionals;
};

} // namespace

BodyScan scanBodies(StringRef Text) {
  BodyScan Scan;
  XXH3_state_t Outside;
  XXH3_64bits_reset(&Outside);
  Scanner S(Text);
  const char *OutsideFrom = S.P;
  int Parens = 0;
  StringRef Word, Candidate;
  char Last = 0;             // the last significant character at file level
  const char *Counted = S.P; // lines are counted up to here
  unsigned Line = 1;
  while (const char *Token = S.nextCode()) {
    if (StringRef W = S.word(); !W.empty()) {
      Word = W;
      Last = 'w';
      continue;
    }
    char C = *S.P;
    if (S.Depth == 0 && Parens == 0 && C == '{' && Last == ')' &&
        !Candidate.empty()) {
      Line += std::count(Counted, Token, '\n');
      Counted = Token;
      const char *BodyEnd = S.skipBraces();
      if (!BodyEnd)
        break; // unbalanced: the rest is outside
      Scan.Bodies.push_back({Candidate.str(),
                             XXH3_64bits_withSeed(Token, BodyEnd - Token, Line),
                             static_cast<uint64_t>(Token - Text.begin()),
                             static_cast<uint64_t>(BodyEnd - Token)});
      XXH3_64bits_update(&Outside, OutsideFrom, Token - OutsideFrom);
      OutsideFrom = BodyEnd;
      Candidate = {};
      Last = '}';
      continue;
    }
    ++S.P;
    if (C == '{' || C == '}') {
      S.Depth = C == '{' ? S.Depth + 1 : std::max(S.Depth - 1, 0);
      Candidate = {};
    } else if (S.Depth == 0 && C == '(') {
      if (Parens++ == 0 && Last == 'w' && !isAttributeWord(Word))
        Candidate = Word;
    } else if (S.Depth == 0 && C == ')') {
      Parens = std::max(Parens - 1, 0);
    } else if (S.Depth == 0 && Parens == 0 && (C == ';' || C == '=')) {
      Candidate = {};
    }
    Last = C;
  }
  XXH3_64bits_update(&Outside, OutsideFrom, Text.end() - OutsideFrom);
  Scan.Outside = XXH3_64bits_digest(&Outside);
  return Scan;
}

std::vector<StringRef> identifiersIn(StringRef Text) {
  std::vector<StringRef> Words;
  Scanner S(Text);
  while (S.nextCode()) {
    StringRef W = S.word();
    if (W.empty())
      ++S.P;
    else if (!(W.front() >= '0' && W.front() <= '9'))
      Words.push_back(W);
  }
  return Words;
}

} // namespace hotpatch

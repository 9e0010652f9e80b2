//===- CallSignature.cpp - A function's C signature for hcc call ----------===//
//
// `hcc call f 1 2` parses its arguments by the C types of f's parameters and
// libffi passes them (runtime/call.c).  The IR cannot say what those types
// were: i32 is int and unsigned, ptr is char * and struct node *, and i1 or
// i8 is bool or char.  So the front end spells each type as one short code
// (hotpatch_abi.h), and what libffi cannot pass from a typed argument
// (structs by value, varargs, 128-bit integers, complex numbers, C++ member
// functions) becomes the reason the runtime gives for refusing the call.
//
//===----------------------------------------------------------------------===//
#include "CallSignature.h"
#include "hotpatch_abi.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/Twine.h"

using namespace clang;

namespace hotpatch {
namespace {

/// The code of a value of type \p T, or empty when it has none.
std::string typeCode(QualType T, const ASTContext &Ctx) {
  T = T.getCanonicalType();
  if (T->isVoidType())
    return "v";
  if (T->isBooleanType())
    return "b";
  if (const auto *Enum = T->getAs<EnumType>())
    T = Enum->getDecl()->getIntegerType().getCanonicalType();
  if (T->isIntegerType() && !T->isBitIntType()) {
    uint64_t Bits = Ctx.getTypeSize(T);
    if (Bits != 8 && Bits != 16 && Bits != 32 && Bits != 64)
      return "";
    return (T->isSignedIntegerType() ? "i" : "u") + std::to_string(Bits);
  }
  if (const auto *Real = T->getAs<BuiltinType>()) {
    switch (Real->getKind()) {
    case BuiltinType::Float: return "f32";
    case BuiltinType::Double: return "f64";
    case BuiltinType::LongDouble: return "ld";
    case BuiltinType::NullPtr: return "p";
    default: return "";
    }
  }
  if (T->isPointerType())
    return T->getPointeeType()->isCharType() ? "s" : "p";
  return "";
}

/// Why a value of type \p T cannot be passed (\p What: "parameter 2 (x)")
/// or returned (\p What empty).
std::string refusal(const std::string &What, QualType T,
                    const ASTContext &Ctx) {
  std::string Type = "'" + T.getAsString(Ctx.getPrintingPolicy()) + "'";
  if (T->isStructureOrClassType() || T->isUnionType())
    return What.empty()
               ? "it returns a struct or union by value (" + Type + ")"
               : What + " is a struct or union passed by value (" + Type + ")";
  return What.empty()
             ? "it returns " + Type + ", which hcc call cannot read"
             : What + " has type " + Type + ", which hcc call cannot pass";
}

} // namespace

std::string callSignature(const FunctionDecl &FD, const ASTContext &Ctx) {
  auto Refused = [](const Twine &Why) {
    return (Twine(HOTPATCH_SIGNATURE_REFUSED) + Why).str();
  };
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
      Method && Method->isInstance())
    return Refused("it is a C++ member function");
  if (FD.isVariadic())
    return Refused("it takes a variable argument list (...)");
  const auto *Type = FD.getType()->castAs<FunctionType>();
  if (Type->getCallConv() != Ctx.getDefaultCallingConvention(
                                 /*IsVariadic=*/false, /*IsCXXMethod=*/false))
    return Refused("it uses a calling convention other than C's default");
  if (!FD.hasPrototype() && FD.getNumParams() > 0)
    return Refused("it is defined without a prototype (K&R style)");

  std::string Return = typeCode(FD.getReturnType(), Ctx);
  if (Return.empty())
    return Refused(refusal("", FD.getReturnType(), Ctx));
  std::string Signature = Return + "(";
  for (unsigned I = 0; I < FD.getNumParams(); ++I) {
    const ParmVarDecl *Param = FD.getParamDecl(I);
    std::string Code = typeCode(Param->getType(), Ctx);
    if (Code.empty()) {
      std::string What = "parameter " + std::to_string(I + 1);
      if (!Param->getName().empty())
        What += " (" + Param->getName().str() + ")";
      return Refused(refusal(What, Param->getType(), Ctx));
    }
    Signature += (I ? "," : "") + Code;
  }
  return Signature + ")";
}

} // namespace hotpatch

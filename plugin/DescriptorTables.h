//===- DescriptorTables.h - IR for the structs of hotpatch_abi.h ----------===//
//
// Builds, in a module, the constant tables and small functions that both the
// build-mode descriptor and a patch descriptor are made of, as rows of the
// struct types of AbiStructs.h.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_DESCRIPTORTABLES_H
#define HOTPATCH_PLUGIN_DESCRIPTORTABLES_H

#include "AbiStructs.h"
#include "ModuleFacts.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"

namespace hotpatch {

class DescriptorTables {
public:
  explicit DescriptorTables(llvm::Module &M);

  llvm::PointerType *ptrTy() const { return PtrTy; }
  /// What the functions the plugin adds to the module are made with.
  const UnitTarget &unitTarget() const { return Subtarget; }
  /// Field values of the kinds of hotpatch_abi.h.
  abi::U32 u32(uint64_t V) const;
  abi::U64 u64(uint64_t V) const;
  abi::Ptr ptr(llvm::Constant *C) const { return abi::Ptr(C); }
  abi::Ptr null() const;
  /// Lays out, in one private table, the module id and the strings of the
  /// rows of \p Facts, which str() then points into (DescriptorTables.cpp).
  void layOutStrings(const ModuleFacts &Facts);
  /// A NUL-terminated string, as a field: in the table when layOutStrings
  /// put it there, else a private global of its own.
  abi::Ptr str(llvm::StringRef S);
  /// struct hotpatch_function rows; \p Slot and \p Stub null for changed
  /// functions of a patch (they keep the process's).
  llvm::Constant *functionRow(const FunctionFact &F, bool WithSlotAndStub);
  /// struct hotpatch_data rows; thread-locals get an accessor.
  llvm::Constant *dataRow(const DataFact &D);
  /// An internal constant array of rows of \p RowTy, as a field.
  abi::Ptr table(llvm::ArrayRef<llvm::Constant *> Rows, llvm::StructType *RowTy,
                 const llvm::Twine &Name);
  /// The tables of functionRow and dataRow rows.
  abi::Ptr functionTable(llvm::ArrayRef<llvm::Constant *> Rows);
  abi::Ptr dataTable(llvm::ArrayRef<llvm::Constant *> Rows);
  /// The descriptor \p Name (internal, constant) holding \p Init.
  llvm::GlobalVariable *descriptor(llvm::Constant *Init, llvm::StringRef Name);
  /// The module info text in section hotpatch_info.
  abi::Ptr info(const std::string &Text);
  /// An internal constructor \p Name of \p Priority calling \p Callee
  /// with \p Arg (none when null); when \p Weak, \p Callee is declared
  /// extern_weak and only called when linked in.
  void constructor(llvm::StringRef Name, llvm::StringRef Callee,
                   llvm::Constant *Arg, bool Weak, unsigned Priority);

private:
  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  llvm::PointerType *PtrTy;
  llvm::IntegerType *I32, *I64;
  UnitTarget Subtarget;                    ///< for the functions it adds
  llvm::GlobalVariable *Strings = nullptr; ///< layOutStrings' table
  llvm::StringMap<uint64_t> StringOffsets; ///< where each string is in it

  llvm::Constant *cString(llvm::StringRef S);
  llvm::Function *tlsAccessor(llvm::GlobalVariable &GV);
};

} // namespace hotpatch

#endif

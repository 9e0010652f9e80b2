//===- DescriptorTables.h - IR for the structs of hotpatch_abi.h ----------===//
//
// Builds, in a module, the constant tables and small functions that both the
// build-mode descriptor and a patch descriptor are made of. The struct types
// here mirror include/hotpatch_abi.h field by field.
//
//===----------------------------------------------------------------------===//
#ifndef HOTPATCH_PLUGIN_DESCRIPTORTABLES_H
#define HOTPATCH_PLUGIN_DESCRIPTORTABLES_H

#include "ModuleFacts.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"

namespace hotpatch {

class DescriptorTables {
public:
  explicit DescriptorTables(llvm::Module &M);

  llvm::PointerType *ptrTy() const { return PtrTy; }
  llvm::IntegerType *i32Ty() const { return I32; }
  llvm::IntegerType *i64Ty() const { return I64; }

  /// A private NUL-terminated string.
  llvm::Constant *cString(llvm::StringRef S);
  /// struct hotpatch_function rows; \p Slot and \p Stub null for changed
  /// functions of a patch (they keep the process's).
  llvm::Constant *functionRow(const FunctionFact &F, bool WithSlotAndStub);
  /// struct hotpatch_data rows; thread-locals get an accessor.
  llvm::Constant *dataRow(const DataFact &D);
  /// An internal constant array of rows of \p RowTy.
  llvm::GlobalVariable *table(llvm::ArrayRef<llvm::Constant *> Rows,
                              llvm::StructType *RowTy, const llvm::Twine &Name);
  llvm::StructType *functionRowTy() const { return FunctionRowTy; }
  llvm::StructType *dataRowTy() const { return DataRowTy; }
  /// The module info text in section hotpatch_info.
  llvm::GlobalVariable *info(const std::string &Text);
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
  llvm::StructType *FunctionRowTy, *DataRowTy;

  llvm::Function *tlsAccessor(llvm::GlobalVariable &GV);
};

} // namespace hotpatch

#endif

/*
** call_values.h: the C types of `hcc call`, as the plugin records them
** (the signature codes of hotpatch_abi.h): reading a signature, parsing
** an argument's text into a value of its type, and writing a result.
*/
#ifndef HOTPATCH_RUNTIME_CALL_VALUES_H
#define HOTPATCH_RUNTIME_CALL_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <ffi.h>

enum hfc_kind {
  HFC_VOID,
  HFC_BOOL,
  HFC_I8,
  HFC_I16,
  HFC_I32,
  HFC_I64,
  HFC_U8,
  HFC_U16,
  HFC_U32,
  HFC_U64,
  HFC_F32,
  HFC_F64,
  HFC_LONG_DOUBLE,
  HFC_STRING,
  HFC_POINTER
};

/* The most parameters a signature may have. */
#define HFC_MAX_PARAMS 64

struct hfc_signature {
  enum hfc_kind result;
  enum hfc_kind params[HFC_MAX_PARAMS];
  size_t count;
};

/* One argument or result.  `wide` is what libffi stores for an integer
** result narrower than a register (ffi_arg, see ffi_call(3)). */
union hfc_value {
  bool b;
  int8_t i8;
  int16_t i16;
  int32_t i32;
  int64_t i64;
  uint8_t u8;
  uint16_t u16;
  uint32_t u32;
  uint64_t u64;
  float f32;
  double f64;
  long double ld;
  const char *s;
  void *p;
  ffi_arg wide;
  ffi_sarg swide;
};

/* Read a signature "<ret>(<param>,...)" into *out.  Returns 0, or -1 when
** it is malformed or has more than HFC_MAX_PARAMS parameters. */
int hfc_read_signature(const char *text, struct hfc_signature *out);

/* The name of libffi's type object for `kind` ("ffi_type_sint32"). */
const char *hfc_ffi_type_symbol(enum hfc_kind kind);

/* The C type of `kind` for messages ("int32_t", "char *", "pointer"). */
const char *hfc_c_type(enum hfc_kind kind);

/* Parse `text` as a value of `kind` into *out (a string points into
** `text`).  Returns 0, or -1 with `why` saying what `text` is not. */
int hfc_parse_value(enum hfc_kind kind, const char *text, union hfc_value *out,
                    char *why, size_t size);

/* Write the result *value of `kind`, as ffi_call left it, as the `call`
** answer's value: a number, true/false, "text" with C escapes, NULL,
** 0x<hex>, or void. */
void hfc_write_value(FILE *out, enum hfc_kind kind,
                     const union hfc_value *value);

#endif /* HOTPATCH_RUNTIME_CALL_VALUES_H */

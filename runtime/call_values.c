/*
** call_values.c: the C types of `hcc call` (call_values.h).
**
** One table gives, for every kind, its code in a signature, libffi's type
** object and its name in messages.  Arguments are read as C would read a
** constant of the type (strtoll base 0: 42, -7, 0x2a, 052) and must fit it;
** results are written so that reading them back gives the same value
** (floating point: the shortest %g that does).
*/
#define _GNU_SOURCE
#include "call_values.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const struct kind_info {
  const char *code; /* in a signature (hotpatch_abi.h) */
  const char *ffi;  /* libffi's type object            */
  const char *noun; /* "'x' is not <noun>"             */
  const char *c;    /* the C type, in lists of them    */
  int bits;         /* integers: the width; else 0     */
} kinds[] = {
    [HFC_VOID] = {"v", "ffi_type_void", "void", "void", 0},
    [HFC_BOOL] = {"b", "ffi_type_uint8", "a bool (true, false, 1 or 0)", "bool",
                  0},
    [HFC_I8] = {"i8", "ffi_type_sint8", "a signed 8-bit integer", "int8_t", 8},
    [HFC_I16] = {"i16", "ffi_type_sint16", "a signed 16-bit integer", "int16_t",
                 16},
    [HFC_I32] = {"i32", "ffi_type_sint32", "a signed 32-bit integer", "int32_t",
                 32},
    [HFC_I64] = {"i64", "ffi_type_sint64", "a signed 64-bit integer", "int64_t",
                 64},
    [HFC_U8] = {"u8", "ffi_type_uint8", "an unsigned 8-bit integer", "uint8_t",
                8},
    [HFC_U16] = {"u16", "ffi_type_uint16", "an unsigned 16-bit integer",
                 "uint16_t", 16},
    [HFC_U32] = {"u32", "ffi_type_uint32", "an unsigned 32-bit integer",
                 "uint32_t", 32},
    [HFC_U64] = {"u64", "ffi_type_uint64", "an unsigned 64-bit integer",
                 "uint64_t", 64},
    [HFC_F32] = {"f32", "ffi_type_float", "a float", "float", 0},
    [HFC_F64] = {"f64", "ffi_type_double", "a double", "double", 0},
    [HFC_LONG_DOUBLE] = {"ld", "ffi_type_longdouble", "a long double",
                         "long double", 0},
    [HFC_STRING] = {"s", "ffi_type_pointer", "a string", "char *", 0},
    [HFC_POINTER] = {"p", "ffi_type_pointer",
                     "a pointer (hex, as 0x7f3a2c001000, or 0 or NULL)",
                     "pointer", 0},
};
enum { KIND_COUNT = sizeof kinds / sizeof kinds[0] };

static bool is_signed(enum hfc_kind kind) {
  return kind >= HFC_I8 && kind <= HFC_I64;
}

static bool is_unsigned(enum hfc_kind kind) {
  return kind >= HFC_U8 && kind <= HFC_U64;
}

/* ------------------------------------------------------------ signatures */

/* The kind whose code is the n bytes at `code`; -1 when none is. */
static int kind_of_code(const char *code, size_t n) {
  for (int k = 0; k < KIND_COUNT; k++)
    if (strlen(kinds[k].code) == n && memcmp(kinds[k].code, code, n) == 0)
      return k;
  return -1;
}

int hfc_read_signature(const char *text, struct hfc_signature *out) {
  const char *open = strchr(text, '(');
  int result = open ? kind_of_code(text, (size_t)(open - text)) : -1;
  if (result < 0)
    return -1;
  out->result = (enum hfc_kind)result;
  out->count = 0;
  const char *at = open + 1;
  if (*at == ')')
    return at[1] ? -1 : 0;
  for (;;) {
    size_t n = strcspn(at, ",)");
    int param = kind_of_code(at, n);
    if (param < 0 || param == HFC_VOID || out->count == HFC_MAX_PARAMS)
      return -1;
    out->params[out->count++] = (enum hfc_kind)param;
    at += n;
    if (*at == ')')
      return at[1] ? -1 : 0;
    if (*at++ != ',')
      return -1;
  }
}

const char *hfc_ffi_type_symbol(enum hfc_kind kind) {
  return kinds[kind].ffi;
}

const char *hfc_c_type(enum hfc_kind kind) {
  return kinds[kind].c;
}

/* -------------------------------------------------------------- parsing */

/* Store the low `bits` bits of `v`: the signed and unsigned members of a
** width share their storage. */
static void store_integer(int bits, uint64_t v, union hfc_value *out) {
  switch (bits) {
  case 8: out->u8 = (uint8_t)v; break;
  case 16: out->u16 = (uint16_t)v; break;
  case 32: out->u32 = (uint32_t)v; break;
  default: out->u64 = v; break;
  }
}

/* An integer in C syntax (decimal, 0x hex, 0 octal) that fits `bits` bits,
** signed or not. */
static int parse_integer(int bits, bool is_signed_kind, const char *text,
                         union hfc_value *out) {
  char *end;
  errno = 0;
  if (is_signed_kind) {
    long long v = strtoll(text, &end, 0);
    long long max = (long long)((1ULL << (bits - 1)) - 1);
    if (*end || errno || v > max || v < -max - 1)
      return -1;
    store_integer(bits, (uint64_t)v, out);
    return 0;
  }
  unsigned long long v = strtoull(text, &end, 0);
  unsigned long long max = bits == 64 ? ULLONG_MAX : (1ULL << bits) - 1;
  if (text[0] == '-' || *end || errno || v > max) /* strtoull takes "-1" */
    return -1;
  store_integer(bits, v, out);
  return 0;
}

static int parse_floating(enum hfc_kind kind, const char *text,
                          union hfc_value *out) {
  char *end;
  if (kind == HFC_F32)
    out->f32 = strtof(text, &end);
  else if (kind == HFC_F64)
    out->f64 = strtod(text, &end);
  else
    out->ld = strtold(text, &end);
  return *end ? -1 : 0;
}

static int parse_pointer(const char *text, union hfc_value *out) {
  if (strcmp(text, "NULL") == 0) {
    out->p = NULL;
    return 0;
  }
  const char *digits = text;
  if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
    digits += 2;
  char *end;
  errno = 0;
  uintmax_t v = strtoumax(digits, &end, 16);
  if (!*digits || digits[0] == '-' || digits[0] == '+' || *end || errno ||
      v > UINTPTR_MAX)
    return -1;
  out->p = (void *)(uintptr_t)v;
  return 0;
}

static int parse_bool(const char *text, union hfc_value *out) {
  if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0)
    out->b = true;
  else if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0)
    out->b = false;
  else
    return -1;
  return 0;
}

/* The range of an integer kind, for messages. */
static void write_range(enum hfc_kind kind, char *text, size_t size) {
  int bits = kinds[kind].bits;
  if (is_signed(kind))
    snprintf(text, size, " (%lld to %lld)",
             -(long long)((1ULL << (bits - 1)) - 1) - 1,
             (long long)((1ULL << (bits - 1)) - 1));
  else
    snprintf(text, size, " (0 to %llu)",
             bits == 64 ? ULLONG_MAX : (1ULL << bits) - 1);
}

int hfc_parse_value(enum hfc_kind kind, const char *text, union hfc_value *out,
                    char *why, size_t size) {
  int rc;
  /* strto* skip leading blanks; an argument is the text as given */
  if (kind != HFC_STRING && (text[0] == '\0' || text[0] == ' ' ||
                             (text[0] >= '\t' && text[0] <= '\r')))
    rc = -1;
  else if (kind == HFC_BOOL)
    rc = parse_bool(text, out);
  else if (is_signed(kind) || is_unsigned(kind))
    rc = parse_integer(kinds[kind].bits, is_signed(kind), text, out);
  else if (kind == HFC_POINTER)
    rc = parse_pointer(text, out);
  else if (kind == HFC_STRING) {
    out->s = text;
    rc = 0;
  } else {
    rc = parse_floating(kind, text, out);
  }
  if (rc != 0) {
    char range[64] = "";
    if (kinds[kind].bits)
      write_range(kind, range, sizeof range);
    snprintf(why, size, "'%.64s' is not %s%s", text, kinds[kind].noun, range);
  }
  return rc;
}

/* -------------------------------------------------------------- results */

/* The fewest significant digits that read back as the same value. */
static void write_floating(FILE *out, enum hfc_kind kind,
                           const union hfc_value *value) {
  char text[64];
  int most = kind == HFC_F32 ? 9 : kind == HFC_F64 ? 17 : 21;
  for (int digits = 1; digits <= most; digits++) {
    bool same;
    if (kind == HFC_F32) {
      snprintf(text, sizeof text, "%.*g", digits, (double)value->f32);
      same = strtof(text, NULL) == value->f32;
    } else if (kind == HFC_F64) {
      snprintf(text, sizeof text, "%.*g", digits, value->f64);
      same = strtod(text, NULL) == value->f64;
    } else {
      snprintf(text, sizeof text, "%.*Lg", digits, value->ld);
      same = strtold(text, NULL) == value->ld;
    }
    if (same)
      break; /* a NaN never is: it gets the most digits, "nan" */
  }
  fputs(text, out);
}

/* "text" with C escapes, so that the answer stays one line. */
static void write_string(FILE *out, const char *s) {
  if (!s) {
    fputs("NULL", out);
    return;
  }
  putc('"', out);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(out, "\\%c", c);
    else if (c == '\n')
      fputs("\\n", out);
    else if (c == '\t')
      fputs("\\t", out);
    else if (c < 0x20 || c == 0x7f)
      fprintf(out, "\\%03o", c);
    else
      putc(c, out);
  }
  putc('"', out);
}

void hfc_write_value(FILE *out, enum hfc_kind kind,
                     const union hfc_value *value) {
  switch (kind) {
  case HFC_VOID: fputs("void", out); break;
  case HFC_BOOL: fputs(value->wide ? "true" : "false", out); break;
  /* libffi widens results narrower than a register to ffi_arg */
  case HFC_I8: fprintf(out, "%d", (int8_t)value->swide); break;
  case HFC_I16: fprintf(out, "%d", (int16_t)value->swide); break;
  case HFC_I32: fprintf(out, "%" PRId32, (int32_t)value->swide); break;
  case HFC_I64: fprintf(out, "%" PRId64, value->i64); break;
  case HFC_U8: fprintf(out, "%u", (uint8_t)value->wide); break;
  case HFC_U16: fprintf(out, "%u", (uint16_t)value->wide); break;
  case HFC_U32: fprintf(out, "%" PRIu32, (uint32_t)value->wide); break;
  case HFC_U64: fprintf(out, "%" PRIu64, value->u64); break;
  case HFC_F32:
  case HFC_F64:
  case HFC_LONG_DOUBLE: write_floating(out, kind, value); break;
  case HFC_STRING: write_string(out, value->s); break;
  case HFC_POINTER:
    if (value->p)
      fprintf(out, "0x%" PRIxPTR, (uintptr_t)value->p);
    else
      fputs("NULL", out);
    break;
  }
}

/*
** test_call_values.c: the types of `hcc call` (call_values.h) at their
** edges: signatures the runtime must refuse to read, integer ranges at
** each width, what is not a number, and results written so that C reads
** back the same value (a float that is not exactly its shortest decimal,
** a NaN, a string with every kind of escape).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "call_values.h"
#include "check.h"

static void test_signatures(void) {
  struct hfc_signature s;
  CHECK_EQ_INT(hfc_read_signature("i32(i32,s,p)", &s), 0);
  CHECK_EQ_INT(s.result, HFC_I32);
  CHECK_EQ_INT(s.count, 3);
  CHECK_EQ_INT(s.params[1], HFC_STRING);
  CHECK_EQ_INT(hfc_read_signature("v()", &s), 0);
  CHECK_EQ_INT(s.count, 0);
  const char *bad[] = {"",       "i32",       "x()",       "i32(",   "i32(i32",
                       "i32(v)", "i32(i32,)", "i32(i32)x", "i32()x", "!reason"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    CHECK(hfc_read_signature(bad[i], &s) == -1);
  char many[512] = "v(";
  for (int i = 0; i <= HFC_MAX_PARAMS; i++)
    strcat(many, i ? ",b" : "b");
  strcat(many, ")");
  CHECK(hfc_read_signature(many, &s) == -1);
}

static int parses(enum hfc_kind kind, const char *text, union hfc_value *v) {
  char why[256];
  return hfc_parse_value(kind, text, v, why, sizeof why) == 0;
}

static void test_integers(void) {
  union hfc_value v;
  CHECK(parses(HFC_I8, "-128", &v) && v.i8 == -128);
  CHECK(!parses(HFC_I8, "-129", &v) && !parses(HFC_I8, "128", &v));
  CHECK(parses(HFC_U16, "0xffff", &v) && v.u16 == 0xffff);
  CHECK(!parses(HFC_U16, "65536", &v));
  CHECK(parses(HFC_I64, "-9223372036854775808", &v) && v.i64 == INT64_MIN);
  CHECK(!parses(HFC_I64, "9223372036854775808", &v));
  CHECK(parses(HFC_U64, "18446744073709551615", &v) && v.u64 == UINT64_MAX);
  CHECK(!parses(HFC_U64, "18446744073709551616", &v));
  CHECK(!parses(HFC_U32, "-1", &v) && !parses(HFC_U32, "", &v));
  CHECK(!parses(HFC_I32, "1 ", &v) && !parses(HFC_I32, "\t1", &v));
  CHECK(parses(HFC_I32, "010", &v) && v.i32 == 8);
  char why[256];
  hfc_parse_value(HFC_U8, "300", &v, why, sizeof why);
  CHECK_EQ_STR(why, "'300' is not an unsigned 8-bit integer (0 to 255)");
}

static void test_other_arguments(void) {
  union hfc_value v;
  CHECK(parses(HFC_POINTER, "0x10", &v) && v.p == (void *)0x10);
  CHECK(parses(HFC_POINTER, "ff", &v) && v.p == (void *)0xff);
  CHECK(parses(HFC_POINTER, "NULL", &v) && v.p == NULL);
  CHECK(!parses(HFC_POINTER, "0x", &v) && !parses(HFC_POINTER, "-1", &v));
  CHECK(parses(HFC_BOOL, "true", &v) && v.b);
  CHECK(!parses(HFC_BOOL, "2", &v));
  CHECK(parses(HFC_F64, "1e-3", &v) && v.f64 == 1e-3);
  CHECK(!parses(HFC_F64, "1.5.2", &v) && !parses(HFC_F32, "", &v));
  CHECK(parses(HFC_STRING, "", &v) && strcmp(v.s, "") == 0);
}

static char *written(enum hfc_kind kind, union hfc_value v) {
  FILE *out = check_stream();
  hfc_write_value(out, kind, &v);
  return check_stream_text(out);
}

static void test_results(void) {
  struct {
    enum hfc_kind kind;
    union hfc_value value;
    const char *text;
  } cases[] = {
      {HFC_F32, {.f32 = 0.1f}, "0.1"},
      {HFC_F64, {.f64 = 1.0 / 3}, "0.3333333333333333"},
      {HFC_F64, {.f64 = 1e300}, "1e+300"},
      {HFC_F64, {.f64 = -0.0}, "-0"},
      {HFC_I8, {.swide = -5}, "-5"},
      {HFC_U8, {.wide = 200}, "200"},
      {HFC_BOOL, {.wide = 1}, "true"},
      {HFC_POINTER, {.p = NULL}, "NULL"},
      {HFC_STRING, {.s = NULL}, "NULL"},
      {HFC_STRING,
       {.s = "a\"b\\c\n\t\x01\x7f\xc3\xa9"},
       "\"a\\\"b\\\\c\\n\\t\\001\\177\xc3\xa9\""},
      {HFC_VOID, {.wide = 0}, "void"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *text = written(cases[i].kind, cases[i].value);
    CHECK_EQ_STR(text, cases[i].text);
    free(text);
  }
  char *nan_text = written(HFC_F64, (union hfc_value){.f64 = NAN});
  CHECK(strstr(nan_text, "nan") != NULL);
  free(nan_text);
}

int main(void) {
  test_signatures();
  test_integers();
  test_other_arguments();
  test_results();
  return check_finish("test_call_values");
}

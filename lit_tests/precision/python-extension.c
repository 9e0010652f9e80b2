// A C extension module for Python built with hcc is loaded by python3, a
// host hcc did not link (no hotpatch_build section of its own). An edit of
// the extension patches it in the running interpreter: hcc finds the build
// database from the extension's own section.  clang inlined area into
// py_area, which is patched with it; a gcc build calls a function another
// object may interpose (public, -fPIC) through its stub and never inlines
// it, so its patch holds area alone.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp v1.c shapes.c
// RUN: %hcc -O2 -shared -fPIC $(python3-config --includes) shapes.c -o shapes.so
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
//
// CHECK: out: ready
// CHECK-NEXT: out: area=6
// CLANG: hcc: patched shapes.c: area, py_area (generation 1,
// GCC: hcc: patched shapes.c: area (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: area=60
// CHECK: exit=0

//--- script
start python3 host.py
expect ^ready
send call
expect ^area
copy v2.c shapes.c
patch
send call
expect ^area
close

//--- host.py
import sys
sys.path.insert(0, ".")
import shapes
print("ready", flush=True)
for line in sys.stdin:
    print("area=%d" % shapes.area(2, 3), flush=True)

//--- v1.c
#define PY_SSIZE_T_CLEAN
#include <Python.h>

long area(long w, long h) { return w * h; }

static PyObject *py_area(PyObject *self, PyObject *args) {
  long w, h;
  (void)self;
  if (!PyArg_ParseTuple(args, "ll", &w, &h)) return NULL;
  return PyLong_FromLong(area(w, h));
}

static PyMethodDef methods[] = {{"area", py_area, METH_VARARGS, "w * h"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "shapes", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};
PyMODINIT_FUNC PyInit_shapes(void) { return PyModule_Create(&module); }

//--- v2.c
#define PY_SSIZE_T_CLEAN
#include <Python.h>

long area(long w, long h) { return 10 * w * h; }

static PyObject *py_area(PyObject *self, PyObject *args) {
  long w, h;
  (void)self;
  if (!PyArg_ParseTuple(args, "ll", &w, &h)) return NULL;
  return PyLong_FromLong(area(w, h));
}

static PyMethodDef methods[] = {{"area", py_area, METH_VARARGS, "w * h"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "shapes", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};
PyMODINIT_FUNC PyInit_shapes(void) { return PyModule_Create(&module); }

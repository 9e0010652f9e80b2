#!/usr/bin/env python3
"""Check a compile_commands.json that `hcc compile-commands` wrote.

Usage: check_compdb.py FILE CLANG [--reference FILE]

Parses FILE with python's json module (so it is valid JSON), checks that
every entry has a directory, an absolute file, arguments starting with hcc
or hcc++ and ending with hcc's -idirafter, and that no file appears twice;
runs clang itself on every entry's arguments with -fsyntax-only (clang++
for hcc++ entries), in the entry's directory, so that clang accepts them.
With --reference, the entries for the files of the build system's own
compile_commands.json (CMake's, Meson's) must have its arguments but the
compiler (and dependency-file options), and its directory; hcc's may name more files (the build system's
compiler checks).  Prints one line "file: PATH" per entry (relative to
FILE's directory, sorted), then "ok".
"""
import json
import os
import shlex
import subprocess
import sys


def fail(msg):
    sys.exit("check_compdb: " + msg)


def without_depfile_options(args):
    """args without -MD/-MMD and -MT/-MF/-MQ X: CMake leaves them out of its
    compile_commands.json (clangd drops them too); hcc keeps what ran."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("-MT", "-MF", "-MQ"):
            skip = True
        elif a not in ("-MD", "-MMD"):
            out.append(a)
    return out


def main():
    path, clang = sys.argv[1], sys.argv[2]
    with open(path) as f:
        entries = json.load(f)
    files = [e["file"] for e in entries]
    if len(set(files)) != len(files):
        fail("a file appears twice: %s" % files)
    for e in entries:
        args = e["arguments"]
        if not os.path.isabs(e["file"]) or not os.path.isdir(e["directory"]):
            fail("bad file or directory in %s" % e)
        if os.path.basename(args[0]) not in ("hcc", "hcc++"):
            fail("arguments do not start with hcc: %s" % args)
        if args[-2] != "-idirafter" or not os.path.isfile(os.path.join(args[-1], "hotpatch.h")):
            fail("arguments do not end with hcc's -idirafter: %s" % args)
        compiler = clang + "++" if args[0].endswith("++") else clang
        run = subprocess.run([compiler] + args[1:] + ["-fsyntax-only"], cwd=e["directory"])
        if run.returncode != 0:
            fail("clang refused the arguments of %s" % e["file"])
    if len(sys.argv) > 3 and sys.argv[3] == "--reference":
        with open(sys.argv[4]) as f:
            reference = json.load(f)
        ours = {e["file"]: e for e in entries}
        for theirs in reference:
            e = ours.get(os.path.normpath(os.path.join(theirs["directory"], theirs["file"])))
            if e is None:
                fail("%s is missing" % theirs["file"])
            their_args = theirs.get("arguments") or shlex.split(theirs["command"])
            if without_depfile_options(e["arguments"][1:-2]) != without_depfile_options(their_args[1:]) or e["directory"] != theirs["directory"]:
                fail("%s: %s differs from %s" % (e["file"], e["arguments"], their_args))
            print("same as the reference: " + os.path.basename(e["file"]))
    base = os.path.dirname(os.path.abspath(path))
    for f in sorted(files):
        print("file: " + os.path.relpath(f, base))
    print("ok")


main()

#!/usr/bin/env python3
"""compare-results.py KEEP CLANG_TREE CLANG_LOG HCC_TREE HCC_LOG [MIN]

Compares the output of a project's own test suite (`make check`) run on
its clang-19 build and on its hcc build, made in the same test run.

Each log is normalised (its tree's path becomes "<tree>") and reduced to
its result lines: the lines that match the regular expression KEEP (one
per test or group of tests, plus the suite's summary and exit status).
The builds must give the same result lines, in any order (a harness
running tests in parallel prints them as they finish): a test that fails
under clang-19 (say, because of the machine) may fail under hcc, but
nothing else.  MIN (default 1) is the least number of result lines the
clang-19 log must have, so that a suite that ran nothing cannot pass.

Exit 0 when the results are the same; else 1, with the lines that differ.
"""
import difflib
import re
import sys


def results(keep, tree, path):
    with open(path, errors="replace") as log:
        lines = [line.rstrip("\n").replace(tree, "<tree>") for line in log]
    return sorted(line for line in lines if keep.search(line))


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__.splitlines()[0])
    keep = re.compile(sys.argv[1])
    clang = results(keep, sys.argv[2], sys.argv[3])
    hcc = results(keep, sys.argv[4], sys.argv[5])
    least = int(sys.argv[6]) if len(sys.argv) == 7 else 1
    if len(clang) < least:
        print("compare-results: the clang-19 build's log %s has %d result "
              "lines, expected at least %d: did its test suite run?"
              % (sys.argv[3], len(clang), least))
        return 1
    if clang == hcc:
        print("compare-results: %d result lines, the same for both builds"
              % len(clang))
        return 0
    print("compare-results: the hcc build's test results differ from the "
          "clang-19 build's (- clang-19 %s, + hcc %s):"
          % (sys.argv[3], sys.argv[5]))
    for line in difflib.unified_diff(clang, hcc, "clang-19", "hcc", n=0,
                                     lineterm=""):
        if not line.startswith(("---", "+++", "@@")):
            print("  " + line)
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""FileCheck for the scenarios `lit --param language=c++` runs (lit.cfg.py).

A scenario's CHECK lines name functions as C does (`f`, `scenario_command`);
built as C++ the same output names them as C++ does: mangled ids
(`_Z1fv`, in the runtime's reports, which cannot demangle in a signal
handler), demangled names with their parameters (`f()`), and an id
followed by its readable form (`hcc: changed _Z1fv f()`); a static local
is `f()::x` where C says `f.x`, and a quoted one is followed by its id
(`'f()::x' (_ZZ1fvE1x)`) where C names it once.  This reads the
input on stdin, writes every such name as C would, and runs FileCheck with
the arguments given, so one scenario checks both builds.  Only names
change: every other character of the output is checked as it is.
"""
import re
import subprocess
import sys

MANGLED = re.compile(r"\b_Z[\w.$]+")
# A demangled function: name, then its parameter list (one level of nested
# parentheses: function pointer parameters), maybe const.  Not the
# runtime's API (`hotpatch_safepoint()` in its messages): it is C's.
CALL = re.compile(r"\b(?!hotpatch_)([A-Za-z_]\w*)\((?:[^()]|\([^()]*\))*\)(?: const)?")
# An id followed by its readable form (hcc writes two spaces between):
# the same name twice, once.
REPEATED = re.compile(r"(?<!\S)([A-Za-z_]\S*) +\1(?!\S)")
QUOTED_REPEATED = re.compile(r"'([^'\s]+)' \(\1\)")
STATIC_LOCAL = re.compile(r"\b([A-Za-z_]\w*)::([A-Za-z_]\w*)\b")


def demangle(text):
    names = sorted(set(MANGLED.findall(text)))
    if not names:
        return text
    out = subprocess.run(["llvm-cxxfilt"], input="\n".join(names) + "\n",
                         capture_output=True, text=True, check=True).stdout
    readable = dict(zip(names, out.splitlines()))
    return MANGLED.sub(lambda m: readable[m.group(0)], text)


def as_c(line):
    line = REPEATED.sub(r"\1", CALL.sub(r"\1", demangle(line)))
    return STATIC_LOCAL.sub(r"\1.\2", QUOTED_REPEATED.sub(r"'\1'", line))


def main():
    text = sys.stdin.read()
    lines = text.split("\n")
    res = subprocess.run(["FileCheck"] + sys.argv[1:],
                         input="\n".join(as_c(l) for l in lines), text=True)
    sys.exit(res.returncode)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""abi_mirror.py COMPILE_COMMANDS_JSON: a field of include/hotpatch_abi.h
changed without the plugin fails the plugin's build.

Copies include/ aside, changes one field list of hotpatch_abi.h at a time
(a field renamed, removed, added, given another kind, a C type that is not
its kind) and compiles the plugin's files that build the structs, with
their recorded commands (-fsyntax-only), against the copy.  The unchanged
header must compile; every change must fail with an error.  Exit 0 when
all of that holds."""
import json
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADER = os.path.join(ROOT, "include", "hotpatch_abi.h")
FILES = ["plugin/DescriptorTables.cpp", "plugin/ModuleDescriptor.cpp",
         "plugin/PatchModule.cpp"]

# (what, old text, new text): each old text occurs once in the header.
CHANGES = [
    ("hotpatch_function.signature renamed",
     "X(PTR, const char *, signature)", "X(PTR, const char *, prototype)"),
    ("hotpatch_data.layout_hash of another kind",
     "X(U64, uint64_t, layout_hash) /* XXH3-64",
     "X(U32, uint32_t, layout_hash) /* XXH3-64"),
    ("hotpatch_module gains a field",
     "X(U32, uint32_t, data_count)                                                    \\\n"
     "  X(PTR, const struct hotpatch_function *, functions)",
     "X(U32, uint32_t, data_count)                                                    \\\n"
     "  X(U64, uint64_t, extra) \\\n"
     "  X(PTR, const struct hotpatch_function *, functions)"),
    ("hotpatch_patch loses a field", "  X(U32, uint32_t, reserved2)", ""),
    ("hotpatch_import.size's C type is not its kind",
     "X(U64, uint64_t, size)   /* data and TLS", "X(U64, uint32_t, size)   /* data and TLS"),
]


def commands(path):
    with open(path) as f:
        entries = json.load(f)
    by_file = {os.path.relpath(e["file"], ROOT): e for e in entries}
    return [by_file[f] for f in FILES]


def builds(entries, include):
    """None when every file compiles against `include`, else the first error."""
    for e in entries:
        argv = shlex.split(e["command"])
        out = argv.index("-o")
        argv = argv[:out] + argv[out + 2:]
        argv = [a for a in argv if a != "-c"]
        argv = [("-I" + include if a == "-I" + os.path.join(ROOT, "include") else a)
                for a in argv] + ["-fsyntax-only"]
        r = subprocess.run(argv, cwd=e["directory"], capture_output=True, text=True)
        if r.returncode != 0:
            errors = [l for l in r.stderr.splitlines() if "error:" in l]
            return errors[0] if errors else r.stderr.strip() or "failed"
    return None


def main():
    entries = commands(sys.argv[1])
    with open(HEADER) as f:
        original = f.read()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in os.listdir(os.path.dirname(HEADER)):
            with open(os.path.join(os.path.dirname(HEADER), name)) as src, \
                    open(os.path.join(tmp, name), "w") as dst:
                dst.write(src.read())
        why = builds(entries, tmp)
        if why:
            print("FAIL: the unchanged header does not compile: " + why)
            return 1
        print("ok: the unchanged header compiles")
        for what, old, new in CHANGES:
            if original.count(old) != 1:
                print("FAIL: %s: the text to change is not in the header once" % what)
                failures += 1
                continue
            with open(os.path.join(tmp, "hotpatch_abi.h"), "w") as f:
                f.write(original.replace(old, new))
            why = builds(entries, tmp)
            if why:
                print("ok: %s: the plugin does not build: %s" % (what, why))
            else:
                print("FAIL: %s: the plugin still builds" % what)
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

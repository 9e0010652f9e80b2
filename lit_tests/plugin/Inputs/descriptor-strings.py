"""Reads LLVM IR on stdin and writes it with every pointer into the module
descriptor's string table (@__hotpatch.strings, DescriptorTables.cpp)
replaced by the string it points at, as str"...", so that a check can say
which string a descriptor row names."""
import re
import sys

ir = sys.stdin.read()
table = re.search(r'^@__hotpatch\.strings = .*? c"((?:[^"\\]|\\[0-9A-Fa-f]{2})*)"', ir, re.M)
if not table:
    sys.exit("descriptor-strings.py: no @__hotpatch.strings in the input")
data = re.sub(rb"\\([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
              table.group(1).encode())


def string_at(offset):
    end = data.index(b"\0", offset)
    return 'str"%s"' % data[offset:end].decode()


ir = re.sub(r"getelementptr inbounds \(i8, ptr @__hotpatch\.strings, i64 (\d+)\)",
            lambda m: string_at(int(m.group(1))), ir)
ir = re.sub(r"ptr @__hotpatch\.strings(?= *[,}\]])", "ptr " + string_at(0), ir)
sys.stdout.write(ir)

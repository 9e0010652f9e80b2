#!/usr/bin/env python3
"""object-ids.py FILE: the git object ids of FILE as a blob and of a tree
holding only it (as NAME, mode 100644), computed with hashlib from git's
object format, not by git: "blob <size>\\0<bytes>" and "tree <size>\\0"
followed by "100644 NAME\\0<20-byte blob id>".  Prints BLOB=<hex> and
TREE=<hex>, one per line."""
import hashlib
import os
import sys


def object_id(kind, body):
    return hashlib.sha1(b"%s %d\0" % (kind, len(body)) + body)


path = sys.argv[1]
with open(path, "rb") as f:
    blob = object_id(b"blob", f.read())
entry = b"100644 " + os.path.basename(path).encode() + b"\0" + blob.digest()
print("BLOB=" + blob.hexdigest())
print("TREE=" + object_id(b"tree", entry).hexdigest())

#!/usr/bin/env python3
"""make-input.py DIR: the data of gzip.test's live patch.

gzip 1.12 reads its input INBUFSIZ (262144) bytes at a time: fill_inbuf()
loops on read() until the buffer is full or the input ends.  It writes what
it inflates a window of WSIZE (32768) bytes at a time: flush_window(), when
the window is full and at the end of the data.  So `gzip -dc` reading a pipe
that was sent the first 262144 bytes of a gzip file writes the whole windows
those bytes inflate to and then blocks in read(); whatever it writes after
that comes out of the patched write_buf().

Writes, with Python's own zlib (not the gzip under test):
  part1.gz    the first 262144 bytes of a gzip file of lines of 63
              pseudo-random letters and digits;
  part2.gz    the rest of it;
  before.txt  the whole windows part1.gz inflates to, whose last line is
              "end of part one......": what gzip writes before the patch;
  after.txt   the remaining lines in capitals: what it writes once
              write_buf() upper-cases its buffer.
The count of whole windows is checked to leave a margin of a few KiB on
either side, so that inflating a little less or more than zlib does would
not change it.
"""
import gzip
import os
import random
import sys
import zlib

INBUFSIZ = 262144
WSIZE = 32768
LINE = 64  # 63 characters and a newline
LINES = 16 * WSIZE // LINE
MARGIN = 4096

rng = random.Random(10)
alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
lines = ["".join(rng.choice(alphabet) for _ in range(LINE - 1)) + "\n"
         for _ in range(LINES)]


def pack():
    return gzip.compress("".join(lines).encode(), compresslevel=6, mtime=0)


def whole_windows(packed):
    """Windows part1 inflates to, and how far that is from a boundary."""
    inflated = len(zlib.decompressobj(16 + zlib.MAX_WBITS)
                   .decompress(packed[:INBUFSIZ]))
    return inflated // WSIZE, min(inflated % WSIZE, WSIZE - inflated % WSIZE)


packed = pack()
windows, _ = whole_windows(packed)
# The marker replaces the last line of the last whole window; that changes
# the compressed size a little, so the count is checked again.
cut = windows * WSIZE // LINE
lines[cut - 1] = "end of part one".ljust(LINE - 1, ".") + "\n"
packed = pack()
assert len(packed) > INBUFSIZ, "part2.gz must not be empty"
again, margin = whole_windows(packed)
assert again == windows and margin > MARGIN, (windows, again, margin)

files = {
    "part1.gz": packed[:INBUFSIZ],
    "part2.gz": packed[INBUFSIZ:],
    "before.txt": "".join(lines[:cut]).encode(),
    "after.txt": "".join(lines[cut:]).upper().encode(),
}
for name, data in files.items():
    with open(os.path.join(sys.argv[1], name), "wb") as f:
        f.write(data)

#!/usr/bin/env python3
"""Run a command in a real terminal (a pseudo-terminal) and describe what
it drew, for FileCheck.

Usage: in-terminal.py [--ctrl-c-after PATTERN] -- COMMAND...

Reads everything the command writes to the terminal until it exits.  With
--ctrl-c-after, types Ctrl-C once PATTERN has appeared on the screen.
Prints one fact per line, each computed from the raw bytes:

  alternate-screen entered=N left=N   ESC[?1049h / ESC[?1049l counts
  frames-drawn-at-home=N              ESC[H count (frames redrawn in place)
  footer: LINE                        each distinct line drawn under a frame
                                      (after the board, inside the
                                      alternate screen), in order
  ends-with-terminal-restored=yes|no  the last escape sequence written
                                      leaves the alternate screen with the
                                      cursor shown
  after: LINE                         lines written after the alternate
                                      screen was left
  exit=N                              the command's exit status (128+N for
                                      signal N)
"""
import os
import pty
import re
import signal
import sys
import time

TIMEOUT = float(os.environ.get("IN_TERMINAL_TIMEOUT", "120"))


def main():
    args = sys.argv[1:]
    ctrl_c_after = None
    if args[:1] == ["--ctrl-c-after"]:
        ctrl_c_after = args[1].encode()
        args = args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(args[0], args)
    raw = b""
    sent = False
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's last writer is gone
            break
        if not chunk:
            break
        raw += chunk
        if ctrl_c_after and not sent and ctrl_c_after in raw:
            os.write(fd, b"\x03")
            sent = True
    else:
        os.kill(pid, signal.SIGKILL)
        print("timed out after %ds" % TIMEOUT)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    report(raw, 128 - code if code < 0 else code)


def report(raw, code):
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
    print("alternate-screen entered=%d left=%d"
          % (text.count("\x1b[?1049h"), text.count("\x1b[?1049l")))
    print("frames-drawn-at-home=%d" % text.count("\x1b[H"))
    start = text.find("\x1b[?1049h")
    end = text.rfind("\x1b[?1049l")
    inside = text[start:end] if start >= 0 and end > start else ""
    seen = []
    for frame in inside.split("\x1b[H")[1:]:
        # The footer follows the board's last row and one empty line.
        parts = frame.split("\n\n", 1)
        if len(parts) < 2:
            continue
        for line in parts[1].split("\n"):
            line = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).rstrip()
            if line and line not in seen:
                seen.append(line)
    for line in seen:
        print("footer: " + line)
    escapes = re.findall(r"\x1b\[[0-9;?]*[A-Za-z]", text)
    restored = escapes[-2:] == ["\x1b[?25h", "\x1b[?1049l"]
    print("ends-with-terminal-restored=%s" % ("yes" if restored else "no"))
    if end >= 0:
        for line in text[end + len("\x1b[?1049l"):].split("\n"):
            if line.strip():
                print("after: " + line.rstrip())
    print("exit=%d" % code)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Send one control request to a process built with hcc and print the answer.

Usage: hpctl.py PID REQUEST...   (the words of REQUEST are joined by spaces)

The socket is found as the runtime places it (include/hotpatch_control.h):
$XDG_RUNTIME_DIR/hotpatch/<pid>.sock when XDG_RUNTIME_DIR is an absolute
path to a directory and the real and effective uids are the same, else
/tmp/hotpatch-<euid>/<pid>.sock.  Exit status 0 when the answer starts
with "ok", 1 otherwise, 2 when the process cannot be reached.
"""
import os
import socket
import sys


def socket_dir():
    runtime_dir = os.environ.get("XDG_RUNTIME_DIR")
    if (runtime_dir and runtime_dir.startswith("/") and
            os.path.isdir(runtime_dir) and os.getuid() == os.geteuid()):
        return os.path.join(runtime_dir, "hotpatch")
    return "/tmp/hotpatch-%d" % os.geteuid()


def main():
    pid, request = sys.argv[1], " ".join(sys.argv[2:])
    path = os.path.join(socket_dir(), pid + ".sock")
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(60)
        conn.connect(path)
    except OSError as error:
        print("hpctl: cannot reach %s: %s" % (path, error.strerror))
        return 2
    try:
        conn.sendall((request + "\n").encode())
    except OSError:
        pass  # a refused peer is answered and closed before it writes
    chunks = []
    while True:
        try:
            chunk = conn.recv(65536)
        except ConnectionResetError:
            break  # closed with our request unread: the answer came first
        if not chunk:
            break
        chunks.append(chunk)
    conn.close()
    answer = b"".join(chunks).decode()
    sys.stdout.write(answer)
    return 0 if answer.startswith("ok") else 1


if __name__ == "__main__":
    sys.exit(main())

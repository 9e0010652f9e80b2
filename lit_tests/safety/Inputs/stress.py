#!/usr/bin/env python3
"""Apply many patches to a running program, fast, and check every one.

Usage: stress.py COUNT PATCH_A PATCH_B PROGRAM [ARGS...]

Starts PROGRAM (stdin/stdout pipes; it must print "ready" once its threads
run and write its pid to ./pid), then applies COUNT patches over the
control socket: PATCH_A, PATCH_B, PATCH_A, ... each copied first to a path
of its own (dlopen caches by path, and the runtime refuses a rewritten
path).  After every apply it checks the answer's generation and sends
"probe": the program answers with the version each patched function runs
now, which must be the version the newest patch installed (2 after
PATCH_A, 1 after PATCH_B).  Then it sends "stop" and echoes the program's
remaining output and exit status.

Every wait is for an event (an answer, a line); the limits only turn a
hang into a failure.  The whole run must finish within LIMIT seconds
(STRESS_LIMIT, default 60).
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def socket_dir():
    runtime_dir = os.environ.get("XDG_RUNTIME_DIR")
    if runtime_dir and runtime_dir.startswith("/") and os.path.isdir(runtime_dir):
        return os.path.join(runtime_dir, "hotpatch")
    return "/tmp/hotpatch-%d" % os.geteuid()


def request(path, line):
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(60)
    conn.connect(path)
    conn.sendall((line + "\n").encode())
    chunks = []
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    conn.close()
    return b"".join(chunks).decode()


def fail(proc, message):
    print("stress: FAILED: " + message)
    proc.kill()
    proc.wait()
    sys.exit(1)


def main():
    count = int(sys.argv[1])
    patches = [os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])]
    limit = float(os.environ.get("STRESS_LIMIT", "60"))
    began = time.monotonic()
    proc = subprocess.Popen(sys.argv[4:], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    if proc.stdout.readline().strip() != "ready":
        fail(proc, "the program did not start")
    with open("pid") as f:
        sock = os.path.join(socket_dir(), f.read().strip() + ".sock")
    copies = tempfile.mkdtemp(prefix="copies.", dir=os.getcwd())
    for i in range(count):
        path = os.path.join(copies, "p%d.so" % i)
        shutil.copyfile(patches[i % 2], path)
        answer = request(sock, "apply " + path)
        if not answer.startswith("ok generation=%d " % (i + 1)):
            fail(proc, "patch %d: %s" % (i, answer.strip()))
        proc.stdin.write("probe\n")
        proc.stdin.flush()
        line = proc.stdout.readline().strip()
        want = "probe %d %d %d" % ((2, 2, 2) if i % 2 == 0 else (1, 1, 1))
        if line != want:
            fail(proc, "after patch %d the program said '%s', expected '%s'"
                 % (i, line, want))
        if time.monotonic() - began > limit:
            fail(proc, "%d patches took longer than %gs" % (i + 1, limit))
    print("stress: applied %d patches, every probe ran the newest code" % count)
    proc.stdin.write("stop\n")
    proc.stdin.close()
    for line in proc.stdout:
        print("out: " + line.rstrip("\n"))
    print("exit=%d" % proc.wait())
    shutil.rmtree(copies)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The fault storm (lit_tests/safety/fault-storm.c).

Usage: storm.py GOOD.so BAD.so PLUG.so PROGRAM [ARGS...]

Starts PROGRAM (it prints "ready" once its threads run and writes its pid
to ./pid), then for STORM_SECONDS (default 4) repeats a round:

    apply a copy of GOOD; apply a copy of BAD (the threads fault in it);
    revert once; ask the program to dlopen a copy of PLUG and check that
    it answers.

Patches cycle through POOL copies of each file (the runtime refuses a
rewritten path, and reuses a path applied before), and the first LIBS
rounds dlopen a new copy of PLUG (a new slot object), later ones an
earlier copy: so a soak of minutes does not map thousands of objects.  An apply or revert may be refused while a fault is being settled
("nothing to revert" after the fault took the patch back): what must hold
is that the program answers every request and every line, that its
threads resumed after faults, and that no result was wrong.  The program's
stderr passes through.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "runtime", "Inputs"))
from hpctl import socket_dir  # noqa: E402
import socket  # noqa: E402


POOL = 50   # copies of each patch
LIBS = 200  # copies of the library


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
    print("storm: FAILED: " + message)
    proc.kill()
    proc.wait()
    sys.exit(1)


def ask(proc, line):
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    answer = proc.stdout.readline().strip()
    if not answer:
        fail(proc, "the program died (exit %s) after '%s'" % (proc.wait(), line))
    return answer


def main():
    good, bad, plug = (os.path.abspath(p) for p in sys.argv[1:4])
    seconds = float(os.environ.get("STORM_SECONDS", "4"))
    proc = subprocess.Popen(sys.argv[4:], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    if proc.stdout.readline().strip() != "ready":
        fail(proc, "the program did not start")
    with open("pid") as f:
        sock = os.path.join(socket_dir(), f.read().strip() + ".sock")
    copies = tempfile.mkdtemp(prefix="copies.", dir=os.getcwd())
    began = time.monotonic()
    rounds = loaded = 0
    while time.monotonic() - began < seconds:
        for name, source in (("good", good), ("bad", bad)):
            path = os.path.join(copies, "%s%d.so" % (name, rounds % POOL))
            if rounds < POOL:
                shutil.copyfile(source, path)
            try:
                answer = request(sock, "apply " + path)
            except OSError as error:
                fail(proc, "apply %s: %s" % (path, error))
            if not answer.startswith(("ok ", "error ")):
                fail(proc, "apply %s answered '%s'" % (path, answer.strip()))
        try:
            request(sock, "revert")
        except OSError as error:
            fail(proc, "revert: %s" % error)
        path = os.path.join(copies, "plug%d.so" % (rounds % LIBS))
        if rounds < LIBS:
            shutil.copyfile(plug, path)
            loaded += 1
        if ask(proc, "load " + path) != "loaded 2":
            fail(proc, "dlopen of %s failed" % path)
        rounds += 1
    resumed = ask(proc, "resumed").split()[-1]
    print("storm: %d rounds, %s faults resumed, %d libraries loaded"
          % (rounds, resumed, loaded))
    proc.stdin.write("stop\n")
    proc.stdin.close()
    for line in proc.stdout:
        print("out: " + line.rstrip("\n"))
    print("exit=%d" % proc.wait())
    shutil.rmtree(copies)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""service.py: a server's throughput while it is patched under load.

examples/httpd (an HTTP server, 4 worker threads) is built with hcc at -O2
and started once.  For every edit, examples/httpd/under-load.sh runs
ApacheBench (`ab -k -c 8` on /hello) and, once the server's request
counter shows the load running and a window of requests has been measured,
changes the text of handle_hello() and runs `hcc patch --pid`; then the
same around `hcc revert --pid`.  From the script's lines: the throughput
before, the throughput in the window holding the command (the command,
then one GET /hello, which must show the new text, and one /stats read),
and ab's totals once the load is stopped.
"""
import glob
import os
import re
import shutil
import subprocess

from measure import BenchError, median, run

HELLO_RE = re.compile(r'"hello, [^"\\]*\\n"')
RATE_RE = re.compile(r"^load: (before|during the command): (\d+) requests in ([\d.]+) ms: (\d+) req/s",
                     re.M)
AB_RE = re.compile(r"^load: ab: (Complete|Failed|Keep-Alive) requests:\s+(\d+)", re.M)
NEXT_RE = re.compile(r"^load: next response: (.*)$", re.M)


def build(ws):
    """A fresh copy of examples/httpd built with `make CC=hcc`."""
    d = ws.fresh_dir("httpd")
    for f in glob.glob(os.path.join(ws.repo, "examples", "httpd", "*")):
        if f.endswith((".c", ".h", "Makefile")):
            shutil.copy(f, d)
    os.makedirs(os.path.join(d, ".hotpatch"))
    run(["make", "-s", "CC=" + ws.hcc, "CFLAGS=-O2 -g"], cwd=d)
    return d


def under_load(ws, url, cmd, expect):
    """One run of under-load.sh around cmd; the next response must be
    `expect`.  Returns the measured numbers."""
    script = os.path.join(ws.repo, "examples", "httpd", "under-load.sh")
    proc = subprocess.run(["bash", script, url + "hello", "--"] + cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise BenchError("under-load.sh %s failed (exit %d):\n%s" % (
            " ".join(cmd), proc.returncode, proc.stdout[-3000:]))
    rates = {m.group(1): (int(m.group(4)), float(m.group(3))) for m in RATE_RE.finditer(proc.stdout)}
    ab = {m.group(1): int(m.group(2)) for m in AB_RE.finditer(proc.stdout)}
    nxt = NEXT_RE.search(proc.stdout)
    if len(rates) != 2 or len(ab) != 3 or nxt is None:
        raise BenchError("under-load.sh printed no totals:\n" + proc.stdout[-3000:])
    if nxt.group(1) != expect:
        raise BenchError("after %s the next response was %r, not %r" % (
            " ".join(cmd), nxt.group(1), expect))
    return {"before": rates["before"][0], "during": rates["during the command"][0],
            "window_ms": rates["during the command"][1], "complete": ab["Complete"],
            "failed": ab["Failed"], "not_keep_alive": ab["Complete"] - ab["Keep-Alive"],
            "non_2xx": "Non-2xx" in proc.stdout}


def measure_service(ws, edits):
    """Patches and reverts the running server `edits` times each, under
    load; returns {"patch": [runs], "revert": [runs]}."""
    d = build(ws)
    handlers = os.path.join(d, "handlers.c")
    server = subprocess.Popen(["./httpd", "-t", "4"], cwd=d, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        m = re.search(r"listening on (http://\S+) .* pid (\d+)\)", server.stdout.readline())
        if m is None:
            raise BenchError("examples/httpd did not start")
        url, pid = m.group(1), m.group(2)
        runs = {"patch": [], "revert": []}
        for i in range(1, edits + 1):
            with open(handlers) as f:
                text = f.read()
            with open(handlers, "w") as f:
                f.write(HELLO_RE.sub('"hello, edit %d\\\\n"' % i, text, count=1))
            runs["patch"].append(under_load(ws, url, [ws.hcc, "patch", "--pid", pid],
                                            "hello, edit %d" % i))
            runs["revert"].append(under_load(ws, url, [ws.hcc, "revert", "--pid", pid],
                                             "hello, world"))
    finally:
        server.stdin.write("quit\n")
        server.stdin.close()
        server.wait(timeout=30)
    return runs


def summary(case, runs):
    """One row of the table from the runs of one case."""
    return {"case": case, "runs": len(runs),
            "before": median([r["before"] for r in runs]),
            "during": median([r["during"] for r in runs]),
            "ratio": median([r["during"] / r["before"] for r in runs]),
            "window_ms": median([r["window_ms"] for r in runs]),
            "failed": sum(r["failed"] for r in runs),
            "not_keep_alive": sum(r["not_keep_alive"] for r in runs),
            "non_2xx": any(r["non_2xx"] for r in runs),
            "requests": sum(r["complete"] for r in runs), "samples": runs}

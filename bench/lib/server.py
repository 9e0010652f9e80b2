"""server.py: a server at full speed (issue 15, item 2).

Debian's redis is built at -O2 with clang-19 and with hcc (its own
Makefile, the bundled dependencies, libc malloc, no TLS) and serves
redis-benchmark (SET, GET, INCR, LPUSH; 50 clients).  The server runs
pinned to CPU 0 and the client (the clang-19 build's redis-benchmark, the
same client for both servers) to CPU 1, so the two never share a core.
Rounds are interleaved (clang, hcc, then hcc, clang, ...), each round a
fresh server; the ratio of a round is hcc's requests per second over
clang's in the same round, and the table gives the median of those ratios
and their spread (lowest to highest), which says whether a 2% difference
can be told from the noise.
"""
import os
import subprocess

import programs
from measure import BenchError, geomean, median, run

TESTS = ("SET", "GET", "INCR", "LPUSH")
PORT_BASE = 16379


def build(ws, src, compiler):
    """redis-server and redis-benchmark built with `compiler`; returns the
    directory of the binaries."""
    dest = os.path.join(ws.work, "redis", "%s-O2" % compiler)
    programs.copy_tree(src, dest)
    # OPTIMIZATION: redis's default adds -flto, which hcc refuses.
    run(["make", "-j%d" % ws.nproc, "CC=" + ws.cc(compiler), "MALLOC=libc", "BUILD_TLS=no",
         "USE_SYSTEMD=no", "OPTIMIZATION=-O2"], cwd=dest)
    return os.path.join(dest, "src")


def pinned(cpu):
    """A preexec_fn that pins the child to one CPU (when the machine has it)."""
    cpus = os.sched_getaffinity(0)
    return (lambda: os.sched_setaffinity(0, {cpu})) if cpu in cpus and len(cpus) > 1 else None


def wait_for_server(proc):
    """Returns once the server logs that it accepts connections; raises if
    it exits first.  (Its few later lines fit in the pipe.)"""
    for line in proc.stdout:
        if "Ready to accept connections" in line:
            return
    raise BenchError("redis-server exited with %s before serving" % proc.wait())


def one_round(server_dir, client, port, requests):
    """A fresh server, one redis-benchmark run; returns test -> req/s."""
    server = subprocess.Popen(
        [os.path.join(server_dir, "redis-server"), "--port", str(port), "--save", "",
         "--appendonly", "no", "--bind", "127.0.0.1", "--daemonize", "no"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=pinned(0))
    try:
        wait_for_server(server)
        out = subprocess.run(
            [client, "-p", str(port), "-c", "50", "-n", str(requests), "-t",
             ",".join(t.lower() for t in TESTS), "--csv"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=pinned(1))
        if out.returncode != 0:
            raise BenchError("redis-benchmark failed: %s" % out.stderr[-2000:])
    finally:
        server.terminate()
        server.wait()
    rates = {}
    for line in out.stdout.splitlines():
        cells = [c.strip('"') for c in line.split(",")]
        if cells and cells[0] in TESTS:
            rates[cells[0]] = float(cells[1])
    if set(rates) != set(TESTS):
        raise BenchError("redis-benchmark printed no rate for %s:\n%s"
                         % (sorted(set(TESTS) - set(rates)), out.stdout[-2000:]))
    return rates


def measure(ws, cfg):
    """Builds both servers and runs cfg's rounds; returns the report rows."""
    src = programs.fetch(ws, "redis")
    dirs = {c: build(ws, src, c) for c in programs.COMPILERS}
    client = os.path.join(dirs["clang"], "redis-benchmark")
    rounds = {c: [] for c in programs.COMPILERS}
    for r in range(cfg["rounds"]):
        order = programs.COMPILERS if r % 2 == 0 else tuple(reversed(programs.COMPILERS))
        for i, c in enumerate(order):
            rounds[c].append(one_round(dirs[c], client, PORT_BASE + 2 * r + i, cfg["requests"]))
    rows = []
    for test in TESTS + ("geomean",):
        def rate(sample):
            return geomean([sample[t] for t in TESTS]) if test == "geomean" else sample[test]
        ratios = [rate(h) / rate(c) for c, h in zip(rounds["clang"], rounds["hcc"])]
        rows.append({"test": test, "rounds": cfg["rounds"], "requests": cfg["requests"],
                     "clang": median([rate(s) for s in rounds["clang"]]),
                     "hcc": median([rate(s) for s in rounds["hcc"]]),
                     "ratio": median(ratios), "low": min(ratios), "high": max(ratios)})
    return rows

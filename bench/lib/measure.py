"""measure.py: running commands and summarising samples.

Every run goes through run(), which waits with os.wait4 so that the CPU
time (user + system) and the peak RSS of exactly that child are known, next
to its wall-clock time.  compare() runs several variants of one benchmark
interleaved (A B, B A, A B, ...) so that drifts of the machine (other load,
frequency, caches) hit every variant alike.
"""
import math
import os
import re
import subprocess
import time


class Sample:
    """One run: wall and CPU seconds, peak RSS in KiB, captured stdout."""

    def __init__(self, wall, cpu, maxrss_kb, out):
        self.wall, self.cpu, self.maxrss_kb, self.out = wall, cpu, maxrss_kb, out


class BenchError(Exception):
    """A benchmark could not run (a build or a program failed)."""


RUNSTAT = None  # path of the built runstat (bench/lib/runstat.c), set by bench.py


def run(cmd, cwd=None, env=None, check=True, quiet=True, rss=False):
    """Runs cmd (a list) and returns a Sample; raises BenchError on failure
    when check is set.  stdout is captured, stderr too when quiet.  With
    rss, the command runs under runstat so that its peak RSS is its own."""
    rss_file = None
    if rss and RUNSTAT:
        rss_file = "%s.%d.rss" % (RUNSTAT, os.getpid())
        cmd = [RUNSTAT, rss_file] + list(cmd)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT if quiet else None,
                            stdin=subprocess.DEVNULL)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if check and proc.returncode != 0:
        text = out.decode(errors="replace")
        raise BenchError("%s failed (exit %d) in %s:\n%s" %
                         (" ".join(cmd), proc.returncode, cwd or os.getcwd(), text[-3000:]))
    maxrss = usage.ru_maxrss
    if rss_file:
        with open(rss_file) as f:
            maxrss = int(f.read())
        os.remove(rss_file)
    return Sample(wall, usage.ru_utime + usage.ru_stime, maxrss, out.decode(errors="replace"))


def sh(script, cwd=None, env=None):
    """Runs a bash snippet; returns its Sample (raises on failure)."""
    return run(["bash", "-c", "set -e; " + script], cwd=cwd, env=env)


def compare(variants, reps, warmup=1):
    """Runs every variant (name -> (cmd, cwd)) reps times, interleaved,
    after `warmup` unrecorded runs each.  Returns name -> [Sample]."""
    names = list(variants)
    for name in names:
        for _ in range(warmup):
            cmd, cwd = variants[name]
            run(cmd, cwd=cwd)
    samples = {name: [] for name in names}
    for rep in range(reps):
        order = names if rep % 2 == 0 else list(reversed(names))
        for name in order:
            cmd, cwd = variants[name]
            samples[name].append(run(cmd, cwd=cwd, rss=True))
    return samples


def same_output(samples):
    """True when every sample of every variant printed the same output."""
    outs = {s.out for runs in samples.values() for s in runs}
    return len(outs) == 1


def median(values):
    values = sorted(values)
    if not values:
        return float("nan")
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def paired_ratios(runs, base, attr):
    """The ratio runs[i].attr / base[i].attr of each interleaved round: a
    drift of the machine between rounds cancels out within one."""
    return [getattr(r, attr) / getattr(b, attr) for r, b in zip(runs, base)]


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100)."""
    values = sorted(values)
    if not values:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(values)))
    return values[rank - 1]


def geomean(values):
    values = [v for v in values if v == v and v > 0]
    if not values:
        return float("nan")
    return math.exp(sum(math.log(v) for v in values) / len(values))


def callgrind_ir(cmd, cwd=None):
    """Instructions executed by cmd under callgrind (None when valgrind is
    missing or fails): deterministic, unlike times on a shared machine."""
    if not shutil_which("valgrind"):
        return None
    sample = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                 cwd=cwd, check=False)
    match = re.search(r"Collected\s*:\s*(\d+)", sample.out)
    return int(match.group(1)) if match else None


def shutil_which(name):
    import shutil
    return shutil.which(name)

"""latency.py: time from save to applied, by stage.

A target program runs (built with hcc); the benchmark edits the marked
statement of one function (programs.EDIT_LINE: an empty asm comment whose
text changes, so the function's code changes and nothing else) and waits
until the patch is applied, either by running `hcc patch --pid` once per
edit or by a resident `hcc run` that sees the save.

The total is measured from outside (the edit is written, or `hcc patch`
is started -> the status line); the stages come from hcc itself, which
prints with --verbose, before the status line,

  hcc: stages: detect D ms, compile C ms, link L ms, apply A ms

Stages of one edit:

  detect   the rest of the total: the save (or the start of `hcc patch`)
           -> first compile starts: hcc start-up, loading the resident
           toolchain (hcc patch), hello + registry over the socket, the
           build database, hashing the sources to find dirty units
           (`hcc run`: plus the inotify event)
  compile  first compile starts -> last compile ends and its patch
           sections are read
  link     -> the link of patch.so ends
  publish  -> applied (the `apply` request: the runtime's dlopen, import
           resolution, slot repointing)
"""
import os
import queue
import re
import shutil
import socket
import subprocess
import threading
import time

from measure import BenchError, median, percentile, run



def socket_path(pid):
    runtime_dir = os.environ.get("XDG_RUNTIME_DIR")
    if runtime_dir and runtime_dir.startswith("/") and os.path.isdir(runtime_dir):
        return os.path.join(runtime_dir, "hotpatch", "%d.sock" % pid)
    return "/tmp/hotpatch-%d/%d.sock" % (os.geteuid(), pid)


def hello(pid):
    """True when the process answers hello on its control socket."""
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(5)
        conn.connect(socket_path(pid))
        conn.sendall(b"hello\n")
        answer = conn.recv(4096)
        conn.close()
        return answer.startswith(b"ok")
    except OSError:
        return False


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_from_build(edit_file):
    """Puts back the closures files the build wrote for the build root of
    edit_file (the nearest directory above it with a .hotpatch), saving them
    first if this is the first series there.  Every series starts a new
    process, which runs the build's code, so its first patch should find
    what a first patch after the build finds: the patch compiles of an
    earlier series rewrote the files for the code they left running, and
    one with an optimisation switched off may have dropped what later
    compiles use (HOTPATCH_INLINED_BODIES=0 does not read the recorded
    bodies, so it wrote no links to them, docs/design.md: the switch's
    series made the next series' keep-unaffected find nothing to keep)."""
    root = os.path.dirname(os.path.abspath(edit_file))
    while not os.path.isdir(os.path.join(root, ".hotpatch")):
        if root == os.path.dirname(root):
            return
        root = os.path.dirname(root)
    live = os.path.join(root, ".hotpatch", "closures")
    saved = os.path.join(root, ".bench-build-closures")
    if not os.path.isdir(live):
        return
    if not os.path.isdir(saved):
        shutil.copytree(live, saved)
    else:
        shutil.rmtree(live)
        shutil.copytree(saved, live)


def set_edit(path, number, marker="edit"):
    """Rewrites the marker of path to `hpbench <marker> <number>`, in place
    (open, write, close: one IN_CLOSE_WRITE for hcc run)."""
    with open(path) as f:
        text = f.read()
    new, count = re.subn(r"hpbench %s \d+" % marker, "hpbench %s %d" % (marker, number), text)
    if count != 1:
        raise BenchError("%s: expected one 'hpbench %s' marker, found %d" % (path, marker, count))
    with open(path, "w") as f:
        f.write(new)


class Target:
    """A running program that reads lines and answers one line for each."""

    def __init__(self, cmd, cwd, wrapper=None, env=None):
        self.cmd = (wrapper or []) + cmd
        self.under_run = wrapper is not None
        self.proc = subprocess.Popen(self.cmd, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, bufsize=1)
        self.lines = queue.Queue()
        self.pid = None
        threading.Thread(target=self._pump, args=(self.proc.stderr,), daemon=True).start()
        first = self.proc.stdout.readline()
        if "ready" not in first:
            raise BenchError("%s did not start (printed %r)" % (" ".join(self.cmd), first))

    def _pump(self, stream):
        for line in stream:
            self.lines.put((time.monotonic_ns(), line))

    def find_pid(self, name):
        """The pid of the program (a child of `hcc run`, or the process itself)."""
        if not self.under_run:
            self.pid = self.proc.pid
        else:
            children = open("/proc/%d/task/%d/children" % (self.proc.pid, self.proc.pid)).read()
            self.pid = int(children.split()[0])
        deadline = time.monotonic() + 30
        while not hello(self.pid):
            if time.monotonic() > deadline:
                raise BenchError("%s: no answer on the hotpatch socket" % name)
            time.sleep(0.01)
        return self.pid

    def poke(self):
        """One request line; returns the answer (the program still works)."""
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline()

    def wait_line(self, pattern, timeout):
        """The first stderr line matching pattern: (time_ns, line)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError("timed out waiting for %r" % pattern)
            stamp, line = self.lines.get(timeout=left)
            if re.search(pattern, line):
                return stamp, line
            if "error" in line:
                raise BenchError("hcc: %s" % line.strip())

    def stop(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


STAGES_RE = re.compile(r"hcc: stages: detect ([\d.]+) ms, compile ([\d.]+) ms, "
                       r"link ([\d.]+) ms, apply ([\d.]+) ms")


def stages(t0, t1, text):
    """Stage times in ms of one edit from hcc's stage line in text; hcc's
    own detect figure (from its start, or the save, to the first compile,
    without the start-up of the hcc process) is kept as detect_hcc."""
    m = STAGES_RE.search(text)
    if not m:
        raise BenchError("hcc printed no stage line: %s" % text[-2000:])
    detect_hcc, compile_ms, link_ms, apply_ms = (float(x) for x in m.groups())
    total = (t1 - t0) * 1e-6
    return {"total": total, "detect": total - compile_ms - link_ms - apply_ms,
            "detect_hcc": detect_hcc, "compile": compile_ms, "link": link_ms,
            "publish": apply_ms}


def measure_case(ws, name, cmd, cwd, edit_file, edits, mode, env_extra=None, marker="edit",
                 pause=0):
    """Runs `edits` edits of the marker `hpbench <marker>` of edit_file
    against cmd (started in cwd) with `hcc patch` (mode "patch") or `hcc
    run` (mode "run"), hcc's environment extended by env_extra (an
    optimisation's switch), `pause` seconds between a patch and the next
    edit.  Returns a dict: per-stage lists of ms, rss before/after in
    KiB."""
    env = dict(os.environ, **(env_extra or {}))
    wrapper = [ws.hcc, "run", "--verbose", "--"] if mode == "run" else None
    start_from_build(edit_file)
    target = Target(cmd, cwd, wrapper=wrapper, env=env if mode == "run" else None)
    result = {k: [] for k in ("total", "detect", "detect_hcc", "compile", "link", "publish")}
    try:
        pid = target.find_pid(name)
        if mode == "run":
            target.wait_line(r"hcc: watching", 30)
        result["rss_before"] = rss_kb(pid)
        for i in range(1, edits + 1):
            time.sleep(pause)
            if mode == "run":
                t0 = time.monotonic_ns()
                set_edit(edit_file, i, marker)
                _, stage_line = target.wait_line(r"hcc: stages:", 600)
                t1, _ = target.wait_line(r"hcc: patched", 600)
                text = stage_line
            else:
                set_edit(edit_file, i, marker)
                t0 = time.monotonic_ns()
                proc = subprocess.run([ws.hcc, "patch", "--verbose", "--pid", str(pid)],
                                      cwd=cwd, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True)
                t1 = time.monotonic_ns()
                if proc.returncode != 0 or "hcc: patched" not in proc.stdout:
                    raise BenchError("%s: hcc patch failed (exit %d): %s"
                                     % (name, proc.returncode, proc.stdout[-2000:]))
                text = proc.stdout
            for key, value in stages(t0, t1, text).items():
                result[key].append(value)
            if not target.poke():
                raise BenchError("%s stopped answering after patch %d" % (name, i))
        result["rss_after"] = rss_kb(pid)
    finally:
        target.stop()
        set_edit(edit_file, 0, marker)
    return result


def summarize(result):
    """p50/p95 of the totals and the median of every stage."""
    out = {"edits": len(result["total"]), "p50": percentile(result["total"], 50),
           "p95": percentile(result["total"], 95)}
    for key in ("detect", "detect_hcc", "compile", "link", "publish"):
        out[key] = median(result[key])
    out["compile_share"] = median([c / t for c, t in zip(result["compile"], result["total"])])
    edits = max(1, out["edits"])
    out["rss_growth_kb"] = (result.get("rss_after", 0) - result.get("rss_before", 0)) / edits
    out["rss_before_kb"] = result.get("rss_before", 0)
    return out

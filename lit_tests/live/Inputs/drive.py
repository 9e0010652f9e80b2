#!/usr/bin/env python3
"""Drive a live-patching scenario deterministically.

Usage: drive.py SCRIPT

Runs a program, talks to it over stdin, waits for its output lines, edits
sources, patches, and echoes everything in order so that FileCheck can
check the whole story.  Nothing waits for time to pass: every step waits for
an event (a line of output, a command's exit); the timeout only turns a hang
into a failure.

Script commands, one per line ('#' starts a comment):
  start CMD...        start CMD (shell words) with pipes; its stdout lines
                      are echoed as "out: LINE", stderr as "err: LINE"
  hccrun CMD...       start `hcc run -- CMD...`; the same, plus hcc's lines
  hccrun OPTS -- CMD  start `hcc run OPTS -- CMD...` (e.g. --json)
  send TEXT           write TEXT and a newline to its stdin
  send-file PATH      write the bytes of the file PATH to its stdin
  expect REGEX        read stdout until a line matches (echoing each line)
  expect-err REGEX    read stderr until a line matches
  copy SRC DST        overwrite DST with SRC (an editor's save)
  rename-save SRC DST save DST by writing a temporary file and renaming it
  patch [ARGS...]     run `hcc patch --pid PID ARGS...`; echo its stderr
                      lines and "patch exit=N"
  patch-bg [ARGS...]  start the same in the background
  patch-wait          wait for it; echo as `patch` does
  hcc ARGS...         run `hcc ARGS...` (PID replaced by the pid); echo
  sh CMD...           run a shell command (with $PID the program's pid,
                      and $RUNNER hcc run's pid under hccrun); echo its
                      output and "sh exit=N"
  close               close stdin, wait for exit; echo "exit=N"
  wait                wait for exit with stdin left open (a signal
                      ends it); echo "exit=N"
  kill                kill the program; wait
  gdb SCRIPT          attach `gdb -nx -batch -x SCRIPT` to the program; its
                      output (stdout and stderr in order) is echoed as
                      "gdb: LINE"
  expect-gdb REGEX    read gdb's output until a line matches
  gdb-wait            wait for gdb to end; echo "gdb exit=N"
"""
import os
import queue
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading

TIMEOUT = float(os.environ.get("DRIVE_TIMEOUT", "60"))


def echo(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# Programs started, so that a failing script does not leave them running
# (an `hcc run` waiting on a test's fifo would never exit by itself).
STARTED = []


class Program:
    """A started command whose output lines are queued per stream: "out"
    and "err", or one stream of both under the name `merged`."""

    def __init__(self, argv, merged=None):
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merged else subprocess.PIPE,
            text=True, bufsize=1)
        STARTED.append(self.proc)
        streams = ([(merged, self.proc.stdout)] if merged else
                   [("out", self.proc.stdout), ("err", self.proc.stderr)])
        self.lines = {name: queue.Queue() for name, _ in streams}
        for name, stream in streams:
            threading.Thread(target=self._pump, args=(name, stream),
                             daemon=True).start()

    def _pump(self, name, stream):
        for line in stream:
            self.lines[name].put(line.rstrip("\n"))
        self.lines[name].put(None)

    def expect(self, name, pattern):
        regex = re.compile(pattern)
        while True:
            try:
                line = self.lines[name].get(timeout=TIMEOUT)
            except queue.Empty:
                fail("timed out after %gs waiting for %s /%s/" %
                     (TIMEOUT, name, pattern))
            if line is None:
                fail("%s closed while waiting for /%s/ (exit=%s)" %
                     (name, pattern, self.proc.wait()))
            echo("%s: %s" % (name, line))
            if regex.search(line):
                return

    def drain(self):
        """Echo what is left once the program has exited."""
        for name in self.lines:
            while True:
                line = self.lines[name].get(timeout=TIMEOUT)
                if line is None:
                    break
                echo("%s: %s" % (name, line))


def fail(message):
    echo("drive: FAILED: " + message)
    for proc in STARTED:
        if proc.poll() is None:
            proc.terminate()  # hcc run forwards it to the program
            try:
                proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                proc.kill()  # e.g. hcc run in a patch whose compile waits
    sys.exit(1)


def child_pid(prog):
    """The pid to patch: the program itself, or hcc run's child (its
    oldest: the compiles of a patch in progress are children too)."""
    if prog.hcc_run:
        out = subprocess.run(["pgrep", "-o", "-P", str(prog.proc.pid)],
                             capture_output=True, text=True).stdout.split()
        if len(out) != 1:
            fail("hcc run has no child")
        return out[0]
    return str(prog.proc.pid)


def run_tool(argv, label, env=None):
    res = subprocess.run(argv, capture_output=True, text=True, env=env)
    for line in (res.stdout + res.stderr).splitlines():
        echo(line)
    echo("%s exit=%d" % (label, res.returncode))


def main():
    hcc = os.environ.get("HCC", "hcc")
    prog = None
    background = None
    debugger = None
    with open(sys.argv[1]) as script:
        for raw in script:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            cmd, _, rest = line.partition(" ")
            if cmd in ("start", "hccrun"):
                argv = shlex.split(rest)
                if cmd == "hccrun":
                    if "--" not in argv:
                        argv = ["--"] + argv
                    argv = [hcc, "run"] + argv
                prog = Program(argv)
                prog.hcc_run = cmd == "hccrun"
            elif cmd == "send":
                prog.proc.stdin.write(rest + "\n")
                prog.proc.stdin.flush()
            elif cmd == "send-file":
                with open(rest, "rb") as data:
                    prog.proc.stdin.flush()
                    prog.proc.stdin.buffer.write(data.read())
                    prog.proc.stdin.buffer.flush()
            elif cmd == "expect":
                prog.expect("out", rest)
            elif cmd == "expect-err":
                prog.expect("err", rest)
            elif cmd == "copy":
                src, dst = shlex.split(rest)
                shutil.copyfile(src, dst)
            elif cmd == "rename-save":
                src, dst = shlex.split(rest)
                fd, tmp = tempfile.mkstemp(dir=os.path.dirname(dst) or ".")
                with os.fdopen(fd, "w") as out, open(src) as inp:
                    out.write(inp.read())
                os.rename(tmp, dst)
            elif cmd == "patch":
                run_tool([hcc, "patch", "--pid", child_pid(prog)] +
                         shlex.split(rest), "patch")
            elif cmd == "patch-bg":
                background = subprocess.Popen(
                    [hcc, "patch", "--pid", child_pid(prog)] +
                    shlex.split(rest), stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT, text=True)
            elif cmd == "patch-wait":
                out, _ = background.communicate(timeout=TIMEOUT)
                for text in out.splitlines():
                    echo(text)
                echo("patch exit=%d" % background.returncode)
            elif cmd == "hcc":
                args = [child_pid(prog) if a == "PID" else a
                        for a in shlex.split(rest)]
                run_tool([hcc] + args, "hcc")
            elif cmd == "sh":
                env = dict(os.environ)
                if prog and prog.proc.poll() is None:
                    env["PID"] = child_pid(prog)
                    if prog.hcc_run:
                        env["RUNNER"] = str(prog.proc.pid)
                run_tool(["bash", "-c", rest], "sh", env)
            elif cmd == "close":
                prog.proc.stdin.close()
                code = prog.proc.wait(timeout=TIMEOUT)
                prog.drain()
                echo("exit=%d" % code)
            elif cmd == "wait":
                code = prog.proc.wait(timeout=TIMEOUT)
                prog.drain()
                echo("exit=%d" % code)
            elif cmd == "gdb":
                debugger = Program(["gdb", "-nx", "-batch", "-p",
                                    child_pid(prog), "-x", rest],
                                   merged="gdb")
            elif cmd == "expect-gdb":
                debugger.expect("gdb", rest)
            elif cmd == "gdb-wait":
                code = debugger.proc.wait(timeout=TIMEOUT)
                debugger.drain()
                echo("gdb exit=%d" % code)
            elif cmd == "kill":
                prog.proc.kill()
                prog.proc.wait(timeout=TIMEOUT)
            else:
                fail("unknown script command: " + line)
    for started in (debugger, prog):
        if started and started.proc.poll() is None:
            started.proc.kill()


if __name__ == "__main__":
    main()

"""memory.py: memory of a long session: many patches of one function.

`hcc run` watches bench/latency/small.c (built -O2) while the benchmark
saves N edits of one function (the marker of latency.set_edit), one after
the other, each waited for until its status line.  Reported:

  target RSS        the program's VmRSS before the first patch and after
                    the last, the growth per patch and over all of them
  patch objects     how many patch.so files the program still maps at the
                    end (/proc/PID/maps), against the patches applied
  hcc run RSS       VmRSS of the `hcc run` process before the first patch
                    (the resident toolchain loaded) and at the end (its
                    preambles and state added)

Each run three times: with the pages of superseded patches kept
(HOTPATCH_RELEASE_PAGES=0), with their clean pages given back but the
page each wrote at load kept (HOTPATCH_RELEASE_WRITTEN_PAGES=0), and with
all given back (the written page moved to a file, runtime/release.c).

Run alone: python3 bench/lib/memory.py --build BUILD_DIR [--patches N]
"""
import argparse
import os
import re
import shutil
import sys
import time

from measure import BenchError, run
from latency import Target, rss_kb, set_edit

# The steps of the release of superseded patches' pages (runtime/release.c);
# the last is the default, which bench.py checks against the target.
CASES = (("pages of superseded patches kept (HOTPATCH_RELEASE_PAGES=0)",
          {"HOTPATCH_RELEASE_PAGES": "0"}),
         ("released, written pages kept (HOTPATCH_RELEASE_WRITTEN_PAGES=0)",
          {"HOTPATCH_RELEASE_WRITTEN_PAGES": "0"}),
         ("released", None))

PATCH_SO_RE = re.compile(r"\s(/\S*/patches/\S+/patch\.so)$")


def mapped_patches(pid):
    """Distinct patch.so files the process maps."""
    files = set()
    with open("/proc/%d/maps" % pid) as f:
        for line in f:
            m = PATCH_SO_RE.search(line.rstrip("\n"))
            if m:
                files.add(m.group(1))
    return len(files)


def measure_memory(hcc, small_c, work, patches, env_extra=None):
    """Builds small.c -O2 with hcc in a fresh `work` directory, runs it
    under `hcc run` (environment extended by env_extra: a switch) and
    applies `patches` edits of one function.  Returns the row (sizes in
    KiB)."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, ".hotpatch"))
    src = os.path.join(work, "small.c")
    shutil.copyfile(small_c, src)
    run([hcc, "-O2", "-o", "small", "small.c", "-lm"], cwd=work)
    target = Target(["./small"], work, wrapper=[hcc, "run", "--"],
                    env=dict(os.environ, **(env_extra or {})))
    try:
        pid = target.find_pid("small.c")
        target.wait_line(r"hcc: watching", 30)
        before = rss_kb(pid)
        runner_before = rss_kb(target.proc.pid)
        t0 = time.monotonic()
        for i in range(1, patches + 1):
            set_edit(src, i)
            target.wait_line(r"hcc: patched", 600)
        seconds = time.monotonic() - t0
        if not target.poke():
            raise BenchError("small.c stopped answering after %d patches" % patches)
        after = rss_kb(pid)
        row = {"patches": patches, "target_rss_before_kb": before, "target_rss_after_kb": after,
               "target_growth_kb": after - before,
               "target_growth_per_patch_kb": (after - before) / max(1, patches),
               "mapped_patches": mapped_patches(pid),
               "hcc_run_rss_before_kb": runner_before,
               "hcc_run_rss_kb": rss_kb(target.proc.pid), "seconds": seconds}
    finally:
        target.stop()
    return row


def report_lines(rows):
    """The Markdown table of (name, row) pairs (bench.py's report and the
    command line)."""
    mib = 1024.0
    return ["| case | patches | target RSS before MiB | after MiB | growth MiB | "
            "per patch KiB | patch.so mapped at the end | hcc run RSS before / after MiB |",
            "|---|---|---|---|---|---|---|---|"] + [
            "| %s | %d | %.1f | %.1f | %.2f | %.1f | %d | %.1f / %.1f |" % (
                name, row["patches"], row["target_rss_before_kb"] / mib,
                row["target_rss_after_kb"] / mib, row["target_growth_kb"] / mib,
                row["target_growth_per_patch_kb"], row["mapped_patches"],
                row["hcc_run_rss_before_kb"] / mib, row["hcc_run_rss_kb"] / mib)
            for name, row in rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True, help="hotpatch's build directory")
    parser.add_argument("--patches", type=int, default=1000)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    rows = [(name, measure_memory(os.path.join(build, "bin", "hcc"),
                                  os.path.join(repo, "bench", "latency", "small.c"),
                                  os.path.join(build, "bench", "memory"), args.patches, env))
            for name, env in CASES]
    print("\n".join(report_lines(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The scenarios each suite runs with `lit --param compiler=gcc`."""
import os


def run_with_gcc_only(local_config, directory, scenarios):
    """For a directory's lit.local.cfg: with compiler=gcc, run only the
    listed scenarios (each checked with gcc), so that a new scenario does
    not run with gcc before someone has checked it there."""
    if "compiler-gcc" in local_config.available_features:
        local_config.excludes = set(local_config.excludes) | {
            name for name in os.listdir(directory) if name not in scenarios}

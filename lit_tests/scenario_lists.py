"""The scenarios each suite runs with `lit --param compiler=gcc` or
`--param language=c++`."""
import os


def _run_only(local_config, feature, directory, scenarios):
    if feature in local_config.available_features:
        local_config.excludes = set(local_config.excludes) | {
            name for name in os.listdir(directory) if name not in scenarios}


def run_with_gcc_only(local_config, directory, scenarios):
    """For a directory's lit.local.cfg: with compiler=gcc, run only the
    listed scenarios (each checked with gcc), so that a new scenario does
    not run with gcc before someone has checked it there."""
    _run_only(local_config, "compiler-gcc", directory, scenarios)


def run_as_cxx_only(local_config, directory, scenarios):
    """The same with language=c++: the listed scenarios, each checked
    built as C++ by hcc++."""
    _run_only(local_config, "language-c++", directory, scenarios)

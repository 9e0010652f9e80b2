"""hotpatch support for gdb: debug the code that runs.

Load it with `source PREFIX/share/hotpatch/gdb/hotpatch.py` (docs/hcc.md).

A program built with hcc calls every function F through a stub or its
slot: the global symbol F is a jump through the slot F.hp.slot to the body
the process runs now, F.hp.impl in the program or in the newest patch that
changed F, and direct calls the compiler saw load the slot themselves.  The
stub has no debug information; the bodies carry F's name, arguments and
lines.  Without help gdb therefore puts a breakpoint location on the stub
(each call stops twice, the first time without arguments) and steps over a
call that goes through a stub (no line information there).  This file:

  - disables the stub's location of every breakpoint, whenever gdb sets or
    re-sets its locations (a patch is a shared object: when the runtime
    loads it, gdb adds the new body's location to `break F` by itself);
  - makes `step` into a call through a stub stop in the body the slot
    names, after its prologue, as a step into a plain call would;
  - reports every apply and revert as it happens, from a breakpoint on the
    runtime's hook (include/hotpatch_debug.h, like gdb's JIT interface);
  - adds `hotpatch status` and `hotpatch history`, read from the runtime's
    log of applies and reverts.

It recognises stubs by their first instructions, which load or jump
through F.hp.slot (x86-64).
"""
import re
import time

import gdb

SLOT_SUFFIX = ".hp.slot"
HOOK = "__hotpatch_debug_notify"
DESCRIPTOR = "__hotpatch_debug_descriptor"
KINDS = {1: "apply", 2: "revert"}
# An instruction's symbolic operand: "# 0x5010 <value.hp.slot>".
SYMBOLIC = re.compile(r"# (0x[0-9a-f]+) <([^>]*)>")
# A direct call or tail jump: "call   0x1360 <value>".
DIRECT_CALL = re.compile(r"^(?:call|jmp)\w*\s+(0x[0-9a-f]+) <([^>+]+)>")


# ------------------------------------------------------------------ stubs

def symbol_at(address):
    """(minimal symbol name, offset) of address, or (None, 0)."""
    text = gdb.execute("info symbol 0x%x" % address, to_string=True)
    if text.startswith("No symbol"):
        return None, 0
    name, _, offset = text.partition(" in section ")[0].partition(" + ")
    return name, int(offset or 0)


def stub_slot(address):
    """The address of F.hp.slot when address is the entry of F's stub."""
    name, offset = symbol_at(address)
    if name is None or offset or ".hp." in name:
        return None
    try:
        code = gdb.selected_inferior().architecture().disassemble(address,
                                                                  count=4)
    except gdb.error:
        return None
    for insn in code:
        match = SYMBOLIC.search(insn["asm"])
        if match and match.group(2) == name + SLOT_SUFFIX:
            return int(match.group(1), 16)
    return None


def read_pointer(address):
    return int.from_bytes(
        bytes(gdb.selected_inferior().read_memory(address, 8)), "little")


def hide_stub_locations(breakpoint):
    """Disable the locations of a user's breakpoint that are stubs."""
    if (not breakpoint.is_valid() or not breakpoint.visible
            or breakpoint.type != gdb.BP_BREAKPOINT):
        return
    for number, location in enumerate(breakpoint.locations, 1):
        if location.enabled and stub_slot(location.address) is not None:
            # The CLI, not `location.enabled = False`: with that, gdb 13.1
            # hangs when the runtime next loads a patch.  Re-enters here
            # (breakpoint_modified); by then no stub location is enabled.
            gdb.execute("disable %d.%d" % (breakpoint.number, number))


# -------------------------------------------------------------- stepping

class StepTarget(gdb.Breakpoint):
    """Where a call through a stub on the line being stepped arrives."""

    def __init__(self, spec):
        super().__init__(spec, internal=True, temporary=True)
        self.silent = True  # after_step prints the frame as `step` does


STEP_TARGETS = []
LAST_STOP = []  # the breakpoints of the last stop


def function_at(address):
    block = gdb.block_for_pc(address)
    while block is not None and block.function is None:
        block = block.superblock
    return block.function if block is not None else None


def delete_step_targets():
    while STEP_TARGETS:
        target = STEP_TARGETS.pop()
        if target.is_valid():
            target.delete()


def before_step():
    """Stop where each call through a stub on this line arrives: the body
    its slot names now, after the prologue (its file and name)."""
    delete_step_targets()  # left by a step that failed (no hookpost-step)
    try:
        frame = gdb.selected_frame()
    except gdb.error:
        return
    line = gdb.find_pc_line(frame.pc())
    if line.symtab is None or line.last is None:
        return
    seen = set()
    for insn in frame.architecture().disassemble(frame.pc(), line.last):
        match = DIRECT_CALL.search(insn["asm"])
        slot = match and stub_slot(int(match.group(1), 16))
        if not slot:
            continue
        function = function_at(read_pointer(slot))
        if function is None or function.symtab is None:
            continue
        spec = "-source %s -function %s" % (function.symtab.filename,
                                            function.name)
        if spec not in seen:
            seen.add(spec)
            STEP_TARGETS.append(StepTarget(spec))


def after_step():
    arrived = any(b in STEP_TARGETS for b in LAST_STOP)
    printed = any(b not in STEP_TARGETS and not b.silent for b in LAST_STOP)
    delete_step_targets()
    if arrived and not printed:
        frame = gdb.execute("frame", to_string=True)
        gdb.write(re.sub(r"^#0\s+", "", frame))


def remember_stop(event):
    LAST_STOP[:] = getattr(event, "breakpoints", [])


def forget_source_text():
    """gdb caches the text of source files: a patched function's lines
    would show as the old ones.  A change of the substitution rules makes
    it forget them (this rule matches nothing)."""
    gdb.execute("set substitute-path /hotpatch-forget /hotpatch-forget")
    gdb.execute("unset substitute-path /hotpatch-forget")


# ----------------------------------------------------- the runtime's log

def runtime_log():
    """The runtime's events, oldest first, as dicts; None without it."""
    try:
        base = int(gdb.parse_and_eval("(unsigned long)&'%s'" % DESCRIPTOR))
    except gdb.error:
        return None
    count, events = read_pointer(base + 8), read_pointer(base + 16)
    log = []
    for i in range(count):
        at = events + 48 * i
        functions = read_pointer(at + 40)
        log.append({
            "kind": KINDS.get(read_pointer(at), "?"),
            "generation": read_pointer(at + 8),
            "time": read_pointer(at + 16),
            "path": read_string(read_pointer(at + 24)),
            "functions": [read_string(read_pointer(functions + 8 * j))
                          for j in range(read_pointer(at + 32))],
        })
    return log


def read_string(address):
    return gdb.Value(address).cast(
        gdb.lookup_type("char").pointer()).string()


def describe(event):
    return "%s generation %d: %s (%s)" % (
        event["kind"], event["generation"], event["path"],
        ", ".join(event["functions"]) or "no function changed")


class PatchHook(gdb.Breakpoint):
    """The runtime calls the hook after every apply and revert."""

    def __init__(self):
        super().__init__(HOOK, internal=True)
        self.silent = True

    def stop(self):
        log = runtime_log()
        if log:
            gdb.write("hotpatch: %s\n" % describe(log[-1]))
        forget_source_text()
        return False


HOOKS = []


def break_on_hook(event=None):
    """Once a loaded object has the hook: a pending breakpoint would say
    "not defined" for every program that does not have it yet."""
    if HOOKS:
        return
    try:
        gdb.parse_and_eval("&'%s'" % HOOK)
    except gdb.error:
        return
    HOOKS.append(PatchHook())


def applied_patches(log):
    """The events of the generations applied now, oldest first."""
    stack = []
    for event in log:
        if event["kind"] == "apply":
            stack.append(event)
        elif stack:
            stack.pop()
    return stack


# -------------------------------------------------------------- commands

class HotpatchCommand(gdb.Command):
    """hotpatch status | hotpatch history: the patches of this process."""

    def __init__(self):
        super().__init__("hotpatch", gdb.COMMAND_STATUS, prefix=True)


def require_log():
    log = runtime_log()
    if log is None:
        raise gdb.GdbError("hotpatch: this process has no hotpatch runtime "
                           "(no %s symbol); was it linked by hcc?"
                           % DESCRIPTOR)
    return log


class StatusCommand(gdb.Command):
    """The generation the process runs and the patches that make it."""

    def __init__(self):
        super().__init__("hotpatch status", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        stack = applied_patches(require_log())
        gdb.write("hotpatch: generation %d\n" % len(stack))
        for event in stack:
            gdb.write("  generation %d: %s (%s)\n" % (
                event["generation"], event["path"],
                ", ".join(event["functions"]) or "no function changed"))


class HistoryCommand(gdb.Command):
    """Every apply and revert the runtime saw, oldest first."""

    def __init__(self):
        super().__init__("hotpatch history", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        log = require_log()
        if not log:
            gdb.write("hotpatch: no patch applied yet\n")
        for number, event in enumerate(log, 1):
            when = time.strftime("%Y-%m-%d %H:%M:%S",
                                 time.localtime(event["time"]))
            gdb.write("%d  %s  %s\n" % (number, when, describe(event)))


# ---------------------------------------------------------------- set up

def install():
    gdb.events.breakpoint_created.connect(hide_stub_locations)
    gdb.events.breakpoint_modified.connect(hide_stub_locations)
    gdb.events.stop.connect(remember_stop)
    for breakpoint in gdb.breakpoints():
        hide_stub_locations(breakpoint)
    # `step` has no Python hook; these user-defined hooks replace any
    # hook-step the user had (docs/hcc.md says so).
    gdb.execute("define hook-step\npython gdb.hotpatch_gdb.before_step()\nend")
    gdb.execute("define hookpost-step\npython gdb.hotpatch_gdb.after_step()\nend")
    gdb.events.new_objfile.connect(break_on_hook)
    break_on_hook()
    HotpatchCommand()
    StatusCommand()
    HistoryCommand()


if not hasattr(gdb, "hotpatch_gdb"):  # sourced once per gdb session
    import sys
    gdb.hotpatch_gdb = sys.modules[__name__]
    install()

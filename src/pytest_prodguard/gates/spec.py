"""What a gate is: a name and a command, parsed from ``prodguard_gates`` once at start-up.

Entries are ``name: command``, one per line. On one line (env and CLI values) entries are
separated by a ``;`` that is outside quotes and followed by the next ``name:``, so a ``;`` inside
a command's argument (``python -c "a; b: int"``, a regex) stays part of the command.

Commands run without a shell: they are split like a POSIX shell would split them (``shlex``),
and shell syntax (``&&``, ``|``, ``>``...) is an error with a hint instead of being passed to the
tool as a literal argument.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from .tools import Tool, detect_tool, problem

NAME_RE = re.compile(r"[A-Za-z_][\w.-]*")
_NEXT_ENTRY_RE = re.compile(r"\s*[A-Za-z_][\w.-]*\s*:")
_SHELL_TOKENS = {"&&", "||", "|", ";", ">", ">>", "<", "2>", "2>&1", "&"}


@dataclass(frozen=True)
class GateSpec:
    """One declared gate: ``name`` as in ``prodguard-gate::name``, the command and its argv."""

    name: str
    command: str
    argv: tuple[str, ...]

    @property
    def tool(self) -> Tool:
        return detect_tool(self.argv)


def _split_line(line: str) -> list[str]:
    """Split at each ``;`` that is outside quotes and followed by the next ``name:``."""
    parts, start, quote = [], 0, ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ";" and _NEXT_ENTRY_RE.match(line, index + 1):
            parts.append(line[start:index])
            start = index + 1
    parts.append(line[start:])
    return [part.strip() for part in parts if part.strip()]


def _entries(text: str) -> list[str]:
    entries: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            entries.extend(_split_line(stripped))
    return entries


def parse_entry(entry: str) -> GateSpec:
    name, sep, command = entry.partition(":")
    name, command = name.strip(), command.strip()
    if not sep or not NAME_RE.fullmatch(name):
        raise ValueError(f"expected 'name: command', got {entry!r}")
    if not command:
        raise ValueError(f"gate {name!r} has no command")
    try:
        argv = tuple(shlex.split(command))
    except ValueError as exc:
        raise ValueError(f"gate {name!r}: cannot split {command!r} ({exc})") from None
    shell = [token for token in argv if token in _SHELL_TOKENS]
    if shell:
        raise ValueError(
            f"gate {name!r}: commands run without a shell, so {shell[0]!r} would reach the tool as an argument; "
            "declare one gate per command, or wrap it: sh -c '...'"
        )
    trap = problem(detect_tool(argv), argv)
    if trap:
        raise ValueError(f"gate {name!r}: {trap}")
    return GateSpec(name, command, argv)


def parse_gates(text: str) -> tuple[GateSpec, ...]:
    """``lint: ruff check .`` per line (or ``;``-separated) -> gate specs, names unique."""
    gates: dict[str, GateSpec] = {}
    for entry in _entries(text):
        gate = parse_entry(entry)
        if gate.name in gates:
            raise ValueError(f"gate {gate.name!r} is declared twice")
        gates[gate.name] = gate
    return tuple(gates.values())

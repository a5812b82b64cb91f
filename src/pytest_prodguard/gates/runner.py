"""Run one gate command: no shell, in the rootdir, colour off, killed as a group on timeout."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..units import format_duration

_COLOUR_VARIABLES = ("FORCE_COLOR", "CLICOLOR_FORCE", "PY_COLORS", "MYPY_FORCE_COLOR", "PRE_COMMIT_COLOR")


class GateError(Exception):
    """The gate could not give a verdict; ``rule`` says why (``cannot-start``, ``timeout``)."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Completed:
    returncode: int
    stdout: str
    stderr: str
    duration: float

    def tail(self, lines: int = 30) -> str:
        """The output's last lines, sanitised and bounded (a tool may print megabytes on one line)."""
        from .._text import MAX_TEXT, strip_controls

        full = "\n".join(part.rstrip() for part in (self.stdout, self.stderr) if part.strip())
        # Only the end is looked at, so a 50 MB output costs no more than a short one.
        window = full[-4 * MAX_TEXT :]
        kept = strip_controls("\n".join(window.splitlines()[-lines:]))
        text = kept[-MAX_TEXT:]
        if len(window) < len(full) or len(text) < len(kept):
            cut = len(full.encode("utf-8", "replace")) - len(text.encode("utf-8", "replace"))
            text = f"... {cut} bytes cut ...\n{text}"
        return text


def gate_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in _COLOUR_VARIABLES}
    env["NO_COLOR"] = "1"
    # Tools installed next to pytest (a virtualenv that was not activated) are found last.
    here = str(Path(sys.executable).parent)
    path = env.get("PATH", "")
    if here not in path.split(os.pathsep):
        env["PATH"] = f"{path}{os.pathsep}{here}" if path else here
    return env


def resolve_executable(program: str, cwd: Path, env: Mapping[str, str]) -> str | None:
    """Where ``program`` is: a path (relative to the rootdir) or a name looked up on PATH."""
    if os.sep in program or (os.altsep and os.altsep in program):
        candidate = cwd / program
        return str(candidate) if candidate.is_file() and os.access(candidate, os.X_OK) else None
    return shutil.which(program, path=env.get("PATH"))


def run(argv: tuple[str, ...], cwd: Path, timeout: float, env: Mapping[str, str]) -> Completed:
    start = time.perf_counter()
    try:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            # A group of its own, so a timeout also ends what it started (npx -> node -> tsc).
            start_new_session=True,
        )
    except OSError as exc:
        raise GateError("cannot-start", f"cannot start {argv[0]!r}: {exc.strerror or exc}") from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException as exc:
        # Its own session does not see the terminal's Ctrl-C, so it is ended here in every case.
        _kill_group(process)
        if not isinstance(exc, subprocess.TimeoutExpired):
            raise
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=5)
        raise GateError(
            "timeout", f"timed out after {format_duration(timeout)} (prodguard_gates_timeout) and was stopped"
        ) from None
    return Completed(process.returncode, stdout, stderr, time.perf_counter() - start)


def _kill_group(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups of this kind; end the command itself.
            process.kill()

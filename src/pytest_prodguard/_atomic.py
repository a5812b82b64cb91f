"""The one writer of every file prodguard writes (baseline, JSON report).

* Atomic: the text goes to a temporary file beside the target that is renamed over it, so a
  reader (or a run killed half-way) sees the old file or the new one, never half of either.
* The replaced file keeps its permission bits; a new file gets the usual ``0o666 & ~umask``
  (a temporary file alone would be ``0600``).
* A read-only target is not replaced behind the user's back: that is an error.
* Temporary files left by a run that was killed are removed by the next write.
* Every failure is a :class:`WriteError` with one line naming the file and the reason; the old
  file is kept. Callers at session end turn it into a terminal warning (:func:`write_or_warn`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

#: A temporary file older than this was left by a run that died; a live write takes milliseconds.
STALE_AFTER = 60.0


class WriteError(OSError):
    """A file could not be written; the message is one line and says the old file is kept."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_stale(path: Path) -> None:
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in path.parent.glob(f".{path.name}-*.tmp"):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > STALE_AFTER:
                    leftover.unlink()


def write_text(path: Path, text: str, *, what: str = "file") -> None:
    """Write ``text`` to ``path`` atomically; raises :class:`WriteError` (old file kept) on failure."""
    import tempfile  # only runs that write a file pay for importing it

    def fail(reason: str) -> WriteError:
        return WriteError(f"prodguard: cannot write the {what} {path}: {reason}; nothing was changed")

    try:
        current = path.stat()
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise fail(exc.strerror or str(exc)) from None
    else:
        if stat.S_ISDIR(current.st_mode):
            raise fail("it is a directory")
        # The mode bits too: a superuser may write anything, but a read-only baseline was made so on purpose.
        if not os.access(path, os.W_OK) or not current.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise fail("it is read-only (make it writable to let prodguard replace it)")
        mode = stat.S_IMODE(current.st_mode)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise fail(exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_or_warn(session: pytest.Session, path: Path, text: str, *, what: str) -> bool:
    """Write at session end; a failure is a red terminal line and a failed run, never a traceback.

    A traceback here would also stop the hooks after ours, losing JUnit XML and the summary.
    """
    try:
        write_text(path, text, what=what)
    except WriteError as exc:
        say(session.config, str(exc), red=True)
        if session.exitstatus == 0:
            session.exitstatus = 1  # the run asked for the file and did not get it
        return False
    return True


def say(config: pytest.Config, text: str, *, red: bool = False) -> None:
    """One line on the terminal (or stderr when pytest's terminal reporter is off)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(text, red=red)
    else:
        import sys

        print(text, file=sys.stderr)

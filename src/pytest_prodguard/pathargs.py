"""Refuses ``--prodguard-json report.json`` (the space form) for options whose value is a path.

pytest picks the rootdir and the ini file from the command line's paths *before* plugins add
their options, so it reads the value after a space as a test path: once ``report.json`` exists
(the second run), the rootdir and ini file can change and the run silently uses another
configuration. pytest offers plugins no hook early enough to change that, so prodguard stops the
run with the fix instead: ``--prodguard-json=report.json``.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from .config import Option


def _path_valued(option: Option[Any]) -> bool:
    return "path" in option.accepts


def space_form_misuse(args: Sequence[str], options: Iterable[Option[Any]], base: Path) -> str | None:
    """The first ``--prodguard-X VALUE`` that pytest may take for a test path, as the fix to write."""
    takes_value = {option.cli_flag: option for option in options if not option.flag}
    for flag, value in pairwise(args):
        option = takes_value.get(flag)
        if option is None or value.startswith("-") or not value.strip():
            continue
        # A path-valued option always (the file may exist only from the next run on); any other
        # option only when its value happens to name an existing path.
        if _path_valued(option) or (base / value).exists():
            return f"{flag}={value}"
    return None


def check_command_line(config: pytest.Config, options: Iterable[Option[Any]]) -> None:
    """Fail the run with a one-line fix when the command line (or PYTEST_ADDOPTS) uses the space form."""
    args = [*shlex.split(os.environ.get("PYTEST_ADDOPTS", "")), *config.invocation_params.args]
    fix = space_form_misuse(args, options, config.invocation_params.dir)
    if fix is not None:
        flag = fix.split("=", 1)[0]
        raise pytest.UsageError(
            f"prodguard: write {fix} (with '='): pytest reads a path after a space as a test path when it "
            f"chooses the rootdir and ini file, before {flag} is known"
        )

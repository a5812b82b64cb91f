"""Shared by the hostile-input matrix: run a small project and check what every case must hold."""

from __future__ import annotations

from pathlib import Path

import pytest

# Inner runs skip plugins this matrix does not test (they only cost time).
SKIP = ("-p", "no:hypothesispytest", "-p", "no:randomly", "-p", "no:playwright", "-p", "no:benchmark")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    result = pytester.runpytest(*SKIP, *args)
    output = result.stdout.str() + result.stderr.str()
    assert "INTERNALERROR" not in output
    assert "Traceback (most recent call last)" not in output
    return result


def written(root: Path) -> list[str]:
    """Files prodguard may have written: the baseline, JSON reports, temporary files."""
    names = []
    for path in root.rglob("*"):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and (relative.startswith(".prodguard") or path.suffix in {".json", ".tmp"}):
            names.append(relative)
    return sorted(names)

"""Files named by globs relative to a root directory (shared by the pytest parts and the command line)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def matching_files(root: Path, patterns: Iterable[str]) -> list[Path]:
    """Files under ``root`` matching any glob (``**`` recurses), sorted, each once."""
    found: set[Path] = set()
    for pattern in patterns:
        candidate = Path(pattern)
        if candidate.is_absolute():
            found.update(p for p in Path(candidate.anchor).glob(str(candidate.relative_to(candidate.anchor))))
        else:
            found.update(root.glob(pattern))
    return sorted(p.resolve() for p in found if p.is_file())

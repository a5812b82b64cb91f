"""Static bundle budgets: raw, gzip and brotli sizes of built files, without a browser.

``prodguard_bundle_budgets`` maps globs to limits, one entry per line::

    dist/*.js: gzip <= 50KB, brotli <= 45KB
    dist/*.css: raw <= 100KB

The compressed sizes use size-limit's settings: gzip at level 9 and brotli at quality 11 with a
4 MiB window. Brotli sizes equal size-limit's to the byte (the same library). Gzip sizes come from
the system's zlib; Node.js ships Chromium's fork of zlib, whose match finder can differ, so on
some files the two differ by a few bytes (measured: 0 to 2 bytes; see ``docs/web.md``).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from ..units import Threshold, UnitError, format_size, parse_thresholds, split_entries

MEASURES = ("raw", "gzip", "brotli")
BUNDLE_HELP = "'glob: gzip <= 50KB, brotli <= 45KB, raw <= 200KB' per line (or ';'-separated)"
NEEDS_BROTLI = "brotli sizes need the brotli package: pip install 'pytest-prodguard[web]'"


class BundleError(ValueError):
    """A bundle budget that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class BundleBudget:
    pattern: str
    limits: tuple[Threshold, ...]


def parse_bundle_budgets(text: str) -> tuple[BundleBudget, ...]:
    budgets = []
    for entry in split_entries(text):
        pattern, sep, expression = entry.rpartition(":")
        if not sep or not pattern.strip():
            raise BundleError(f"expected {BUNDLE_HELP}, got {entry!r}")
        try:
            limits = parse_thresholds(expression)
        except UnitError as exc:
            raise BundleError(f"in {pattern.strip()!r}: {exc}") from None
        for limit in limits:
            if limit.stat not in MEASURES:
                raise BundleError(f"in {pattern.strip()!r}: {limit.stat!r} is not one of {', '.join(MEASURES)}")
            if limit.op not in ("<", "<="):
                raise BundleError(f"in {pattern.strip()!r}: {limit} must be an upper limit (<= or <)")
            if limit.limit.kind != "size":
                raise BundleError(f"in {pattern.strip()!r}: {limit.stat} needs a size such as 50KB, got {limit.limit}")
        budgets.append(BundleBudget(pattern.strip(), limits))
    return tuple(budgets)


@cache
def _brotli() -> Any:
    try:
        return import_module("brotli")  # untyped, optional: only brotli limits need it
    except ImportError:
        raise BundleError(NEEDS_BROTLI) from None


def size_of(data: bytes, measure: str) -> int:
    if measure == "raw":
        return len(data)
    if measure == "gzip":
        return len(gzip.compress(data, compresslevel=9, mtime=0))
    return len(_brotli().compress(data, quality=11, lgwin=22))


def sizes(path: Path, measures: tuple[str, ...] = MEASURES) -> dict[str, int]:
    data = path.read_bytes()
    return {measure: size_of(data, measure) for measure in measures}


def grown(current: int, baseline: int, tolerance: float) -> str | None:
    """Why ``current`` breaks the regression gate against ``baseline``, else None."""
    if baseline <= 0 or current <= baseline * (1 + tolerance):
        return None
    change = current / baseline - 1
    return f"{format_size(current)} vs baseline {format_size(baseline)} ({change:+.1%}, tolerance +{tolerance:.0%})"

"""prodguard's lines in pytest's report header: its version, the parts registered and the settings chosen."""

from __future__ import annotations

import pytest

from . import __version__
from .keys import PARTS_KEY, settings

HEADER_WIDTH = 100
SHOWN_VALUE = 60


def _one_line(raw: str | None) -> str:
    """Multi-line settings (gates, presets) shown on the header's one line."""
    return "; ".join(line.strip() for line in (raw or "").splitlines() if line.strip())


def _shown(raw: str | None) -> str:
    text = _one_line(raw)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 3] + "..."


def header_lines(config: pytest.Config) -> list[str]:
    parts = config.stash.get(PARTS_KEY, [])
    chosen = [
        f"{knob}={_shown(raw)} ({source})" for knob, raw, source in settings(config).sources() if source != "default"
    ]
    line = f"prodguard {__version__}: parts {', '.join(parts) or 'none'}"
    if not chosen:
        return [line + "; settings all default"]
    # One setting after another on lines of about HEADER_WIDTH characters, not one line of hundreds.
    lines = [line + "; settings:"]
    current = ""
    for text in chosen:
        if current and len(current) + len(text) + 2 > HEADER_WIDTH:
            lines.append(f"prodguard   {current},")
            current = ""
        current = f"{current}, {text}" if current else text
    lines.append(f"prodguard   {current}")
    return lines

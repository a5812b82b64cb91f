"""Text from tools and pages, made safe for the terminal, JUnit XML and JSON.

A gate's output, a rule id or a page's markup is not ours: it may hold ANSI colour codes, OSC
sequences (which set terminal titles or hyperlinks), control characters that make XML invalid,
or megabytes on one line. Everything that reaches a report passes through :func:`clean`.
"""

from __future__ import annotations

import re
from functools import cache

#: Longest text kept in one field of a finding, a report section or a JUnit property.
MAX_TEXT = 8_000
#: Longest rule id or other one-word name (JUnit property names are built from them).
MAX_NAME = 200


@cache
def _escape_re() -> re.Pattern[str]:
    # CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-character escapes, and the
    # 8-bit CSI/OSC introducers; then every C0/C1 control but tab and newline, plus characters
    # XML 1.0 cannot hold (lone surrogates, U+FFFE, U+FFFF).
    return re.compile(
        r"\x1b\[[0-?]*[ -/]*[@-~]"
        r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
        r"|\x9b[0-?]*[ -/]*[@-~]"
        r"|\x9d[^\x07\x1b]*(?:\x07|\x1b\\)?"
        r"|\x1b[@-_]?"
        r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
    )


def strip_controls(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline stay)."""
    return _escape_re().sub("", text.replace("\r\n", "\n"))


def _size(text: str) -> int:
    return len(text.encode("utf-8", "replace"))


def clean(text: object, limit: int = MAX_TEXT, *, keep: str = "head") -> str:
    """Sanitised text of at most ``limit`` characters; what was cut is said, never silently dropped.

    ``keep="tail"`` keeps the end (a tool's last lines say most); the default keeps the start.
    """
    value = text if isinstance(text, str) else str(text)
    if len(value) <= limit and value.isprintable():
        return value  # the common case, at C speed: nothing to remove, nothing to cut
    # The regex only ever sees a window a few times the limit, so a 50 MB line costs no more.
    window = value[-4 * limit :] if keep == "tail" else value[: 4 * limit]
    kept = strip_controls(window)
    if len(kept) <= limit and len(window) == len(value):
        return kept
    kept = kept[-limit:] if keep == "tail" else kept[:limit]
    note = f"... {_size(value) - _size(kept)} bytes cut"
    return f"{note} ...\n{kept}" if keep == "tail" else f"{kept}{note}"


def clean_name(text: object) -> str:
    """A one-line name (rule id, gate): no controls, no line breaks, bounded."""
    if isinstance(text, str) and len(text) <= MAX_NAME and text.isprintable() and text.strip() == text:
        return text
    return " ".join(clean(text, MAX_NAME).split())

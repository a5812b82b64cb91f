"""Settings and markers of the a11y part, declared by the core (see pytest_prodguard.parts.PARTS)."""

from __future__ import annotations

from typing import Any

from ..config import Option, parse_bool, parse_choice, parse_list, parse_off_or, parse_path
from ..units import DURATION_HELP, parse_positive_duration

GATE = "a11y"
IMPACTS = ("minor", "moderate", "serious", "critical")
DEFAULT_TAGS = "wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa"


def _parse_tags(text: str) -> tuple[str, ...]:
    if text.strip().lower() in {"all", "off", "none"}:
        return ()
    tags = parse_list(text)
    if not tags:
        raise ValueError("expected at least one axe tag (or 'all' to run every rule)")
    return tags


PAGES = Option(
    "a11y_pages",
    parse_list,
    None,
    "Collect every HTML file matching these globs (relative to the rootdir) as a test item scanned with axe-core.",
    "comma- or newline-separated globs such as build/**/*.html",
    part="a11y",
)
IMPACT = Option(
    "a11y_impact",
    parse_choice(*IMPACTS),
    "minor",
    "Lowest impact that fails a test; violations below it are reported only.",
    "one of " + ", ".join(IMPACTS),
    part="a11y",
)
TAGS = Option(
    "a11y_tags",
    _parse_tags,
    DEFAULT_TAGS,
    "axe-core rule tags to run.",
    "comma-separated axe tags (wcag2a, wcag2aa, best-practice...) or 'all'",
    part="a11y",
)
DISABLE = Option(
    "a11y_disable",
    parse_list,
    "",
    "axe-core rule ids never run (everywhere).",
    "comma-separated rule ids such as color-contrast",
    part="a11y",
    allow_empty=True,
)
INCOMPLETE = Option(
    "a11y_incomplete",
    parse_bool,
    "false",
    "List every element of axe's 'needs review' (incomplete) results; by default axe reports one per rule. "
    "They are warnings, never failures.",
    "true or false (on the command line a switch)",
    part="a11y",
    flag=True,
)
SCREENSHOTS = Option(
    "a11y_screenshots",
    parse_path,
    None,
    "Save a picture of each element with a new violation into this directory.",
    "a directory path",
    part="a11y",
    path=True,
)
TIMEOUT = Option(
    "a11y_timeout",
    parse_positive_duration,
    "30s",
    "Longest one axe scan may take; a scan that takes longer is an error, never a pass.",
    DURATION_HELP,
    part="a11y",
)
PRELOAD = Option(
    "a11y_preload",
    parse_off_or(parse_positive_duration),
    "2s",
    "How long axe waits for stylesheets and media to load before scanning (axe's own default is 10s).",
    f"{DURATION_HELP}, or off (do not wait)",
    part="a11y",
)

OPTIONS: list[Option[Any]] = [
    PAGES,
    IMPACT,
    TAGS,
    DISABLE,
    INCOMPLETE,
    SCREENSHOTS,
    TIMEOUT,
    PRELOAD,
]
#: The part's markers; each is the function of that name in :mod:`.marker` (its signature and help).
MARKER_NAMES = ("a11y",)

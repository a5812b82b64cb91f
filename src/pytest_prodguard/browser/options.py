"""Settings of the shared browser (part ``prodguard.browser``), declared by the core.

The browser is shared by every part that drives one (a11y scans, live brand checks), so it owns
its settings. The ini names keep their first spelling (``prodguard_a11y_root``,
``prodguard_a11y_missing_browser``): renaming them would break every configuration that sets them.
"""

from __future__ import annotations

from typing import Any

from ..config import Option, parse_choice, parse_path

BROWSER_PATH = Option(
    "browser_path",
    parse_path,
    None,
    "Chromium or Chrome executable for the parts that drive a browser (a11y, live brand checks).",
    "a file path to a Chromium/Chrome executable",
    part="browser",
    path=True,
)
ROOT = Option(
    "a11y_root",
    parse_path,
    None,
    "Directory the local page server is rooted at (requests outside it are blocked). Default: the rootdir.",
    "a directory path (relative paths are relative to the rootdir)",
    part="browser",
    path=True,
)
MISSING_BROWSER = Option(
    "a11y_missing_browser",
    parse_choice("error", "skip"),
    "error",
    "What a scan does when no Chromium can be found or launched.",
    "error or skip",
    part="browser",
)

OPTIONS: list[Option[Any]] = [BROWSER_PATH, ROOT, MISSING_BROWSER]

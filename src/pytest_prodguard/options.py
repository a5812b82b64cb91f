"""Settings of the core, the suite-duration gate and the reporters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Option, parse_bool, parse_off_or, parse_path
from .units import DURATION_HELP, parse_positive_duration, parse_share

if TYPE_CHECKING:
    import pytest


def _parse_count(text: str) -> int:
    value = int(text.strip())
    if value < 0:
        raise ValueError("expected a whole number of zero or more")
    return value


def _parse_file_path(text: str) -> Path:
    """A file we write: a path that can only name a directory would fail at the end of the run."""
    path = parse_path(text)
    if path.name in {"", ".", ".."} or text.strip().endswith(("/", "\\")):
        raise ValueError(f"{text.strip()!r} names a directory; give a file path such as report.json")
    return path


BASELINE = Option(
    "baseline",
    _parse_file_path,
    ".prodguard/baseline.json",
    "Baseline file of known findings and recorded measurements, relative to the rootdir.",
    "a file path",
    path=True,
)
UPDATE_BASELINE = Option(
    "update_baseline",
    parse_bool,
    "false",
    "Record this run's findings and measurements as the new baseline (written atomically).",
    "true or false (on the command line a switch)",
    flag=True,
)
JSON_REPORT = Option(
    "json",
    _parse_file_path,
    None,
    "Write the JSON report (documented, versioned schema) to this path.",
    "a file path",
    path=True,
)
HTML_REPORT = Option(
    "html",
    parse_path,
    None,
    "Write a self-contained HTML report (inline CSS and SVG plots, loads nothing) to this path.",
    "a file path",
    path=True,
)
SARIF_REPORT = Option(
    "sarif",
    parse_path,
    None,
    "Write the findings as SARIF 2.1.0 (code scanning) to this path.",
    "a file path",
    path=True,
)
CODEQUALITY_REPORT = Option(
    "codequality",
    parse_path,
    None,
    "Write the findings as a GitLab Code Quality report to this path.",
    "a file path",
    path=True,
)
SUITE_BUDGET = Option(
    "suite_budget",
    parse_off_or(parse_positive_duration),
    "30s",
    "Budget for the whole run, measured on the controller from session start to session finish.",
    f"{DURATION_HELP} (above zero), or off",
    part="suite",
)
SUITE_WARN_AT = Option(
    "suite_warn_at",
    parse_share,
    "80%",
    "Warn when the run used this share of its suite budget.",
    "a percentage up to 100% such as 80% (or a fraction between 0 and 1)",
    part="suite",
)
SUITE_STOP_ON_BREACH = Option(
    "suite_stop_on_breach",
    parse_bool,
    "false",
    "Once the suite budget is spent, skip the remaining tests with the reason instead of running them.",
    "true or false (on the command line a switch)",
    part="suite",
    flag=True,
)
SUITE_SLOWEST = Option(
    "suite_slowest",
    _parse_count,
    "5",
    "How many of the slowest tests a suite-budget breach or warning lists.",
    "a whole number",
    part="suite",
)
TEST_BUDGET = Option(
    "test_budget",
    parse_off_or(parse_positive_duration),
    "off",
    "Fail any single test whose setup and call took longer than this.",
    f"{DURATION_HELP}, or off",
    part="suite",
)


OPTIONS: list[Option[Any]] = [
    BASELINE,
    UPDATE_BASELINE,
    JSON_REPORT,
    HTML_REPORT,
    SARIF_REPORT,
    CODEQUALITY_REPORT,
    SUITE_BUDGET,
    SUITE_WARN_AT,
    SUITE_STOP_ON_BREACH,
    SUITE_SLOWEST,
    TEST_BUDGET,
]


def baseline_path(config: pytest.Config) -> Path:
    """Where this run's baseline file is (``prodguard_baseline``, relative to the rootdir)."""
    from .keys import settings

    path = settings(config).get(BASELINE)
    return path if path.is_absolute() else config.rootpath / path

"""The reporting part (``prodguard.report``): the terminal section, and the report files on request."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..keys import SETTINGS_KEY, is_controller
from ..ledger import SuiteResult, ledger
from ..options import CODEQUALITY_REPORT, HTML_REPORT, JSON_REPORT, SARIF_REPORT, UPDATE_BASELINE
from ..units import format_duration

if TYPE_CHECKING:
    from ..ledger import GateTally, Ledger

_WRITTEN_KEY: pytest.StashKey[list[tuple[str, Path]]] = pytest.StashKey()
# budget lines in the terminal section; the JSON and HTML reports carry them all
SHOWN = 5
FILE_REPORTS = {"JSON": JSON_REPORT, "HTML": HTML_REPORT, "SARIF": SARIF_REPORT, "Code Quality": CODEQUALITY_REPORT}


def requested(config: pytest.Config) -> dict[str, Path]:
    """Report label -> where to write it, for each report file the run asked for."""
    found = {}
    for label, option in FILE_REPORTS.items():
        path = config.stash[SETTINGS_KEY].get(option)
        if path is not None:
            found[label] = path if path.is_absolute() else config.invocation_params.dir / path
    return found


def pytest_configure(config: pytest.Config) -> None:
    # Only runs that write JUnit XML register the per-report hook that renames file test cases.
    if getattr(config.option, "xmlpath", None) and is_controller(config):
        from .junit_names import activate

        activate(config)
    if getattr(config.option, "htmlpath", None) and config.pluginmanager.has_plugin("html") and is_controller(config):
        from .pytest_html import activate as activate_html

        activate_html(config)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if is_controller(config):
        write_summary(terminalreporter, config, ledger(config))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if not is_controller(config):
        return
    paths = requested(config)
    if paths or os.environ.get("GITHUB_ACTIONS") == "true":
        from .writers import write_all  # the writers load only when a report was asked for

        written = config.stash[_WRITTEN_KEY] = write_all(config, session.exitstatus, paths)
        if len(written) < len(paths) and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED  # a report asked for was not written


KNOWN_LEGEND = "known: checked units whose findings are all in the baseline (prodguard_baseline): reported, not failed"


def gate_line(gate: str, tally: GateTally) -> str:
    text = f"{gate:<12} checked {tally.checked:>4}  passed {tally.passed:>4}  failed {tally.failed:>4}"
    text += f"  known {tally.known:>4}"
    if tally.warned:
        text += f"  warned {tally.warned:>4}"
    return text


def suite_line(result: SuiteResult) -> str:
    if result.budget is None:
        return f"suite clock  {format_duration(result.duration)} (no suite budget)"
    share = result.duration / result.budget
    text = f"suite clock  {format_duration(result.duration)} of {format_duration(result.budget)} budget ({share:.0%})"
    if result.warned:
        text += f": over the {result.warn_at:.0%} warning mark"
    return text


def write_summary(reporter: pytest.TerminalReporter, config: pytest.Config, ledger: Ledger) -> None:
    tallies = ledger.tally()
    result = ledger.suite
    if not tallies and result is None:
        return
    if config.stash[SETTINGS_KEY].get(UPDATE_BASELINE):
        from .judged import as_judged  # only a run that records a baseline can count findings known too early

        tallies = as_judged(config, ledger).tally()
    reporter.write_sep("-", "prodguard")
    for gate, tally in tallies.items():
        failed = tally.failed > 0
        reporter.write_line(gate_line(gate, tally), red=failed, green=not failed and tally.checked > 0)
    if any(tally.known for tally in tallies.values()):
        reporter.write_line(KNOWN_LEGEND)
    if ledger.measurements.get("budget"):
        from .values import budget_line, budget_values  # only runs with budgets pay for the values

        entries = budget_values(config, ledger)
        shown = min(len(entries), SHOWN)
        reporter.write_line(f"budget values, closest to the limit first ({shown} of {len(entries)}):")
        for entry in entries[:SHOWN]:
            reporter.write_line(budget_line(entry), red=entry["outcome"] == "failed")
    if result is not None:
        reporter.write_line(suite_line(result), red=result.breached, yellow=result.warned)
        if result.warned:
            for nodeid, duration in result.slowest:
                reporter.write_line(f"  {format_duration(duration):>8}  {nodeid}")
    for label, path in config.stash.get(_WRITTEN_KEY, []):
        reporter.write_line(f"{label} report  {path}")

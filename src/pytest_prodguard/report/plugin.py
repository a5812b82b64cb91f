"""The reporting part (``prodguard.report``): the terminal section, and the JSON report on request."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..keys import SETTINGS_KEY, is_controller
from ..ledger import SuiteResult, ledger
from ..options import JSON_REPORT, UPDATE_BASELINE
from ..units import format_duration

if TYPE_CHECKING:
    from pathlib import Path

    from ..ledger import GateTally, Ledger

_WRITTEN_KEY: pytest.StashKey[Path] = pytest.StashKey()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if is_controller(config):
        write_summary(terminalreporter, config, ledger(config))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    path = config.stash[SETTINGS_KEY].get(JSON_REPORT)
    if path is None or not is_controller(config):
        return
    from . import json_report  # imported only when a JSON report was asked for

    document = json_report.build(config, ledger(config), session.exitstatus)
    config.hook.pytest_prodguard_json_report(config=config, report=document)
    target = path if path.is_absolute() else config.invocation_params.dir / path
    if json_report.write(session, target, document):
        config.stash[_WRITTEN_KEY] = target


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
    if result is not None:
        reporter.write_line(suite_line(result), red=result.breached, yellow=result.warned)
        if result.warned:
            for nodeid, duration in result.slowest:
                reporter.write_line(f"  {format_duration(duration):>8}  {nodeid}")
    written = config.stash.get(_WRITTEN_KEY, None)
    if written is not None:
        reporter.write_line(f"JSON report  {written}")

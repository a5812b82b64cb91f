"""The ``prodguard`` section of the terminal summary: one line per gate, then the suite clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ..ledger import GateTally, Ledger
from ..suite import RESULT_KEY, SuiteResult
from ..units import format_duration


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
    result = config.stash.get(RESULT_KEY, None)
    if not tallies and result is None:
        return
    reporter.write_sep("-", "prodguard")
    for gate, tally in tallies.items():
        failed = tally.failed > 0
        reporter.write_line(gate_line(gate, tally), red=failed, green=not failed and tally.checked > 0)
    if result is not None:
        reporter.write_line(suite_line(result), red=result.breached, yellow=result.warned)
        if result.warned:
            for nodeid, duration in result.slowest:
                reporter.write_line(f"  {format_duration(duration):>8}  {nodeid}")

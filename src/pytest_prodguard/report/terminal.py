"""prodguard's section of pytest's terminal summary: a tally per gate, budget values, the suite clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..keys import SETTINGS_KEY
from ..options import UPDATE_BASELINE
from ..units import format_duration

if TYPE_CHECKING:
    from pathlib import Path

    from ..ledger import GateTally, Ledger, SuiteResult

# budget lines in the terminal section; the JSON and HTML reports carry them all
SHOWN = 5


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


def write_summary(
    reporter: pytest.TerminalReporter, config: pytest.Config, ledger: Ledger, written: list[tuple[str, Path]]
) -> None:
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
    for label, path in written:
        reporter.write_line(f"{label} report  {path}")

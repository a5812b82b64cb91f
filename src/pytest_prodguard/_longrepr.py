"""How a test failed by prodguard findings looks in the terminal, the short summary and JUnit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

import pytest

from .findings import Finding

MAX_LISTED = 20


@dataclass(frozen=True)
class CrashLine:
    """What pytest's short summary and JUnit's ``message`` attribute read (``reprcrash``)."""

    message: str
    path: str = ""
    lineno: int = 0


class _LineWriter(Protocol):
    """The part of pytest's terminal writer a longrepr uses (its class is private API)."""

    def line(self, s: str = "", **markup: bool) -> None: ...


class FindingsRepr:
    """A failure made of findings: one summary line, then one line per finding (capped)."""

    def __init__(self, summary: str, body: str) -> None:
        self.reprcrash = CrashLine(summary)
        self._body = body

    def toterminal(self, tw: _LineWriter) -> None:
        for line in str(self).splitlines():
            tw.line(line)

    def __str__(self) -> str:
        return self._body

    def as_longrepr(self) -> Any:
        # pytest accepts any object with toterminal() as a longrepr; its TerminalRepr base class
        # is private API, so the type is widened here rather than subclassing it.
        return cast(Any, self)


def fail_report(report: pytest.TestReport, summary: str, body: str) -> None:
    report.outcome = "failed"
    report.longrepr = FindingsRepr(summary, body).as_longrepr()


def summarise(findings: Sequence[Finding]) -> str:
    gates = sorted({f.gate for f in findings})
    if len(findings) == 1:
        return f"prodguard {gates[0]}: {findings[0].message}"
    return f"prodguard {', '.join(gates)}: {len(findings)} new findings"


def describe(findings: Sequence[Finding], title: str) -> str:
    lines = [title]
    for finding in findings[:MAX_LISTED]:
        state = " [known]" if finding.known else ("" if finding.severity == "error" else f" [{finding.severity}]")
        lines.append(f"  [{finding.gate}:{finding.rule}]{state} {finding.describe()}")
    if len(findings) > MAX_LISTED:
        lines.append(f"  ... and {len(findings) - MAX_LISTED} more (see --prodguard-json for all)")
    return "\n".join(lines)

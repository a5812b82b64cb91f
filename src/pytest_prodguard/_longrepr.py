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


def _impact(finding: Finding) -> str:
    impact = finding.details.get("impact")
    return str(impact) if impact else finding.severity.value


def _listed(findings: Sequence[Finding], rules: Sequence[tuple[str, str]]) -> list[Finding]:
    """At most MAX_LISTED findings, in recorded (file) order, with one example of each rule first."""
    if len(findings) <= MAX_LISTED:
        return list(findings)
    chosen: set[int] = set()
    for gate, rule in rules:
        if len(chosen) < MAX_LISTED:
            chosen.add(next(i for i, f in enumerate(findings) if (f.gate, f.rule) == (gate, rule)))
    for index in range(len(findings)):
        if len(chosen) >= MAX_LISTED:
            break
        chosen.add(index)
    return [findings[i] for i in sorted(chosen)]


def describe(findings: Sequence[Finding], title: str) -> str:
    """The title, one line per rule (count and impact, never cut), then the findings.

    Only the finding lines are capped: CI that shows nothing but this text (JUnit XML) still names
    every rule that failed, however many elements or files broke it, and each rule keeps an example
    line while there are fewer rules than lines.
    """
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.gate, finding.rule), []).append(finding)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    lines = [title]
    if len(groups) > 1 or len(findings) > MAX_LISTED:
        lines.append(f"by rule ({len(groups)} rules, {len(findings)} findings):")
        for (gate, rule), found in ordered:
            impacts = sorted({_impact(f) for f in found})
            lines.append(f"  {gate}:{rule} x{len(found)} ({', '.join(impacts)})")
    listed = _listed(findings, [key for key, _ in ordered])
    for finding in listed:
        state = " [known]" if finding.known else ("" if finding.severity == "error" else f" [{finding.severity}]")
        lines.append(f"  [{finding.gate}:{finding.rule}]{state} {finding.describe()}")
    if len(findings) > len(listed):
        lines.append(f"  ... and {len(findings) - len(listed)} more (see --prodguard-json for all)")
    return "\n".join(lines)

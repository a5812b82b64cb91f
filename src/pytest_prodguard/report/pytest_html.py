"""pytest-html: a prodguard section in its summary, and each budgeted test's values and plot in its row.

Registered only when pytest-html writes a report in this run (``--html``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from ..findings import Finding
from ..ledger import ledger
from . import html, svg
from .values import budget_entry, budget_values, report_properties

NAME = "prodguard.pytest_html"


def activate(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin(NAME):
        config.pluginmanager.register(PytestHtmlSection(), NAME)


def _budget_html(entry: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{html.e(stat)}</td><td>{html.e(html.quantity(v.get('actual'), v.get('unit')))}</td>"
        f"<td>{html.e(v.get('op') or '')} {html.e(html.quantity(v.get('limit'), v.get('unit')))}</td>"
        f"<td>{html.e(html.percent_left(v.get('headroom')))}</td></tr>"
        for stat, v in entry["values"].items()
    )
    timing: Mapping[str, Any] = next((v for v in entry["values"].values() if v.get("unit") == "s"), {})
    samples = [float(x) for x in entry["samples"] if isinstance(x, int | float)]
    plot = ""
    if samples:
        plot = svg.distribution(
            samples,
            limit=timing.get("limit"),
            baseline=timing.get("baseline"),
            p50=entry["summary"].get("p50"),
            p95=entry["summary"].get("p95"),
            failed=entry["outcome"] == "failed",
            title=f"samples of {entry['nodeid']}",
        )
    return (
        f"<div><b>prodguard budget</b> (n={html.e(entry['n'])})"
        f"<table><tr><th>statistic</th><th>actual</th><th>limit</th><th>headroom</th></tr>{rows}</table>"
        f'<div style="max-width:640px">{plot}</div></div>'
    )


class PytestHtmlSection:
    def pytest_html_results_summary(
        self, prefix: list[str], summary: list[str], postfix: list[str], session: pytest.Session
    ) -> None:
        config = session.config
        found = ledger(config)
        lines = [
            f"<li>{html.e(gate)}: {t.checked} checked, {t.passed} passed, {t.failed} failed, {t.known} known</li>"
            for gate, t in found.tally().items()
        ]
        result = found.suite
        if result is not None and result.budget:
            lines.append(f"<li>suite clock {result.duration:.1f}s of {result.budget:g}s budget</li>")
        for entry in budget_values(config, found)[:5]:
            values = entry["values"]
            closest = next(iter(sorted(values.items(), key=lambda kv: kv[1].get("headroom") or 0.0)), None)
            if closest:
                stat, v = closest
                lines.append(
                    f"<li><code>{html.e(entry['nodeid'])}</code>: {html.e(stat)} "
                    f"{html.e(html.quantity(v.get('actual'), v.get('unit')))} of "
                    f"{html.e(html.quantity(v.get('limit'), v.get('unit')))} "
                    f"({html.e(html.percent_left(v.get('headroom')))} headroom)</li>"
                )
        if lines:
            prefix.append(f'<div class="prodguard"><h2>prodguard</h2><ul>{"".join(lines)}</ul></div>')

    def pytest_html_results_table_html(self, report: pytest.TestReport, data: list[str]) -> None:
        payload = getattr(report, "prodguard", None)
        if not payload or report.when != "call":
            return
        measured = payload.get("measurements", {}).get("budget")
        if isinstance(measured, dict):
            own = [Finding.from_dict(f) for f in payload.get("findings", ()) if f.get("gate") == "budget"]
            data.append(_budget_html(budget_entry(report.nodeid, measured, report_properties(report), own)))

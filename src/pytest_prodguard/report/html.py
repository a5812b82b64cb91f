"""``--prodguard-html PATH``: the run as one self-contained page, rendered from the JSON report's document.

Everything a test, page or stylesheet supplied (node ids, selectors, CSS values, messages) is
escaped; colours become swatches only when they are plain hex; links only when they are http(s).
A Content-Security-Policy forbids scripts and every request except inline styles and data: images,
so even a mistake here cannot make the report run code or reach the network when opened.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from ..units import format_duration
from . import svg, values
from .html_style import CSS

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
NONE = "-"
_HEX = re.compile(r"#[0-9a-fA-F]{3,8}")
_SHOT_LIMIT = 300_000  # bytes of one element screenshot embedded; bigger ones are linked by name only
GATE_TITLES = {"budget": "Performance budgets", "a11y": "Accessibility", "brand": "Brand", "gates": "Quality gates"}


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _link(url: object, text: str) -> str:
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        return f'<a href="{e(url)}" rel="noreferrer noopener">{e(text)}</a>'
    return e(text)


def _swatch(colour: object, label: str) -> str:
    if not isinstance(colour, str) or not _HEX.fullmatch(colour):
        return ""
    return f'<span class="swatch" style="background:{colour}" title="{e(label)}"></span>'


def _status(state: str) -> str:
    return f'<span class="status {e(state)}">{e(state)}</span>'


def quantity(value: object, unit: object) -> str:
    return values.quantity(value, unit) if isinstance(value, int | float) else NONE


def percent_left(value: object) -> str:
    return f"{value:.0%}" if isinstance(value, int | float) else NONE


def _percent(value: object) -> str:
    return f"{value:+.0%}" if isinstance(value, int | float) else NONE


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """``rows`` hold HTML already escaped by the caller."""
    header = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f'<div class="wrap"><table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>'


def _verdict(doc: Mapping[str, Any]) -> str:
    failing = [f for f in doc["findings"] if f["severity"] == "error" and not f["known"]]
    passed = doc["exit_status"] == 0
    word = "passed" if passed else "failed"
    detail = f"{len(failing)} new failing findings" if failing else "no new failing findings"
    tallies = "".join(
        f'<div class="tally {"failed" if t["failed"] else ""}"><b>{e(gate)}</b>'
        f"{t['checked']} checked · {t['passed']} passed · {t['failed']} failed · {t['known']} known</div>"
        for gate, t in doc["gates"].items()
    )
    return (
        f'<section class="verdict {"pass" if passed else "fail"}"><h1>prodguard: run {word}</h1>'
        f"<p>{e(detail)}; exit status {e(doc['exit_status'])}; parts: {e(', '.join(doc['parts']))}</p></section>"
        f'<div class="tallies">{tallies}</div>'
    )


def _suite(suite: Mapping[str, Any] | None) -> str:
    if not suite:
        return ""
    slowest = [(s["nodeid"], s["duration_s"]) for s in suite.get("slowest", [])]
    budget = suite.get("budget_s")
    share = f" ({suite['duration_s'] / budget:.0%} of {format_duration(budget)})" if budget else " (no suite budget)"
    rows = [(f"<code>{e(n)}</code>", e(format_duration(d))) for n, d in slowest]
    return (
        '<section id="suite"><h2>Suite duration</h2>'
        f"<p>{e(format_duration(suite['duration_s']) + share)}</p>"
        + svg.suite_bar(suite["duration_s"], budget, slowest, bool(suite.get("breached")))
        + (_table(["slowest tests", "time"], rows, numeric=[1]) if rows else "")
        + "</section>"
    )


def _budget_card(entry: Mapping[str, Any]) -> str:
    values: Mapping[str, Mapping[str, Any]] = entry["values"]
    rows = [
        (
            e(stat),
            e(quantity(v.get("actual"), v.get("unit"))),
            e(f"{v.get('op') or ''} {quantity(v.get('limit'), v.get('unit'))}"),
            e(percent_left(v.get("headroom"))),
            e(quantity(v.get("baseline"), v.get("unit"))),
            e(_percent(v.get("change"))),
        )
        for stat, v in values.items()
    ]
    timing = next((v for v in values.values() if v.get("unit") == "s" and v.get("limit") is not None), None)
    summary = entry.get("summary") or {}
    samples = [float(x) for x in entry.get("samples") or [] if isinstance(x, int | float)]
    regression = entry.get("regression")
    failed = entry["outcome"] == "failed"
    plot = ""
    if samples:
        plot = svg.distribution(
            samples,
            limit=timing.get("limit") if timing else None,
            baseline=(timing.get("baseline") if timing else None) or (regression or {}).get("baseline"),
            p50=summary.get("p50"),
            p95=summary.get("p95"),
            failed=failed,
            title=f"samples of {entry['nodeid']}",
        )
    stats = ", ".join(
        f"{k} {format_duration(summary[k])}" for k in ("p50", "p95", "p99", "max") if isinstance(summary.get(k), float)
    )
    note = ""
    if regression:
        note = f'<p class="status warned">regression: {e(_percent(regression.get("change")))} against the baseline</p>'
    classes = "card" + (" failed" if failed else "") + (" regressed" if regression else "")
    return (
        f'<div class="{classes}"><h3><code>{e(entry["nodeid"])}</code> {_status(entry["outcome"])}</h3>'
        f'<p class="muted">n={e(entry.get("n"))} ({e(entry.get("source"))}){e("; " + stats if stats else "")}</p>'
        + note
        + _table(["statistic", "actual", "limit", "headroom", "baseline", "change"], rows, numeric=[1, 3, 4, 5])
        + plot
        + "</div>"
    )


def _budgets(values: Sequence[Mapping[str, Any]]) -> str:
    if not values:
        return ""
    cards = "".join(_budget_card(entry) for entry in values)
    title = GATE_TITLES["budget"]
    return f'<section id="budget"><h2>{title}</h2><p class="muted">closest to the limit first</p>{cards}</section>'


def _screenshot(path: object) -> str:
    if not isinstance(path, str):
        return ""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ""
    if len(data) > _SHOT_LIMIT or not data.startswith(b"\x89PNG"):
        return f"<code>{e(path)}</code>"
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img class="shot" alt="element screenshot" src="data:image/png;base64,{encoded}">'


def _a11y(values: Mapping[str, Any] | None, findings: Sequence[Mapping[str, Any]]) -> str:
    if not values:
        return ""
    by_rule: dict[str, list[Mapping[str, Any]]] = {}
    for finding in findings:
        if finding["gate"] == "a11y" and finding["details"].get("impact"):
            by_rule.setdefault(finding["rule"], []).append(finding)
    rules = []
    for rule, data in values["rules"].items():
        nodes = "".join(
            f"<li><code>{e(f['path'])}</code> <code>{e(f['target'])}</code>"
            f"{' [known]' if f['known'] else ''}{_screenshot(f['details'].get('screenshot'))}</li>"
            for f in by_rule.get(rule, [])[:50]
        )
        impact = e(data.get("impact"))
        rules.append(
            f'<div class="card"><h3>{_link(data.get("help_url"), rule)} '
            f'<span class="impact-{impact}">{impact}</span> x {e(data["count"])}</h3>'
            f'<ul class="nodes">{nodes}</ul></div>'
        )
    return (
        f'<section id="a11y"><h2>{GATE_TITLES["a11y"]}</h2>'
        f"<p>{e(values['pages'])} pages scanned, {e(values['pages_failed'])} failed; "
        f"{e(values['violations'])} violations</p>" + svg.impact_bars(values["violations_by_impact"]) + "".join(rules)
    ) + "</section>"


def _where(f: Mapping[str, Any]) -> str:
    parts = [str(p) for p in (f.get("path"), f.get("line"), f.get("col")) if p is not None]
    return ":".join(parts) or str(f.get("target") or f.get("nodeid") or "")


def _brand(values: Mapping[str, Any] | None, findings: Sequence[Mapping[str, Any]]) -> str:
    if not values:
        return ""
    rows = []
    for f in findings:
        if f["gate"] != "brand":
            continue
        details = f["details"]
        swatches = _swatch(details.get("normalised"), "written") + _swatch(details.get("token_value"), "nearest token")
        rows.append(
            (
                f"<code>{e(_where(f))}</code>",
                e(f["rule"]),
                f'<span class="swatches">{swatches}</span>' if swatches else "",
                e(f["message"]) + (f" [{e(f['severity'])}]" if f["severity"] != "error" else ""),
                f"<code>{e(f.get('fix'))}</code>" if f.get("fix") else "",
            )
        )
    declarations = values.get("declarations")
    counted = f", {declarations} declarations" if declarations is not None else ""
    by_rule = ", ".join(f"{rule} x {n}" for rule, n in values["findings_by_rule"].items()) or "none"
    return (
        f'<section id="brand"><h2>{GATE_TITLES["brand"]}</h2>'
        f"<p>{e(values['files'])} files{e(counted)}; {e(values['findings'])} findings ({e(by_rule)})</p>"
        + (_table(["where", "rule", "written / token", "finding", "fix"], rows) if rows else "")
        + "</section>"
    )


def _gates(values: Sequence[Mapping[str, Any]], findings: Sequence[Mapping[str, Any]]) -> str:
    if not values:
        return ""
    rows = [
        (
            f"<code>{e(g['name'])}</code>",
            e(g.get("tool") or NONE),
            e(format_duration(g["duration_s"])),
            _status(g["outcome"]),
            e(g["findings"]),
        )
        for g in values
    ]
    by_file: dict[str, list[Mapping[str, Any]]] = {}
    for f in findings:
        if f["gate"] == "gates":
            by_file.setdefault(f.get("path") or f.get("target") or "", []).append(f)
    files = "".join(
        f"<h3><code>{e(path)}</code></h3>"
        + _table(["line", "rule", "finding"], [(e(_where(f)), e(f["rule"]), e(f["message"])) for f in found])
        for path, found in sorted(by_file.items())
    )
    return (
        f'<section id="gates"><h2>{GATE_TITLES["gates"]}</h2>'
        + _table(["gate", "tool", "time", "result", "findings"], rows, numeric=[2, 4])
        + files
        + "</section>"
    )


def _other(findings: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        (e(f["gate"]), e(f["rule"]), f"<code>{e(_where(f))}</code>", e(f["message"]), e(f["severity"]))
        for f in findings
        if f["gate"] not in GATE_TITLES
    ]
    if not rows:
        return ""
    return (
        '<section id="other"><h2>Other findings</h2>'
        + _table(["gate", "rule", "where", "finding", "severity"], rows)
        + "</section>"
    )


def render(doc: Mapping[str, Any]) -> str:
    """The whole page for one JSON report document (``json_report.build``)."""
    values = doc.get("values") or {}
    findings = doc["findings"]
    body = (
        _verdict(doc)
        + _suite(doc.get("suite"))
        + _budgets(values.get("budget") or [])
        + _a11y(values.get("a11y"), findings)
        + _brand(values.get("brand"), findings)
        + _gates(values.get("gates") or [], findings)
        + _other(findings)
    )
    footer = (
        f"prodguard {e(doc['prodguard_version'])} · pytest {e(doc['pytest_version'])} · "
        f"Python {e(doc['python_version'])} · {e(doc['created'])}"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>prodguard report</title><style>{CSS}</style></head>"
        f"<body><main>{body}<footer>{footer}</footer></main></body></html>\n"
    )

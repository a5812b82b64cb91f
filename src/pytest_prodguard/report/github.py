"""GitHub Actions: ``::error``/``::warning`` annotations and a Markdown step summary.

Both are written only when ``GITHUB_ACTIONS=true``; GitHub reads the annotations from the job's
output and the summary from the file named by ``GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

MAX_ANNOTATIONS = 50  # GitHub shows only the first few per step anyway; the rest is in the summary
MAX_BUDGET_ROWS = 10


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_prefix(rootdir: Path, workspace: str | None) -> str:
    """``examples/web/`` when pytest's rootdir is that folder of the checked-out repository, else ``""``.

    Finding paths are relative to the rootdir; GitHub places annotations by repository path.
    """
    if not workspace:
        return ""
    try:
        inner = rootdir.resolve().relative_to(Path(workspace).resolve()).as_posix()
    except ValueError:
        return ""
    return "" if inner == "." else inner + "/"


def annotation(finding: Mapping[str, Any], prefix: str = "") -> str | None:
    """One workflow command for a failing finding or a warning; None for known and info findings."""
    if finding["known"] or finding["severity"] == "info":
        return None
    command = "error" if finding["severity"] == "error" else "warning"
    props = []
    if finding.get("path"):
        props.append(f"file={_property(prefix + str(finding['path']))}")
        for key, name in (("line", "line"), ("col", "col")):
            if isinstance(finding.get(key), int):
                props.append(f"{name}={finding[key]}")
    title = f"prodguard {finding['gate']}: {finding['rule']}"
    props.append(f"title={_property(title)}")
    message = finding["message"]
    if finding.get("target") and finding.get("path"):
        message = f"{finding['target']}: {message}"
    elif not finding.get("path"):
        message = f"{finding.get('target') or finding.get('nodeid')}: {message}"
    if finding.get("fix"):
        message += f" (fix: {finding['fix']})"
    return f"::{command} {','.join(props)}::{_data(message)}"


def annotate(doc: Mapping[str, Any], prefix: str = "", out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    lines = [line for line in (annotation(f, prefix) for f in doc["findings"]) if line]
    if lines:
        # pytest's progress line may still be open; a workflow command counts only at a line's start
        stream.write("\n")
    for line in lines[:MAX_ANNOTATIONS]:
        stream.write(line + "\n")
    if len(lines) > MAX_ANNOTATIONS:
        stream.write(f"::notice title=prodguard::{len(lines) - MAX_ANNOTATIONS} more findings in the step summary\n")
    stream.flush()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("\n", " ")


def summary(doc: Mapping[str, Any]) -> str:
    passed = doc["exit_status"] == 0
    lines = [f"## prodguard: {'passed' if passed else 'failed'}", ""]
    lines += ["| gate | checked | passed | failed | known | warned |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for gate, t in doc["gates"].items():
        row = [t[k] for k in ("checked", "passed", "failed", "known", "warned")]
        lines.append(f"| {_cell(gate)} | " + " | ".join(map(str, row)) + " |")
    suite = doc.get("suite")
    if suite and suite.get("budget_s"):
        lines += ["", f"Suite clock: {suite['duration_s']:.1f}s of {suite['budget_s']:g}s budget."]
    budgets = (doc.get("values") or {}).get("budget") or []
    if budgets:
        lines += ["", "### Budgets, closest to the limit first", "", "| test | stat | actual | limit | headroom |"]
        lines.append("| --- | --- | ---: | ---: | ---: |")
        for entry in budgets[:MAX_BUDGET_ROWS]:
            for stat, v in list(entry["values"].items())[:1] or [("-", {})]:
                room = v.get("headroom")
                lines.append(
                    f"| `{_cell(entry['nodeid'])}` | {_cell(stat)} | {_cell(v.get('actual'))} | "
                    f"{_cell(v.get('op'))} {_cell(v.get('limit'))} | {f'{room:.0%}' if room is not None else '-'} |"
                )
    failing = Counter(
        (f["gate"], f["rule"]) for f in doc["findings"] if f["severity"] == "error" and not f["known"]
    ).most_common()
    if failing:
        lines += ["", "### Failing rules", "", "| gate | rule | findings |", "| --- | --- | ---: |"]
        lines += [f"| {_cell(gate)} | {_cell(rule)} | {n} |" for (gate, rule), n in failing]
    return "\n".join(lines) + "\n"


def append_summary(path: Path, doc: Mapping[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(summary(doc))

"""Writes the reports a run asked for, all from one JSON report document built once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .._atomic import WriteError, say, write_text
from ..keys import SUITE_NODEID
from ..ledger import ledger, run_reports

SLOWEST = 8


def on_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _slowest(config: pytest.Config) -> list[dict[str, Any]]:
    durations: dict[str, float] = {}
    for report in run_reports(config):
        if report.nodeid != SUITE_NODEID:
            durations[report.nodeid] = durations.get(report.nodeid, 0.0) + report.duration
    ranked = sorted(durations.items(), key=lambda pair: pair[1], reverse=True)[:SLOWEST]
    return [{"nodeid": n, "duration_s": round(d, 6)} for n, d in ranked]


def document(config: pytest.Config, exit_status: int) -> dict[str, Any]:
    from . import json_report

    doc = json_report.build(config, ledger(config), exit_status)
    config.hook.pytest_prodguard_json_report(config=config, report=doc)
    return doc


def write_all(config: pytest.Config, exit_status: int, paths: dict[str, Path]) -> list[tuple[str, Path]]:
    """Write each requested file and, on GitHub Actions, the annotations and step summary."""
    doc = document(config, exit_status)
    written = []
    for label, path in paths.items():
        try:
            write_text(path, _render(label, config, doc), what=f"{label} report")
        except WriteError as exc:
            # One line, and the other reports, JUnit XML and the summary are still written.
            say(config, str(exc), red=True)
            continue
        written.append((label, path))
    if on_github():
        from . import github

        github.annotate(doc, github.workspace_prefix(config.rootpath, os.environ.get("GITHUB_WORKSPACE")))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            github.append_summary(Path(summary), doc)
    return written


def _render(label: str, config: pytest.Config, doc: dict[str, Any]) -> str:
    if label == "JSON":
        from . import json_report

        return json_report.dumps(doc)
    if label == "HTML":
        from . import html

        if doc.get("suite") is not None and not doc["suite"]["slowest"]:
            doc = {**doc, "suite": {**doc["suite"], "slowest": _slowest(config)}}
        return html.render(doc)
    if label == "SARIF":
        from . import sarif

        return sarif.dumps(sarif.build(doc, config.rootpath))
    from . import codequality

    return codequality.dumps(codequality.build(doc))

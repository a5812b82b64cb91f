"""The recorded baseline: findings that are known and accepted, and measurements to compare with.

The file is JSON (``.prodguard/baseline.json`` by default) meant to be committed::

    {"schema": "pytest-prodguard/baseline", "version": 1,
     "findings": {"<fingerprint>": {"gate": ..., "rule": ..., "nodeid": ..., "location": ..., "message": ...}},
     "measurements": {"<gate>": {"<nodeid>": <plain data the gate stored>}}}

A file that cannot be read or does not have this shape is an error that names the file and the
key; it is never overwritten, not even by ``--prodguard-update-baseline``, so nothing recorded is
lost by accident. Writes go to a temporary file that is renamed over the old one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._atomic import write_or_warn, write_text
from .findings import JSON, Finding, Severity

if TYPE_CHECKING:
    import pytest

SCHEMA = "pytest-prodguard/baseline"
VERSION = 1


class BaselineError(Exception):
    """The baseline file is unreadable or malformed; the message says where and what to do."""


@dataclass
class Baseline:
    path: Path
    findings: dict[str, dict[str, JSON]] = field(default_factory=dict)
    measurements: dict[str, dict[str, JSON]] = field(default_factory=dict)
    exists: bool = False

    def knows(self, finding: Finding) -> bool:
        return finding.fingerprint in self.findings

    def measurement(self, gate: str, nodeid: str) -> JSON | None:
        return self.measurements.get(gate, {}).get(nodeid)


def _fail(path: Path, problem: str) -> BaselineError:
    return BaselineError(
        f"prodguard: baseline {path}: {problem}. Fix or delete the file "
        "(then record a new one with --prodguard-update-baseline); it will not be overwritten."
    )


def load(path: Path) -> Baseline:
    """Read the baseline at ``path``; a missing file is an empty baseline."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Baseline(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"cannot be read ({exc.__class__.__name__}: {exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise _fail(path, f"expected a JSON object at the top level, got {type(data).__name__}")
    if data.get("schema") != SCHEMA:
        raise _fail(path, f"key 'schema': expected {SCHEMA!r}, got {data.get('schema')!r}")
    if data.get("version") != VERSION:
        raise _fail(path, f"key 'version': expected {VERSION}, got {data.get('version')!r}")
    findings = data.get("findings", {})
    if not isinstance(findings, dict) or not all(isinstance(v, dict) for v in findings.values()):
        raise _fail(path, "key 'findings': expected an object mapping fingerprints to objects")
    measurements = data.get("measurements", {})
    if not isinstance(measurements, dict) or not all(isinstance(v, dict) for v in measurements.values()):
        raise _fail(path, "key 'measurements': expected an object mapping gates to objects keyed by test id")
    return Baseline(path, findings, measurements, exists=True)


def merged(
    old: Baseline,
    findings: Iterable[Finding],
    measurements: Mapping[str, Mapping[str, JSON]],
    ran: set[str],
) -> Baseline:
    """The baseline after this run: entries of tests that did not run are kept, the rest replaced.

    Only errors are recorded; warnings never fail, so there is nothing to accept.
    """
    kept = {fp: entry for fp, entry in old.findings.items() if entry.get("nodeid") not in ran}
    for finding in findings:
        if finding.severity == Severity.ERROR:
            kept[finding.fingerprint] = {
                "gate": finding.gate,
                "rule": finding.rule,
                "nodeid": finding.nodeid,
                "location": finding.location,
                "message": finding.message,
            }
    new_measurements = {gate: dict(values) for gate, values in old.measurements.items()}
    for gate, values in measurements.items():
        new_measurements.setdefault(gate, {}).update(values)
    return Baseline(old.path, kept, new_measurements, exists=True)


def save(baseline: Baseline, session: pytest.Session | None = None) -> bool:
    """Write atomically: a reader sees the old file or the new one, never half of either.

    With ``session`` a write error is a terminal line and a failed run (returns False); without,
    it raises :class:`pytest_prodguard._atomic.WriteError`.
    """
    document = {
        "schema": SCHEMA,
        "version": VERSION,
        "findings": dict(sorted(baseline.findings.items())),
        "measurements": {gate: dict(sorted(v.items())) for gate, v in sorted(baseline.measurements.items())},
    }
    text = json.dumps(document, indent=2) + "\n"
    if session is None:
        write_text(baseline.path, text, what="baseline")
        return True
    return write_or_warn(session, baseline.path, text, what="baseline")


def load_or_usage_error(path: Path) -> Baseline:
    """The baseline at ``path`` (empty if there is no file); a broken one stops the run in one line."""
    import pytest  # not at the top: the brand command line reads baselines without starting pytest

    try:
        return load(path)
    except BaselineError as exc:
        raise pytest.UsageError(str(exc)) from None

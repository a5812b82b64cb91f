"""``--prodguard-json=PATH``: the run as one versioned JSON document (schema in docs/reports.md)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from .. import __version__
from .._atomic import write_or_warn
from ..keys import BASELINE_KEY, SETTINGS_KEY
from ..ledger import Ledger
from ..options import UPDATE_BASELINE
from ..record import is_known

SCHEMA = "pytest-prodguard/report"
VERSION = 1


def _as_judged(config: pytest.Config, ledger: Ledger, exit_status: int) -> Ledger:
    """The ledger as the baseline on disk judges it.

    While the baseline is being updated every finding is recorded as known; when the run is
    interrupted the baseline is not written, so those findings are new again.
    """
    interrupted = exit_status in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR)
    if not (interrupted and config.stash[SETTINGS_KEY].get(UPDATE_BASELINE)):
        return ledger
    judged = Ledger()
    judged.checked, judged.measurements, judged.ran = ledger.checked, ledger.measurements, ledger.ran
    judged.parts, judged.suite = ledger.parts, ledger.suite
    judged.findings = [finding.with_(known=is_known(config, finding)) for finding in ledger.findings]
    return judged


def build(config: pytest.Config, ledger: Ledger, exit_status: int) -> dict[str, Any]:
    ledger = _as_judged(config, ledger, exit_status)
    settings = config.stash[SETTINGS_KEY]
    result = ledger.suite
    known_baseline = config.stash[BASELINE_KEY]
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "prodguard_version": __version__,
        "pytest_version": pytest.__version__,
        "python_version": sys.version.split()[0],
        "exit_status": int(exit_status),
        "parts": ledger.parts,
        "settings": {knob: {"value": s.raw, "source": s.source} for knob, s in settings.items()},
        "gates": {gate: tally.to_dict() for gate, tally in ledger.tally().items()},
        "suite": result.to_dict() if result is not None else None,
        "findings": [finding.to_dict() for finding in ledger.findings],
        "baseline": {
            "path": str(known_baseline.path) if known_baseline else None,
            "exists": bool(known_baseline and known_baseline.exists),
        },
    }


def write(session: pytest.Session, path: Path, document: dict[str, Any]) -> bool:
    """Write the report; a failure is a terminal line and a failed run (see ``_atomic``)."""
    return write_or_warn(session, path, json.dumps(document, indent=2, default=str) + "\n", what="JSON report")

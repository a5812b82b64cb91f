"""``--prodguard-json=PATH``: the run as one versioned JSON document (schema in docs/reports.md)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from .. import __version__
from .._atomic import write_text
from ..keys import BASELINE_KEY, SETTINGS_KEY
from ..ledger import Ledger
from . import values
from .judged import as_judged

SCHEMA = "pytest-prodguard/report"
VERSION = 1


def build(config: pytest.Config, ledger: Ledger, exit_status: int) -> dict[str, Any]:
    ledger = as_judged(config, ledger)
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
        "settings": {knob: {"value": raw, "source": source} for knob, raw, source in settings.sources()},
        "gates": {gate: tally.to_dict() for gate, tally in ledger.tally().items()},
        "suite": result.to_dict() if result is not None else None,
        "values": values.collect(config, ledger, result),
        "findings": [finding.to_dict() for finding in ledger.findings],
        "baseline": {
            "path": str(known_baseline.path) if known_baseline else None,
            "exists": bool(known_baseline and known_baseline.exists),
        },
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, default=str) + "\n"


def write(path: Path, document: dict[str, Any]) -> None:
    """Write the report; raises ``_atomic.WriteError`` (one line, old file kept) on failure."""
    write_text(path, dumps(document), what="JSON report")

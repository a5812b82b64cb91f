"""``--prodguard-codequality PATH``: findings as a GitLab Code Quality report (a JSON array).

GitLab compares the report of a merge request with its target branch's, so known findings are
listed too; each keeps its baseline fingerprint (hashed, as GitLab expects) across runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
_IMPACT = {"critical": "critical", "serious": "major", "moderate": "minor", "minor": "info"}


def _path(finding: Mapping[str, Any]) -> str:
    if finding.get("path"):
        return str(finding["path"])
    # a finding about a test (a budget) points at the test's file
    return str(finding.get("nodeid") or "").partition("::")[0] or "."


def build(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    issues = []
    seen: dict[str, int] = {}
    for finding in doc["findings"]:
        impact = finding["details"].get("impact") if isinstance(finding.get("details"), Mapping) else None
        severity = _IMPACT.get(str(impact), "") or _SEVERITY.get(finding["severity"], "info")
        base = finding["fingerprint"]
        seen[base] = seen.get(base, 0) + 1
        # GitLab needs each fingerprint once per report; a repeated finding gets its repeat number
        identity = base if seen[base] == 1 else f"{base}|{seen[base]}"
        line = finding.get("line") if isinstance(finding.get("line"), int) else 1
        description = finding["message"]
        if finding.get("target"):
            description = f"{finding['target']}: {description}"
        issues.append(
            {
                "type": "issue",
                "description": description,
                "check_name": f"prodguard.{finding['gate']}.{finding['rule']}",
                "categories": ["Compatibility" if finding["gate"] == "a11y" else "Style"],
                "fingerprint": hashlib.sha256(identity.encode()).hexdigest()[:32],
                "severity": severity,
                "location": {"path": _path(finding), "lines": {"begin": max(1, line or 1)}},
            }
        )
    return issues


def dumps(issues: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps(list(issues), indent=2) + "\n"

"""``--prodguard-sarif PATH``: findings as SARIF 2.1.0, the format code-scanning services read.

A finding the baseline knows is reported with ``baselineState: unchanged`` (and as a note when it
does not fail), so a scanning service shows it without presenting it as new.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/pytest-prodguard/"
ROOT = "ROOTDIR"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule_id(finding: Mapping[str, Any]) -> str:
    return f"{finding['gate']}/{finding['rule']}"


def _location(finding: Mapping[str, Any]) -> dict[str, Any]:
    if finding.get("path"):
        region: dict[str, int] = {}
        if isinstance(finding.get("line"), int) and finding["line"] >= 1:
            region["startLine"] = finding["line"]
            if isinstance(finding.get("col"), int) and finding["col"] >= 1:
                region["startColumn"] = finding["col"]
        physical: dict[str, Any] = {"artifactLocation": {"uri": finding["path"], "uriBaseId": ROOT}}
        if region:
            physical["region"] = region
        location: dict[str, Any] = {"physicalLocation": physical}
        if finding.get("target"):
            location["logicalLocations"] = [{"fullyQualifiedName": finding["target"]}]
        return location
    name = finding.get("target") or finding.get("nodeid") or finding["gate"]
    return {"logicalLocations": [{"fullyQualifiedName": name, "kind": "function"}]}


def build(doc: Mapping[str, Any], rootdir: Path) -> dict[str, Any]:
    """Finding paths are relative to pytest's rootdir, which ``originalUriBaseIds`` names."""
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for finding in doc["findings"]:
        rule_id = _rule_id(finding)
        if rule_id not in rules:
            rule: dict[str, Any] = {
                "id": rule_id,
                "name": finding["rule"],
                "shortDescription": {"text": f"prodguard {finding['gate']}: {finding['rule']}"},
            }
            fix = finding.get("fix")
            if isinstance(fix, str) and fix.startswith(("https://", "http://")):
                rule["helpUri"] = fix
            rules[rule_id] = rule
        failing = finding["severity"] == "error" and not finding["known"]
        level = _LEVELS.get(finding["severity"], "note") if failing or finding["severity"] != "error" else "note"
        text = finding["message"]
        if finding.get("fix") and "helpUri" not in rules[rule_id]:
            text += f" (fix: {finding['fix']})"
        results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": list(rules).index(rule_id),
                "level": level,
                "message": {"text": text},
                "locations": [_location(finding)],
                "partialFingerprints": {"prodguard/v1": finding["fingerprint"]},
                "baselineState": "unchanged" if finding["known"] else "new",
            }
        )
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pytest-prodguard",
                        "version": doc["prodguard_version"],
                        "informationUri": INFORMATION_URI,
                        "rules": list(rules.values()),
                    }
                },
                "originalUriBaseIds": {ROOT: {"uri": rootdir.resolve().as_uri() + "/"}},
                "results": results,
                "invocations": [{"executionSuccessful": True, "exitCode": doc["exit_status"]}],
            }
        ],
    }


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=2) + "\n"

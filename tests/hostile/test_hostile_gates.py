"""Hostile gate output: JSON of the wrong shape, megabytes on one line, escape sequences.

Parsers fall back to the exit status (never a traceback, never a pass); whatever a tool prints
reaches the terminal, JUnit XML and the JSON report sanitised and bounded.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from xml.etree import ElementTree

import pytest
from hostile_helpers import run

from pytest_prodguard.gates.parsers import PARSERS

MAX_TEXT = 8_000  # pytest_prodguard._text.MAX_TEXT: what one field of a report keeps

WRONG_SHAPES = [
    ("ruff", "json", '[{"location": 5, "code": "F401"}]'),
    ("ruff", "json", '[{"filename": 7, "message": "x"}]'),
    ("ruff", "json", '[{"fix": "x", "location": {"row": "one"}}]'),
    ("eslint", "json", '[{"messages": [1]}]'),
    ("eslint", "json", '[{"messages": 5}]'),
    ("eslint", "json", '[{"filePath": "a.js", "messages": [{"line": "7", "message": "m"}]}]'),
    ("pyright", "json", '{"generalDiagnostics": [5]}'),
    ("pyright", "json", '{"generalDiagnostics": [{"range": {"start": 4}}]}'),
]


@pytest.mark.parametrize(("tool", "kind", "stdout"), WRONG_SHAPES, ids=[f"{t}-{o}" for t, _, o in WRONG_SHAPES])
def test_json_of_the_wrong_shape_falls_back_to_the_exit_status(tool: str, kind: str, stdout: str) -> None:
    from pytest_prodguard.gates.parsers import parse_output

    assert parse_output(PARSERS[(tool, kind)], stdout, "") is None


GATE_SCRIPT = """
import sys
sys.stdout.write("\\x1b]0;owned\\x07\\x1b[31m" + "x" * 200_000 + "\\x1b[0m\\n")
sys.stdout.write("last line \\x1b]8;;http://evil\\x1b\\\\link\\x1b]8;;\\x1b\\\\ \\x00\\x07 end\\n")
sys.exit(3)
"""
FAKE_ESLINT = f"""#!{sys.executable}
import sys
print('[{{"messages": 5}}]')
sys.exit(1)
"""


def test_a_loud_gate_is_bounded_and_sanitised_everywhere(pytester: pytest.Pytester) -> None:
    pytester.path.joinpath("loud.py").write_text(GATE_SCRIPT)
    pytester.makeini(f"[pytest]\nprodguard_gates = loud: {sys.executable} loud.py\n")
    result = run(pytester, "--junitxml=junit.xml", "--prodguard-json=r.json", "-rA")
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    for control in ("\x1b", "\x07", "\x00"):
        assert control not in output
    assert "exited with status 3: last line link  end" in output
    assert len(output) < 4 * MAX_TEXT
    assert "bytes cut" in output
    for name in ("junit.xml", "r.json"):
        assert (pytester.path / name).stat().st_size < 6 * MAX_TEXT, name
    ElementTree.parse(pytester.path / "junit.xml")  # valid XML
    (finding,) = json.loads((pytester.path / "r.json").read_text())["findings"]
    assert finding["rule"] == "exit-status"
    assert "\x1b" not in json.dumps(finding["details"])


def test_a_known_tool_printing_the_wrong_json_is_judged_by_its_exit_status(pytester: pytest.Pytester) -> None:
    tool = pytester.path / "tools" / "eslint"
    tool.parent.mkdir()
    tool.write_text(FAKE_ESLINT)
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    pytester.makeini("[pytest]\nprodguard_gates = js: tools/eslint .\n")
    result = run(pytester, "--prodguard-json=r.json")
    result.assert_outcomes(failed=1)
    (finding,) = json.loads((pytester.path / "r.json").read_text())["findings"]
    assert finding["rule"] == "eslint:exit-status"
    assert "exited with status 1" in finding["message"]
    assert os.access(tool, os.X_OK)

"""Gates as collected items, run for real: ruff, mypy and plain commands on small projects."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import pytest

APP = """\
import os
import sys


def double(x: int) -> str:
    return x * 2


def triple(x: int) -> str:
    return x * 3
"""
CLEAN = "def double(x: int) -> int:\n    return x * 2\n"
PY = sys.executable


# Unrelated plugins off in the inner runs: hypothesis's alone costs ~1.5 s per in-process run.
QUIET = "addopts = -p no:hypothesispytest -p no:benchmark -p no:randomly\n"


def gates(pytester: pytest.Pytester, *entries: str, extra: str = "") -> None:
    lines = "\n".join(f"    {entry}" for entry in entries)
    pytester.makeini(f"[pytest]\n{QUIET}prodguard_gates =\n{lines}\n{extra}")
    pytester.path.joinpath("ruff.toml").write_text('[lint]\nselect = ["F"]\n')


def report(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, dict[str, Any]]:
    result = pytester.runpytest("--prodguard-json=report.json", *args)
    assert "INTERNALERROR" not in result.stdout.str()
    return result, json.loads((pytester.path / "report.json").read_text())


def test_real_ruff_and_mypy_findings_are_exact(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    # mypy's typeshed cache survives between our own runs (cold mypy costs ~2 s of CPU); the
    # checked project is new every time, so its findings are computed afresh.
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        monkeypatch.setenv("MYPY_CACHE_DIR", str(cache.mkdir("prodguard-gates-mypy")))
    gates(pytester, "lint: ruff check .", "format: ruff format --check src", "types: mypy src")
    pytester.mkpydir("src")
    pytester.path.joinpath("src", "app.py").write_text(APP)
    pytester.path.joinpath("src", "ugly.py").write_text("values = [1,2]\n")
    pytester.makefile(".ini", mypy="[mypy]\n")
    result, data = report(pytester, "-p", "no:cacheprovider", "-v")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(
        [
            "*collected 3 items",
            "prodguard-gate::lint FAILED*",
            "prodguard-gate::format FAILED*",
            "prodguard-gate::types FAILED*",
            "prodguard gates: 2 new findings",
            "  [[]gates:ruff:F401[]] src/app.py:1:8: `os` imported but unused (fix: Remove unused import: `os`)",
            "  [[]gates:ruff:F401[]] src/app.py:2:8: `sys` imported but unused (fix: Remove unused import: `sys`)",
            "prodguard gates: File would be reformatted",
            '  [[]gates:mypy:return-value[]] src/app.py:6:12: Incompatible return value type (got "int", *',
            "FAILED prodguard-gate::format - prodguard gates: File would be reformatted",
        ]
    )
    mypy_message = 'Incompatible return value type (got "int", expected "str")'
    assert [
        (f["nodeid"], f["rule"], f["path"], f["line"], f["col"], f["message"], f["key"]) for f in data["findings"]
    ] == [
        (
            "prodguard-gate::lint",
            "ruff:F401",
            "src/app.py",
            1,
            8,
            "`os` imported but unused",
            "lint|`os` imported but unused",
        ),
        (
            "prodguard-gate::lint",
            "ruff:F401",
            "src/app.py",
            2,
            8,
            "`sys` imported but unused",
            "lint|`sys` imported but unused",
        ),
        (
            "prodguard-gate::format",
            "ruff:unformatted",
            "src/ugly.py",
            1,
            13,
            "File would be reformatted",
            "format|File would be reformatted",
        ),
        ("prodguard-gate::types", "mypy:return-value", "src/app.py", 6, 12, mypy_message, f"types|{mypy_message}"),
        ("prodguard-gate::types", "mypy:return-value", "src/app.py", 10, 12, mypy_message, f"types|{mypy_message}|2"),
    ]
    assert data["gates"]["gates"] == {"checked": 3, "passed": 0, "failed": 3, "known": 0, "warned": 0}


def test_a_green_gate_is_cached_until_an_input_changes(pytester: pytest.Pytester) -> None:
    gates(pytester, "lint: ruff check .", "format: ruff format --check .")
    pytester.path.joinpath("app.py").write_text(CLEAN)

    def statuses(*args: str) -> list[str]:
        result = pytester.runpytest("-v", *args)
        result.assert_outcomes(passed=2)
        return [
            line.split()[1] + (" cached" if "(cached)" in line else "")
            for line in result.outlines
            if line.startswith("prodguard-gate::")
        ]

    assert statuses() == ["PASSED", "PASSED"]
    result, data = report(pytester, "-v", "-rA")
    assert data["gates_cached"] == ["prodguard-gate::lint", "prodguard-gate::format"]
    assert data["gates"]["gates"] == {"checked": 2, "passed": 2, "failed": 0, "known": 0, "warned": 0}
    result.stdout.fnmatch_lines(
        [
            "prodguard-gate::lint PASSED (cached)*",
            "prodguard gates passed from cache (inputs unchanged since their last green run; "
            "--prodguard-gates-fresh runs them): lint, format",
        ]
    )
    assert statuses("--prodguard-gates-fresh") == ["PASSED", "PASSED"]
    pytester.path.joinpath("other.py").write_text("X = 1\n")  # a new file the tools read
    assert statuses() == ["PASSED", "PASSED"]
    pytester.path.joinpath("notes.txt").write_text("not read by ruff")
    assert statuses() == ["PASSED cached", "PASSED cached"]
    pytester.path.joinpath("ruff.toml").write_text('line-length = 100\n[lint]\nselect = ["F"]\n')
    assert statuses() == ["PASSED", "PASSED"]
    assert statuses("-p", "no:cacheprovider") == ["PASSED", "PASSED"]
    # A red run is never remembered: the same inputs fail again.
    pytester.path.joinpath("app.py").write_text("import os\n")
    for _ in range(2):
        pytester.runpytest("prodguard-gate::lint").assert_outcomes(failed=1)


def test_a_changed_tool_version_is_never_trusted(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in "ruff" whose --version we can change, to prove the version is part of the inputs.
    bin_dir = pytester.mkdir("bin")
    fake = bin_dir / "ruff"
    fake.write_text(f"#!{PY}\nimport sys\nprint(open('version.txt').read() if '--version' in sys.argv else '[]')\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", os.pathsep.join([str(bin_dir), os.environ["PATH"]]))
    gates(pytester, "lint: ruff check .")
    pytester.path.joinpath("version.txt").write_text("ruff 1.0")
    pytester.runpytest().assert_outcomes(passed=1)
    pytester.runpytest("-v").stdout.fnmatch_lines(["*PASSED (cached)*"])
    pytester.path.joinpath("version.txt").write_text("ruff 1.1")
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=1)
    assert "(cached)" not in result.stdout.str()


def test_gates_that_cannot_give_a_verdict_never_pass(pytester: pytest.Pytester) -> None:
    gates(
        pytester,
        "missing: no-such-tool-xyz --check",
        f'slow: {PY} -c "import time; time.sleep(30)"',
        f"boom: {PY} -c \"import sys; print('step 1'); print('bad things'); sys.exit(3)\"",
        "broken: ruff check --config missing.toml .",
        f"fine: {PY} -c pass",
        "nofile: ./not-here.sh",
        "noexec: ./garbage",
        extra="prodguard_gates_timeout = 1s\n",
    )
    garbage = pytester.path / "garbage"
    garbage.write_bytes(b"\x00\x01 not a program")
    garbage.chmod(0o755)
    result, data = report(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=4, errors=2)
    result.stdout.fnmatch_lines_random(
        [
            "prodguard gate 'missing': cannot run 'no-such-tool-xyz': not found on PATH "
            "(install it, or fix the command in prodguard_gates: no-such-tool-xyz --check)",
            "prodguard gate 'slow': timed out after 1s (prodguard_gates_timeout) and was stopped (command: *)",
            "*exited with status 3: bad things",
            "*Captured gate output call*",
            "step 1",
            "prodguard gates: ruff check --config missing.toml . exited with status 2: For more information*",
            "FAILED prodguard-gate::broken - prodguard gates: ruff check*",
            "prodguard gate 'nofile': cannot run './not-here.sh': no executable file at that path in the rootdir*",
            "prodguard gate 'noexec': cannot start './garbage': Exec format error (command: ./garbage)",
        ]
    )
    assert sorted((f["nodeid"], f["rule"]) for f in data["findings"]) == [
        ("prodguard-gate::boom", "exit-status"),
        ("prodguard-gate::broken", "ruff:exit-status"),
        ("prodguard-gate::missing", "not-found"),
        ("prodguard-gate::noexec", "cannot-start"),
        ("prodguard-gate::nofile", "not-found"),
        ("prodguard-gate::slow", "timeout"),
    ]
    assert data["gates"]["gates"] == {"checked": 7, "passed": 1, "failed": 6, "known": 0, "warned": 0}
    # Accepting these into the baseline does not make a gate without a verdict pass.
    pytester.runpytest("-p", "no:cacheprovider", "--prodguard-update-baseline", "prodguard-gate::missing")
    result, data = report(pytester, "-p", "no:cacheprovider", "prodguard-gate::missing")
    result.assert_outcomes(errors=1)
    assert [(f["rule"], f["known"]) for f in data["findings"]] == [("not-found", True)]


def test_gates_run_on_whole_runs_and_when_named(pytester: pytest.Pytester) -> None:
    gates(pytester, f"one: {PY} -c pass", f"two: {PY} -c pass")
    pytester.makepyfile(test_unit="def test_unit(): pass\n")

    def ran(*args: str) -> list[str]:
        result = pytester.runpytest("-v", *args)
        return sorted(line.split()[0] for line in result.outlines if " PASSED" in line)

    assert ran() == ["prodguard-gate::one", "prodguard-gate::two", "test_unit.py::test_unit"]
    assert ran("test_unit.py") == ["test_unit.py::test_unit"]
    assert ran("prodguard-gate::two") == ["prodguard-gate::two"]
    assert ran("prodguard-gate", "test_unit.py") == [
        "prodguard-gate::one",
        "prodguard-gate::two",
        "test_unit.py::test_unit",
    ]
    assert ran("-k", "prodguard-gate and one") == ["prodguard-gate::one"]
    result = pytester.runpytest("prodguard-gate::three")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: prodguard: unknown gate 'three' in argument 'prodguard-gate::three'; declared gates: one, two"]
    )
    pytester.makeini(f"[pytest]\n{QUIET}")
    result = pytester.runpytest("prodguard-gate")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: prodguard: argument 'prodguard-gate' names a gate, but prodguard_gates declares none"]
    )


def test_known_findings_pass_after_the_baseline_is_updated(pytester: pytest.Pytester) -> None:
    gates(pytester, "lint: ruff check .")
    pytester.makepyfile(app="import os\n")
    pytester.runpytest("--prodguard-update-baseline").assert_outcomes(passed=1)
    pytester.makepyfile(app="'''Docstring moves the import down a line.'''\nimport os\n")
    result, data = report(pytester)
    result.assert_outcomes(passed=1)
    assert [(f["rule"], f["line"], f["known"]) for f in data["findings"]] == [("ruff:F401", 2, True)]
    pytester.makepyfile(app="import os\nimport sys\n")
    report(pytester)[0].assert_outcomes(failed=1)


@pytest.mark.parametrize(
    ("ini", "env", "message"),
    [
        (
            "prodguard_gates = lint ruff",
            None,
            "*invalid value for prodguard_gates (from ini (tox.ini)): 'lint ruff': "
            "expected 'name: command', got 'lint ruff'*",
        ),
        (None, "fmt: ruff format .", "*invalid value for PRODGUARD_GATES (from env)*'ruff format' without --check*"),
        (
            "prodguard_gates_timeout = fast",
            None,
            "*invalid value for prodguard_gates_timeout (from ini (tox.ini)): 'fast'*",
        ),
        ("prodguard_gates_timeout = 0s", None, "*'0s': expected a duration above zero*"),
    ],
)
def test_bad_settings_are_one_line_usage_errors(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ini: str | None, env: str | None, message: str
) -> None:
    pytester.makefile(".ini", tox=f"[pytest]\n{QUIET}{ini or ''}\n")
    if env is not None:
        monkeypatch.setenv("PRODGUARD_GATES", env)
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


def test_gates_are_distributed_under_xdist_with_the_same_findings(pytester: pytest.Pytester) -> None:
    gates(pytester, "lint: ruff check .", f"boom: {PY} -c \"raise SystemExit('no')\"", f"fine: {PY} -c pass")
    pytester.makepyfile(app="import os\n")
    serial = report(pytester, "-p", "no:cacheprovider")[1]
    result, parallel = report(pytester, "-p", "no:cacheprovider", "-n", "2", "-v")
    result.assert_outcomes(passed=1, failed=2)
    assert {line.split()[0] for line in result.outlines if line.startswith("[gw")} == {"[gw0]", "[gw1]"}
    assert sorted(f["fingerprint"] for f in parallel["findings"]) == sorted(
        f["fingerprint"] for f in serial["findings"]
    )
    assert parallel["gates"] == serial["gates"]
    assert sorted(f["fingerprint"] for f in serial["findings"]) == [
        "gates|exit-status|prodguard-gate::boom|boom|exit-status",
        "gates|ruff:F401|app.py|lint|`os` imported but unused",
    ]

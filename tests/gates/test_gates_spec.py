"""Parsing ``prodguard_gates``, recognising tools, and what a gate's cache covers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pytest_prodguard.findings import Severity
from pytest_prodguard.gates.cache import covered_files, project_files
from pytest_prodguard.gates.items import relative_path, to_findings
from pytest_prodguard.gates.parsers import Issue
from pytest_prodguard.gates.spec import parse_gates
from pytest_prodguard.gates.tools import detect_tool, output_choice, runnable_argv


def test_entries_are_lines_or_semicolons_before_the_next_name() -> None:
    gates = parse_gates(
        """
        # comments and blank lines are skipped
        lint:   ruff check .
        grep: python -c "print('a;b')"; types: mypy src
        py: python -c 'x = 1; y: int = 2';fmt:ruff format --check .
        """
    )
    assert [(g.name, g.argv) for g in gates] == [
        ("lint", ("ruff", "check", ".")),
        ("grep", ("python", "-c", "print('a;b')")),
        ("types", ("mypy", "src")),
        ("py", ("python", "-c", "x = 1; y: int = 2")),
        ("fmt", ("ruff", "format", "--check", ".")),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ruff check .", "expected 'name: command', got 'ruff check .'"),
        ("9lint: ruff check .", "expected 'name: command'"),
        ("lint:", "gate 'lint' has no command"),
        ("lint: ruff check 'src", "gate 'lint': cannot split"),
        ("lint: ruff check . && mypy src", "commands run without a shell, so '&&'"),
        ("a: ruff check .\na: mypy", "gate 'a' is declared twice"),
        ("fmt: ruff format .", "'ruff format' without --check rewrites files"),
        ("fmt: npx prettier src", "'prettier' without --check"),
        ("lint: ruff check --fix .", "--fix rewrites files, so the gate would pass on what it changed"),
        ("fmt: prettier --check --write .", "--write rewrites files"),
    ],
)
def test_bad_entries_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_gates(text)


@pytest.mark.parametrize(
    ("command", "tool", "run_as"),
    [
        ("ruff check .", "ruff", "ruff check --output-format json ."),
        ("ruff format --check src", "ruff", "ruff format --check src"),
        ("ruff check --output-format=concise .", "ruff", "ruff check --output-format=concise ."),
        ("python -m mypy src", "mypy", "python -m mypy --show-column-numbers --no-pretty --no-color-output src"),
        ("npx tsc --noEmit", "tsc", "npx tsc --pretty false --noEmit"),
        ("pnpm exec eslint src", "eslint", "pnpm exec eslint --format json src"),
        ("uv run basedpyright", "pyright", "uv run basedpyright --outputjson"),
        ("npx prettier --check .", "prettier", "npx prettier --check ."),
        ("./lint.sh ruff", "", "./lint.sh ruff"),
        ("make lint", "", "make lint"),
    ],
)
def test_known_tools_are_asked_for_parseable_output(command: str, tool: str, run_as: str) -> None:
    (gate,) = parse_gates(f"g: {command}")
    assert gate.tool.name == tool
    assert " ".join(runnable_argv(gate.tool, gate.argv)) == run_as


def test_a_users_own_output_format_is_kept_and_judged_by_exit_status() -> None:
    argv = ("eslint", "-f", "stylish", "src")
    assert runnable_argv(detect_tool(argv), argv) == argv
    assert output_choice(detect_tool(argv), argv) == "other"


def test_a_gate_covers_its_tools_files_under_its_paths_and_every_config(tmp_path: Path) -> None:
    for name in ("src/a.py", "src/b.txt", "tests/t.py", "pyproject.toml", "sub/ruff.toml", ".hidden/x.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    files = project_files(tmp_path)
    assert ".hidden/x.py" not in files
    (lint,) = parse_gates("lint: ruff check src")
    assert covered_files(lint, tmp_path, files) == ["pyproject.toml", "src/a.py", "sub/ruff.toml"]
    (configured,) = parse_gates("lint: ruff check --config src/b.txt src/a.py")
    assert covered_files(configured, tmp_path, files) == ["pyproject.toml", "src/a.py", "src/b.txt", "sub/ruff.toml"]
    (types,) = parse_gates("types: mypy")
    assert covered_files(types, tmp_path, files) == ["pyproject.toml", "src/a.py", "sub/ruff.toml", "tests/t.py"]
    (other,) = parse_gates("other: ./check src")
    assert covered_files(other, tmp_path, files) == ["pyproject.toml", "src/a.py", "src/b.txt", "sub/ruff.toml"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_in_git_a_gate_covers_tracked_and_untracked_files_but_not_ignored_ones(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    for name in ("tracked.py", "untracked.py", "build/ignored.py", ".gitignore"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("build/\n" if name == ".gitignore" else "x\n")
    subprocess.run(["git", "add", "tracked.py"], cwd=tmp_path, check=True)
    assert project_files(tmp_path) == [".gitignore", "tracked.py", "untracked.py"]


def test_paths_become_rootdir_relative(tmp_path: Path) -> None:
    assert relative_path(str(tmp_path / "src" / "a.py"), tmp_path) == "src/a.py"
    assert relative_path("./src/../src/a.py", tmp_path) == "src/a.py"
    assert relative_path("/elsewhere/a.py", tmp_path) == "/elsewhere/a.py"
    assert relative_path(None, tmp_path) is None


def test_finding_keys_have_no_line_numbers_and_count_repeats(tmp_path: Path) -> None:
    issues = [
        Issue("mypy:return-value", "bad return", "a.py", 3, 5),
        Issue("mypy:return-value", "bad return", "a.py", 9, 5),
        Issue("mypy:misc", "hm", "a.py", 1, None, Severity.WARNING),
    ]
    findings = to_findings("types", issues, tmp_path)
    assert [f.key for f in findings] == ["types|bad return", "types|bad return|2", "types|hm"]
    assert findings[0].fingerprint == "gates|mypy:return-value|a.py|types|bad return"
    assert findings[2].severity is Severity.WARNING

"""Each parser on real output. The samples in ``samples/`` were captured once from TypeScript 7.0,
ESLint 10.15, Prettier 3.10, pyright 1.1.414 and ruff 0.17 (paths rewritten to /project); ruff
and mypy also run for real in test_gates_plugin.py."""

from __future__ import annotations

from pathlib import Path

from pytest_prodguard.findings import Severity
from pytest_prodguard.gates.parsers import (
    Issue,
    eslint_json,
    mypy_text,
    prettier_text,
    pyright_json,
    ruff_json,
    ruff_text,
    tsc_text,
)

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_tsc() -> None:
    assert tsc_text(sample("tsc.txt"), "") == [
        Issue("tsc:TS2322", "Type 'string' is not assignable to type 'number'.", "src/app.ts", 1, 7),
        Issue("tsc:TS2554", "Expected 0 arguments, but got 1.", "src/app.ts", 3, 27),
    ]
    assert tsc_text("error TS5083: Cannot read file '/p/tsconfig.json'.\n", "") == [
        Issue("tsc:TS5083", "Cannot read file '/p/tsconfig.json'.")
    ]


def test_eslint_errors_and_warnings() -> None:
    assert eslint_json(sample("eslint.json"), "") == [
        Issue("eslint:no-unused-vars", "'unused' is assigned a value but never used.", "/project/src/util.js", 1, 7),
        Issue("eslint:semi", "Missing semicolon.", "/project/src/util.js", 3, 17, Severity.WARNING, "run eslint --fix"),
    ]
    assert eslint_json("Oops! Something went wrong!", "") is None


def test_prettier_check_and_syntax_errors() -> None:
    unformatted = Issue("prettier:unformatted", "File is not formatted", "src/util.js", fix="run prettier --write")
    assert prettier_text("Checking formatting...\n", sample("prettier-warn.txt")) == [unformatted]
    assert prettier_text("", sample("prettier-error.txt")) == [
        Issue("prettier:syntax-error", "SyntaxError: Unexpected token", "src/broken.js", 1, 11),
        unformatted,
    ]
    assert prettier_text("src/util.js\n", "") == [unformatted]  # --list-different


def test_pyright_lines_and_columns_become_one_based() -> None:
    assert pyright_json(sample("pyright.json"), "") == [
        Issue(
            "pyright:reportReturnType", 'Type "int" is not assignable to return type "str"', "/project/py/bad.py", 2, 12
        ),
        Issue("pyright:reportUndefinedVariable", '"undefined_name" is not defined', "/project/py/bad.py", 5, 7),
    ]
    assert pyright_json("[]", "") is None


def test_ruff_concise_full_and_old_format_check_text() -> None:
    concise = (
        "b.py:1:8: F401 [*] `os` imported but unused\n"
        "syn.py:3:1: invalid-syntax: unexpected EOF while parsing\n"
        "Found 2 errors.\n"
        "Would reformat: c.py\n"
        "b.py:2:1: unformatted: File would be reformatted\n"
    )
    unformatted = Issue("ruff:unformatted", "File would be reformatted", "b.py", 2, 1, fix="run ruff format")
    assert ruff_text(concise, "") == [
        Issue("ruff:F401", "`os` imported but unused", "b.py", 1, 8),
        Issue("ruff:invalid-syntax", "unexpected EOF while parsing", "syn.py", 3, 1),
        Issue("ruff:unformatted", "File would be reformatted", "c.py", fix="run ruff format"),
        unformatted,
    ]
    assert ruff_text(sample("ruff-format-full.txt"), "") == [
        unformatted,
        Issue("ruff:invalid-syntax", "unexpected EOF while parsing", "syn.py", 1, 9),
    ]
    assert ruff_text("I001 [*] Import block is un-sorted or un-formatted\n --> b.py:1:1\n", "") == [
        Issue("ruff:I001", "Import block is un-sorted or un-formatted", "b.py", 1, 1)
    ]


def test_ruff_json_that_is_not_a_list_is_not_trusted() -> None:
    assert ruff_json('{"error": 1}', "") is None
    assert ruff_json("[1]", "") is None
    assert ruff_json("[]", "") == []


def test_mypy_skips_notes_and_summaries() -> None:
    text = (
        'a.py:2:12: error: Incompatible return value type (got "int", expected "str")  [return-value]\n'
        "a.py:2:12: note: See https://mypy.rtfd.io/en/stable/_refs.html#code-return-value for more info\n"
        "syn.py:3: error: Unexpected EOF while parsing  [syntax]\n"
        "c.py:1:1: warning: unused section(s) in config\n"
        "Found 2 errors in 2 files (checked 3 source files)\n"
    )
    assert mypy_text(text, "") == [
        Issue("mypy:return-value", 'Incompatible return value type (got "int", expected "str")', "a.py", 2, 12),
        Issue("mypy:syntax", "Unexpected EOF while parsing", "syn.py", 3, None),
        Issue("mypy:error", "unused section(s) in config", "c.py", 1, 1, Severity.WARNING),
    ]

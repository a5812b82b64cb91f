"""Turn a tool's output into issues: file, line, column, rule and message.

Each parser reads one documented output format (captured from the real tool in the tests'
samples). A parser returns ``None`` when the output is not in the format it expects, so the
gate falls back to judging the exit status with the output's tail instead of passing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..findings import Severity


@dataclass(frozen=True)
class Issue:
    """One problem a tool reported; ``path`` is as the tool printed it (absolute or relative)."""

    rule: str
    message: str
    path: str | None = None
    line: int | None = None
    col: int | None = None
    severity: Severity = Severity.ERROR
    fix: str | None = None


Parser = Callable[[str, str], list[Issue] | None]
"""``(stdout, stderr) -> issues``, or None when the output is not in the expected format."""


def strip_ansi(text: str) -> str:
    from .._text import strip_controls

    return strip_controls(text)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def ruff_json(stdout: str, stderr: str) -> list[Issue] | None:
    data = _json(stdout)
    if not isinstance(data, list):
        return None
    issues = []
    for entry in data:
        if not isinstance(entry, dict):
            return None
        location = entry.get("location") or {}
        fix = entry.get("fix") or {}
        code = entry.get("code") or "syntax-error"
        fix_text = fix.get("message") if isinstance(fix, dict) else None
        if code == "unformatted":
            fix_text = "run ruff format"
        issues.append(
            Issue(
                rule=f"ruff:{code}",
                message=str(entry.get("message", "")),
                path=entry.get("filename"),
                line=location.get("row"),
                col=location.get("column"),
                fix=fix_text,
            )
        )
    return issues


_RUFF_CONCISE_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[\w-]+):? (?:\[\*\] )?(?P<msg>.*)$")
_RUFF_REFORMAT_RE = re.compile(r"^Would reformat: (?P<path>.+)$")
_RUFF_HEADER_RE = re.compile(r"^(?P<code>[A-Z]+\d+|[a-z][a-z-]*):? (?:\[\*\] )?(?P<msg>.+)$")
_RUFF_ARROW_RE = re.compile(r"^\s*--> (?P<path>.+?):(?P<line>\d+):(?P<col>\d+)$")


def _ruff_issue(code: str, message: str, path: str, line: int | None = None, col: int | None = None) -> Issue:
    if code == "unformatted" or message == "File would be reformatted":
        return Issue("ruff:unformatted", "File would be reformatted", path, line, col, fix="run ruff format")
    return Issue(f"ruff:{code}", message, path, line, col)


def ruff_text(stdout: str, stderr: str) -> list[Issue] | None:
    """ruff's text output: ``concise``, ``full`` (a header, then `` --> path:line:col``) and the
    ``Would reformat: path`` lines of older ``ruff format --check``."""
    issues = []
    previous = ""
    for line in strip_ansi(stdout).splitlines():
        if match := _RUFF_CONCISE_RE.match(line):
            issues.append(
                _ruff_issue(match["code"], match["msg"], match["path"], int(match["line"]), int(match["col"]))
            )
        elif match := _RUFF_REFORMAT_RE.match(line):
            issues.append(_ruff_issue("unformatted", "", match["path"]))
        elif (match := _RUFF_ARROW_RE.match(line)) and (header := _RUFF_HEADER_RE.match(previous)):
            issues.append(
                _ruff_issue(header["code"], header["msg"], match["path"], int(match["line"]), int(match["col"]))
            )
        previous = line
    return issues


_MYPY_RE = re.compile(
    r"^(?P<path>[^:\n]+?):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<sev>error|warning|note): "
    r"(?P<msg>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)


def mypy_text(stdout: str, stderr: str) -> list[Issue] | None:
    """``path:line:col: error: message  [code]``; notes only explain the error before them."""
    issues = []
    for line in strip_ansi(stdout).splitlines():
        match = _MYPY_RE.match(line)
        if match is None or match["sev"] == "note":
            continue
        severity = Severity.ERROR if match["sev"] == "error" else Severity.WARNING
        issues.append(
            Issue(
                f"mypy:{match['code'] or 'error'}",
                match["msg"],
                match["path"],
                int(match["line"]),
                int(match["col"]) if match["col"] else None,
                severity,
            )
        )
    return issues


_TSC_RE = re.compile(
    r"^(?P<path>.+?)\((?P<line>\d+),(?P<col>\d+)\): (?P<sev>error|warning) (?P<code>TS\d+): (?P<msg>.*)$"
)
_TSC_GLOBAL_RE = re.compile(r"^(?P<sev>error|warning) (?P<code>TS\d+): (?P<msg>.*)$")


def tsc_text(stdout: str, stderr: str) -> list[Issue] | None:
    """``path(line,col): error TS2322: message`` (``--pretty false``)."""
    issues = []
    for line in strip_ansi(stdout).splitlines():
        if match := _TSC_RE.match(line):
            issues.append(
                Issue(f"tsc:{match['code']}", match["msg"], match["path"], int(match["line"]), int(match["col"]))
            )
        elif match := _TSC_GLOBAL_RE.match(line):
            issues.append(Issue(f"tsc:{match['code']}", match["msg"]))
    return issues


def eslint_json(stdout: str, stderr: str) -> list[Issue] | None:
    data = _json(stdout)
    if not isinstance(data, list):
        return None
    issues = []
    for result in data:
        if not isinstance(result, dict):
            return None
        for message in result.get("messages", ()):
            severity = Severity.ERROR if message.get("severity") == 2 else Severity.WARNING
            rule = message.get("ruleId") or ("syntax-error" if message.get("fatal") else "error")
            issues.append(
                Issue(
                    f"eslint:{rule}",
                    str(message.get("message", "")),
                    result.get("filePath"),
                    message.get("line"),
                    message.get("column"),
                    severity,
                    "run eslint --fix" if "fix" in message else None,
                )
            )
    return issues


_PRETTIER_WARN_RE = re.compile(r"^\[warn\] (?P<path>.+)$")
_PRETTIER_ERROR_RE = re.compile(r"^\[error\] (?P<path>[^:\s][^:]*): (?P<msg>.*?)(?: \((?P<line>\d+):(?P<col>\d+)\))?$")


def prettier_text(stdout: str, stderr: str) -> list[Issue] | None:
    """``prettier --check`` (``[warn] path`` per file) or ``--list-different`` (a path per line)."""
    issues = []
    for line in strip_ansi(stderr + "\n" + stdout).splitlines():
        if match := _PRETTIER_WARN_RE.match(line):
            if not match["path"].startswith("Code style issues"):
                issues.append(
                    Issue("prettier:unformatted", "File is not formatted", match["path"], fix="run prettier --write")
                )
        elif match := _PRETTIER_ERROR_RE.match(line):
            issues.append(
                Issue(
                    "prettier:syntax-error",
                    match["msg"],
                    match["path"],
                    int(match["line"]) if match["line"] else None,
                    int(match["col"]) if match["col"] else None,
                )
            )
        elif line and not line.startswith(("[", "Checking formatting", "Error occurred", "All matched")):
            issues.append(Issue("prettier:unformatted", "File is not formatted", line, fix="run prettier --write"))
    return issues


_PYRIGHT_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "information": Severity.INFO}


def pyright_json(stdout: str, stderr: str) -> list[Issue] | None:
    data = _json(stdout)
    if not isinstance(data, dict) or not isinstance(data.get("generalDiagnostics"), list):
        return None
    issues = []
    for diagnostic in data["generalDiagnostics"]:
        start = (diagnostic.get("range") or {}).get("start") or {}
        line, col = start.get("line"), start.get("character")
        issues.append(
            Issue(
                f"pyright:{diagnostic.get('rule') or 'error'}",
                # pyright explains an error on indented lines after the first; the first says it.
                str(diagnostic.get("message", "")).splitlines()[0] if diagnostic.get("message") else "",
                diagnostic.get("file"),
                line + 1 if isinstance(line, int) else None,
                col + 1 if isinstance(col, int) else None,
                _PYRIGHT_SEVERITY.get(diagnostic.get("severity", "error"), Severity.ERROR),
            )
        )
    return issues


def _well_formed(issue: Issue) -> bool:
    def whole(value: object) -> bool:
        return value is None or (isinstance(value, int) and not isinstance(value, bool))

    return (
        isinstance(issue.rule, str)
        and isinstance(issue.message, str)
        and (issue.path is None or isinstance(issue.path, str))
        and whole(issue.line)
        and whole(issue.col)
        and (issue.fix is None or isinstance(issue.fix, str))
    )


def parse_output(parser: Parser, stdout: str, stderr: str) -> list[Issue] | None:
    """Run ``parser``; output of the wrong shape (JSON with other keys or types) gives None.

    The gate then judges the exit status with the output's tail, as for an unknown format:
    a tool's surprise never becomes a traceback, and never a pass.
    """
    try:
        issues = parser(stdout, stderr)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError, RecursionError):
        return None
    if issues is not None and not all(_well_formed(issue) for issue in issues):
        return None
    return issues


PARSERS: dict[tuple[str, str], Parser] = {
    ("ruff", "json"): ruff_json,
    ("ruff", "text"): ruff_text,
    ("mypy", "text"): mypy_text,
    ("tsc", "text"): tsc_text,
    ("eslint", "json"): eslint_json,
    ("prettier", "text"): prettier_text,
    ("pyright", "json"): pyright_json,
}

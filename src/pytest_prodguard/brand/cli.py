"""``prodguard-brand``: the brand check from the command line, for pre-commit hooks and editors.

It runs the engine a pytest run uses, on the settings that run would read (the ``prodguard_brand_*``
keys of pytest's configuration file, ``PRODGUARD_BRAND_*`` variables, then flags), and honours the
baseline, so a file passes here exactly when its ``::brand`` item passes under pytest. It never
imports pytest: a hook that checks one stylesheet should not pay for starting a test run.

Exit status: 0 no new error (warnings and known findings are shown but pass), 1 new errors,
2 a usage, configuration or token problem (nothing was checked) or an unreadable file (the
others are still checked).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from ..config import Option, Settings, resolve_from
from ..findings import Finding, Severity
from ..inifile import IniError, IniFile, locate, read
from .engine import MARKUP_SUFFIXES, BrandError, Engine, scan_file, shown, to_findings
from .options import OPTIONS, PATHS, profile_from

PROG = "prodguard-brand"
CHECKED_SUFFIXES = frozenset({".css", *MARKUP_SUFFIXES})
#: Short flags for the command line; each also answers to its pytest spelling (--prodguard-brand-...).
SHORT = {"brand_tokens": "--tokens", "brand_tolerance": "--tolerance", "brand_literals": "--literals"}
SHORT |= {"brand_fonts": "--fonts", "brand_scales": "--scales", "brand_themes": "--themes"}
SHORT |= {"brand_unknown": "--unknown", "brand_runtime_vars": "--runtime-vars"}


class UsageProblem(Exception):
    """A mistake in how the command was called; nothing was checked."""


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    arguments = _parser().parse_args(argv)
    try:
        return _run(arguments, out, err)
    except (UsageProblem, IniError, BrandError) as exc:
        _error(err, exc)
        return 2


def _error(err: TextIO, problem: Exception) -> None:
    print(f"{PROG}: error: {str(problem).removeprefix('prodguard: ')}", file=err)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check stylesheets, HTML and SVG against the brand's design tokens "
        "(pytest-prodguard's brand check, without starting pytest).",
        epilog="Settings not given here come from PRODGUARD_BRAND_* variables and the prodguard_brand_* keys "
        "of the pytest configuration file (pytest.ini, pyproject.toml, tox.ini, setup.cfg), found as pytest "
        "finds it. Exit status: 0 no new error, 1 new errors, 2 a usage or configuration problem "
        "or an unreadable file.",
    )
    parser.add_argument(
        "paths", nargs="*", help="files or directories to check (default: the prodguard_brand_paths globs)"
    )
    for option in OPTIONS:
        if option is PATHS:
            continue
        flags = [SHORT[option.knob], option.cli_flag] if option.knob in SHORT else [option.cli_flag]
        metavar = option.knob.rsplit("_", 1)[-1].upper()
        parser.add_argument(*flags, dest=option.ini_name, metavar=metavar, help=f"{option.help} ({option.accepts})")
    parser.add_argument("-c", "--config-file", type=Path, help="read settings from this file instead of searching")
    parser.add_argument("--rootdir", type=Path, help="resolve globs, token files and the baseline from here")
    parser.add_argument("--baseline", help="baseline file of known findings (default: prodguard_baseline)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


def _run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    cwd = Path.cwd()
    ini = read(arguments.config_file) if arguments.config_file else locate(arguments.paths, cwd)
    root = (cwd / arguments.rootdir).resolve() if arguments.rootdir else ini.rootdir
    values = _settings(arguments, ini)
    engine = Engine(root)
    profile = profile_from(values)
    configured = values.get(PATHS)
    files = _named_files(arguments.paths, cwd) if arguments.paths else _configured_files(root, configured)
    engine.learn({*files, *(_configured_files(root, configured, strict=False))})
    engine.palette(profile)  # a token problem is reported once, before any file
    known = _baseline(arguments, values, root)
    findings: list[Finding] = []
    checked, unreadable = 0, 0
    for path in files:
        try:
            scan = scan_file(engine, profile, path)
        except BrandError as exc:  # one unreadable file: say so, check the others
            _error(err, exc)
            unreadable += 1
            continue
        checked += scan.checked
        for finding in to_findings(scan.issues, shown(path, root)):
            findings.append(replace(finding, known=finding.fingerprint in known))
    if arguments.format == "json":
        _json(out, files, root, checked, findings)
    else:
        _text(out, files, checked, findings)
    if unreadable:
        return 2
    return 1 if any(finding.fails for finding in findings) else 0


def _settings(arguments: argparse.Namespace, ini: IniFile) -> Settings:
    from ..options import BASELINE

    options: list[Option[Any]] = [*OPTIONS, BASELINE]
    given = vars(arguments)
    return resolve_from(
        options,
        ini=ini.get,
        ini_source=ini.source,
        cli=given.get,
        environ=os.environ,
        error=UsageProblem,
    )


def _named_files(paths: Sequence[str], cwd: Path) -> list[Path]:
    files: list[Path] = []
    for entry in paths:
        path = (cwd / entry).resolve()
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in CHECKED_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageProblem(f"{entry}: no such file or directory")
    if not files:
        raise UsageProblem(f"no stylesheet, HTML or SVG file under {', '.join(paths)}: nothing was checked")
    return list(dict.fromkeys(files))


def _configured_files(root: Path, patterns: tuple[str, ...], *, strict: bool = True) -> list[Path]:
    from ..files import matching_files

    if not patterns:
        if strict:
            raise UsageProblem("nothing to check: name files or directories, or set prodguard_brand_paths")
        return []
    files = matching_files(root, patterns)
    if strict and not files:
        raise UsageProblem(f"prodguard_brand_paths ({', '.join(patterns)}) matched no file under {root}")
    return files


def _baseline(arguments: argparse.Namespace, values: Settings, root: Path) -> frozenset[str]:
    from ..baseline import BaselineError, load
    from ..options import BASELINE

    path = Path(arguments.baseline) if arguments.baseline else root / values.get(BASELINE)
    try:
        return frozenset(load(path).findings)
    except BaselineError as exc:
        raise UsageProblem(str(exc)) from None


def _text(out: TextIO, files: list[Path], checked: int, findings: list[Finding]) -> None:
    for finding in findings:
        if not finding.known:
            label = "" if finding.severity == Severity.ERROR else f"{finding.severity.value}: "
            print(f"{label}{finding.describe()} [{finding.rule}]", file=out)
    errors = sum(1 for f in findings if f.fails)
    warnings = sum(1 for f in findings if not f.known and f.severity != Severity.ERROR)
    known = sum(1 for f in findings if f.known)
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if known:
        summary += f", {known} known (baseline)"
    noun = "file" if len(files) == 1 else "files"
    print(f"{PROG}: {len(files)} {noun}, {checked} declarations checked: {summary}", file=out)


def _json(out: TextIO, files: list[Path], root: Path, checked: int, findings: list[Finding]) -> None:
    import json

    document = {
        "files": [shown(path, root) for path in files],
        "checked": checked,
        "findings": [finding.to_dict() for finding in findings],
    }
    json.dump(document, out, indent=2)
    out.write("\n")

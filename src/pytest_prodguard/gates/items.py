"""The collected item ``prodguard-gate::<name>``: run the command, record what it found."""

from __future__ import annotations

import os
import shlex
from collections import Counter
from pathlib import Path
from typing import Any, NoReturn

import pytest

from .._text import clean
from ..findings import Finding, Severity, finding_from
from ..markers import fail
from ..record import mark_checked, record_finding, record_measurement, settings
from .cache import CACHE_PREFIX, inputs_digest
from .options import CACHED_PROPERTY, GATE, GATES_FRESH, GATES_TIMEOUT, GROUP
from .parsers import PARSERS, Issue, parse_output
from .runner import Completed, GateError, gate_environment, resolve_executable, run
from .spec import GateSpec
from .tools import output_choice, runnable_argv


class GateGroup(pytest.Collector):
    """The parent of every gate item, so node ids read ``prodguard-gate::<name>``."""

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        return []


class GateItem(pytest.Item):
    def __init__(self, *, spec: GateSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self.executable = ""

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{GROUP}::{self.name}"

    def setup(self) -> None:
        program = self.spec.argv[0]
        found = resolve_executable(program, self.config.rootpath, gate_environment())
        if found is None:
            where = "no executable file at that path in the rootdir" if "/" in program else "not found on PATH"
            fix = f"install it, or fix the command in prodguard_gates: {self.spec.command}"
            self._no_verdict("not-found", f"cannot run {program!r}: {where} ({fix})")
        self.executable = found or program

    def _no_verdict(self, rule: str, problem: str) -> NoReturn:
        """Fail (setup: error) whatever the baseline says; the finding reaches reports and annotations."""
        record_finding(
            self,
            Finding(gate=GATE, rule=rule, message=problem, target=f"{GROUP}::{self.name}", key=f"{self.name}|{rule}"),
        )
        fail(f"prodguard gate {self.name!r}: {problem}")

    def runtest(self) -> None:
        config = self.config
        root = config.rootpath
        tool = self.spec.tool
        argv = runnable_argv(tool, self.spec.argv)
        env = gate_environment()
        cache = getattr(config, "cache", None)
        digest = None
        if cache is not None:
            digest = inputs_digest(self.spec, argv, self.executable, root, env)
            fresh = settings(config).get(GATES_FRESH)
            if digest is not None and not fresh and cache.get(CACHE_PREFIX + self.name, None) == digest:
                self._passed_from_cache()
                return
        try:
            completed = run(argv, root, settings(config).get(GATES_TIMEOUT), env)
        except GateError as exc:
            self._no_verdict(exc.rule, f"{exc} (command: {shlex.join(argv)})")
        self._judge(argv, completed, cache, digest)

    def _judge(
        self, argv: tuple[str, ...], completed: Completed, cache: pytest.Cache | None, digest: str | None
    ) -> None:
        findings = self._findings(argv, completed)
        mark_checked(self, GATE)
        record_measurement(self, GATE, {"tool": self.spec.tool.name, "exit_status": completed.returncode})
        for finding in findings:
            record_finding(self, finding)
        if any(f.rule.endswith("exit-status") for f in findings):
            # Only when the verdict rests on the exit status: parsed findings already say it all.
            self.add_report_section("call", "gate output", completed.tail() or "(no output)")
        if cache is not None and digest is not None and completed.returncode == 0 and not findings:
            cache.set(CACHE_PREFIX + self.name, digest)

    def _passed_from_cache(self) -> None:
        mark_checked(self, GATE)
        self.user_properties.append((CACHED_PROPERTY, "inputs unchanged since the last green run"))
        self.add_report_section(
            "call",
            "prodguard gate",
            f"{self.name}: passed from cache (inputs unchanged since its last green run; "
            "--prodguard-gates-fresh runs it again)",
        )

    def _findings(self, argv: tuple[str, ...], completed: Completed) -> list[Finding]:
        tool = self.spec.tool
        parser = PARSERS.get((tool.name, output_choice(tool, argv)))
        issues = parse_output(parser, completed.stdout, completed.stderr) if parser else None
        found = to_findings(self.name, issues or [], self.config.rootpath)
        if completed.returncode != 0 and not any(f.severity == Severity.ERROR for f in found):
            label = f"{tool.name}:exit-status" if tool.known else "exit-status"
            tail = completed.tail().splitlines()
            message = f"{self.spec.command} exited with status {completed.returncode}"
            message += f": {clean(tail[-1].strip(), 300)}" if tail else " and printed nothing"
            found.append(
                Finding(
                    gate=GATE,
                    rule=label,
                    message=message,
                    target=f"{GROUP}::{self.name}",
                    key=f"{self.name}|exit-status",
                    details={"gate": self.name, "exit_status": completed.returncode, "output_tail": completed.tail()},
                )
            )
        return found


def relative_path(path: str | None, root: Path) -> str | None:
    if not path:
        return None
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else root / candidate
    normal = Path(os.path.normpath(absolute))
    try:
        return normal.relative_to(root).as_posix()
    except ValueError:
        return normal.as_posix()


def to_findings(gate_name: str, issues: list[Issue], root: Path) -> list[Finding]:
    """Findings whose baseline key is gate, rule, file and message (and which repeat), never a line."""
    seen: Counter[tuple[str, str | None, str]] = Counter()
    findings = []
    for issue in issues:
        path = relative_path(issue.path, root)
        seen[(issue.rule, path, issue.message)] += 1
        repeat = seen[(issue.rule, path, issue.message)]
        key = f"{gate_name}|{issue.message}" + (f"|{repeat}" if repeat > 1 else "")
        findings.append(finding_from(GATE, issue, key=key, path=path, details={"gate": gate_name}))
    return findings

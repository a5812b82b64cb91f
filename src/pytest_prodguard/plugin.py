"""The ``prodguard`` pytest plugin: settings, parts, and the findings flow every part uses.

Registered through the ``pytest11`` entry point (or ``-p prodguard``). It declares all options
and markers, resolves the settings once, loads the baseline, registers each enabled part as
``prodguard.<part>`` and moves findings from items to reports to the controller's ledger.
"""

from __future__ import annotations

from collections.abc import Generator
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

from . import __version__, baseline, hookspecs
from ._longrepr import FindingsRepr, describe, fail_report, summarise
from .config import Option, add_options, resolve
from .findings import Finding, Ledger
from .options import BASELINE, OPTIONS, UPDATE_BASELINE
from .parts import PARTS
from .record import BASELINE_KEY, LEDGER_KEY, SETTINGS_KEY, is_controller, take_pending

MAX_PROPERTIES = 20


def all_options() -> tuple[list[Option[Any]], list[str]]:
    options = list(OPTIONS)
    markers: list[str] = []
    for part in PARTS:
        part_options, part_markers = part.declared()
        options.extend(part_options)
        markers.extend(part_markers)
    return options, markers


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser, all_options()[0])


def baseline_path(config: pytest.Config) -> Path:
    path = config.stash[SETTINGS_KEY].get(BASELINE)
    return path if path.is_absolute() else config.rootpath / path


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    options, markers = all_options()
    config.stash[SETTINGS_KEY] = resolve(config, options)
    for marker in markers:
        config.addinivalue_line("markers", marker)
    try:
        config.stash[BASELINE_KEY] = baseline.load(baseline_path(config))
    except baseline.BaselineError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[LEDGER_KEY] = Ledger()
    manager = config.pluginmanager
    manager.register(FindingsFlow(config), "prodguard.flow")
    for part in PARTS:
        name = f"prodguard.{part.name}"
        if not manager.is_blocked(name) and not manager.has_plugin(name):
            manager.register(import_module(part.plugin), name)


def enabled_parts(config: pytest.Config) -> list[str]:
    return [part.name for part in PARTS if config.pluginmanager.has_plugin(f"prodguard.{part.name}")]


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS_KEY]
    chosen = [f"{knob}={s.raw} ({s.source})" for knob, s in settings.items() if s.source != "default"]
    line = f"prodguard {__version__}: parts {', '.join(enabled_parts(config)) or 'none'}"
    line += "; settings " + (", ".join(chosen) if chosen else "all default")
    return [line]


class FindingsFlow:
    """Moves findings from items onto reports (every process) and into the ledger (controller)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.controller = is_controller(config)
        self.updating = config.stash[SETTINGS_KEY].get(UPDATE_BASELINE)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        item.ihook.pytest_prodguard_judge(item=item, call=call)
        report = yield
        pending = take_pending(item)
        if pending:
            self._attach(item, report, pending.findings, sorted(pending.checked), pending.measurements)
        return report

    def _attach(
        self,
        item: pytest.Item,
        report: pytest.TestReport,
        findings: list[Finding],
        checked: list[str],
        measurements: dict[str, Any],
    ) -> None:
        payload: dict[str, Any] = {
            "findings": [f.to_dict() for f in findings],
            "checked": checked,
            "measurements": measurements,
        }
        failing = [f for f in findings if f.fails]
        properties = [(f"prodguard.{f.gate}.{f.rule}", f.describe()) for f in findings[:MAX_PROPERTIES]]
        item.user_properties.extend(properties)
        if report.when == "teardown":
            report.user_properties.extend(properties)
        if failing and report.passed:
            summary = summarise(failing)
            fail_report(report, summary, describe(failing, summary))
            payload["summary"] = summary
        elif findings:
            title = "prodguard findings (known in the baseline, warnings, or accepted by this update)"
            report.sections.append(("prodguard", describe(findings, title)))
        # Extra report attributes travel with the report through xdist's serialisation.
        report.__dict__["prodguard"] = payload

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if not self.controller:
            return
        ledger = self.config.stash[LEDGER_KEY]
        ledger.ran.add(report.nodeid)
        ledger.durations[report.nodeid] = ledger.durations.get(report.nodeid, 0.0) + report.duration
        payload = getattr(report, "prodguard", None)
        if not payload:
            return
        summary = payload.get("summary")
        if summary and isinstance(report.longrepr, str):
            # xdist sends our failure text as a plain string; restore the one-line summary.
            report.longrepr = FindingsRepr(summary, report.longrepr).as_longrepr()
        for finding in ledger.add(report.nodeid, payload):
            self.config.hook.pytest_prodguard_finding(config=self.config, finding=finding)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not (self.controller and self.updating):
            return
        if exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR):
            self._say("prodguard: run was interrupted; the baseline was not updated")
            return
        ledger = self.config.stash[LEDGER_KEY]
        old = self.config.stash[BASELINE_KEY]
        new = baseline.merged(old, ledger.findings, ledger.measurements, ledger.ran)
        baseline.save(new)
        self.config.stash[BASELINE_KEY] = new
        self._say(f"prodguard: baseline written to {new.path} ({len(new.findings)} known findings)")

    def _say(self, text: str) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(text)

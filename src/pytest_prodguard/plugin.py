"""The ``prodguard`` pytest plugin: settings, parts, and the findings flow every part uses.

Registered through the ``pytest11`` entry point (or ``-p prodguard``). It declares all options
and markers, resolves the settings once, loads the baseline, registers each enabled part as
``prodguard.<part>`` and moves findings from items to reports to the controller's ledger.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import __version__, hookspecs
from .config import Option, add_options, resolve
from .flow import Activator
from .options import BASELINE, OPTIONS, UPDATE_BASELINE
from .parts import PARTS
from .record import BASELINE_KEY, DURATIONS_KEY, SETTINGS_KEY, is_controller, ledger

if TYPE_CHECKING:
    pass


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
    config.stash[BASELINE_KEY] = load_baseline(config)
    config.stash[DURATIONS_KEY] = {}
    manager = config.pluginmanager
    manager.register(Activator(config), "prodguard.activator")
    if is_controller(config):
        manager.register(RunLedger(config), "prodguard.ledger")
    for part in PARTS:
        name = f"prodguard.{part.name}"
        if not manager.is_blocked(name) and not manager.has_plugin(name):
            manager.register(import_module(part.plugin), name)


def load_baseline(config: pytest.Config) -> Any:
    """The baseline, or None when there is no file (then the reader is never imported)."""
    path = baseline_path(config)
    if not path.exists() and not config.stash[SETTINGS_KEY].get(UPDATE_BASELINE):
        return None
    from . import baseline

    try:
        return baseline.load(path)
    except baseline.BaselineError as exc:
        raise pytest.UsageError(str(exc)) from None


def enabled_parts(config: pytest.Config) -> list[str]:
    return [part.name for part in PARTS if config.pluginmanager.has_plugin(f"prodguard.{part.name}")]


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS_KEY]
    chosen = [f"{knob}={s.raw} ({s.source})" for knob, s in settings.items() if s.source != "default"]
    line = f"prodguard {__version__}: parts {', '.join(enabled_parts(config)) or 'none'}"
    line += "; settings " + (", ".join(chosen) if chosen else "all default")
    return [line]


class RunLedger:
    """On the controller: collects each report's findings once, and every test's duration."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.updating = config.stash[SETTINGS_KEY].get(UPDATE_BASELINE)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        durations = self.config.stash[DURATIONS_KEY]
        durations[report.nodeid] = durations.get(report.nodeid, 0.0) + report.duration
        payload = getattr(report, "prodguard", None)
        if not payload:
            return
        summary = payload.get("summary")
        if summary and isinstance(report.longrepr, str):
            from ._longrepr import FindingsRepr

            # xdist sends our failure text as a plain string; restore the one-line summary.
            report.longrepr = FindingsRepr(summary, report.longrepr).as_longrepr()
        for finding in ledger(self.config).add(report.nodeid, payload):
            self.config.hook.pytest_prodguard_finding(config=self.config, finding=finding)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.updating:
            return
        if exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR):
            self._say("prodguard: run was interrupted; the baseline was not updated")
            return
        from . import baseline

        run = ledger(self.config)
        old = self.config.stash[BASELINE_KEY] or baseline.Baseline(baseline_path(self.config))
        durations = self.config.stash[DURATIONS_KEY]
        new = baseline.merged(old, run.findings, run.measurements, set(durations))
        baseline.save(new)
        self.config.stash[BASELINE_KEY] = new
        self._say(f"prodguard: baseline written to {new.path} ({len(new.findings)} known findings)")

    def _say(self, text: str) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(text)

"""The ``prodguard`` pytest plugin: settings, parts, and the findings flow every part uses.

Registered through the ``pytest11`` entry point (or ``-p prodguard``). It declares all options
and markers, resolves the settings once, loads the baseline, registers the findings flow
(:mod:`.attach`) and each enabled part as ``prodguard.<part>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest

from . import __version__, hookspecs, suite
from . import options as core_options
from .a11y import options as a11y_options
from .a11y import plugin as a11y_plugin
from .attach import FindingsFlow
from .brand import options as brand_options
from .brand import plugin as brand_plugin
from .browser import options as browser_options
from .browser import plugin as browser_plugin
from .budgets import options as budgets_options
from .budgets import plugin as budgets_plugin
from .config import Option, add_options, resolve
from .gates import options as gates_options
from .gates import plugin as gates_plugin
from .keys import BASELINE_KEY, BASELINE_WRITTEN_KEY, MARKERS_KEY, REPORTS_KEY, SETTINGS_KEY, is_controller
from .ledger import ledger
from .markers import marker_names
from .options import BASELINE, UPDATE_BASELINE
from .pathargs import check_command_line
from .report import plugin as report_plugin
from .web import options as web_options
from .web import plugin as web_plugin


class Part(NamedTuple):
    """A part of prodguard: a pytest plugin registered as ``prodguard.<name>``.

    The core declares every part's options and markers up front, so ``-p no:prodguard.<name>``
    switches a part off while its settings stay valid (also under ``--strict-config``). Each
    part's plugin module stays small and imports its machinery when a test first needs it.
    """

    name: str
    plugin: ModuleType
    options: ModuleType | None = None
    """Module with ``OPTIONS`` (and optionally ``MARKERS``) that the core declares for the part."""

    def declared(self) -> tuple[list[Option[Any]], list[str]]:
        if self.options is None:
            return [], []
        return list(self.options.OPTIONS), list(getattr(self.options, "MARKERS", []))


PARTS: Sequence[Part] = (
    Part("suite", suite),
    Part("browser", browser_plugin, browser_options),
    Part("budgets", budgets_plugin, budgets_options),
    Part("brand", brand_plugin, brand_options),
    Part("a11y", a11y_plugin, a11y_options),
    Part("gates", gates_plugin, gates_options),
    Part("web", web_plugin, web_options),
    Part("report", report_plugin),
)


@cache
def all_options() -> tuple[tuple[Option[Any], ...], tuple[str, ...]]:
    """Every option and marker of the core and the parts (declarations never change in a process)."""
    options = list(core_options.OPTIONS)
    markers: list[str] = []
    for part in PARTS:
        part_options, part_markers = part.declared()
        options.extend(part_options)
        markers.extend(part_markers)
    return tuple(options), tuple(markers)


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
    if is_controller(config):
        check_command_line(config, options)
    config.stash[SETTINGS_KEY] = resolve(config, options)
    for marker in markers:
        config.addinivalue_line("markers", marker)
    config.stash[BASELINE_KEY] = load_baseline(config)
    manager = config.pluginmanager
    manager.register(FindingsFlow(config), "prodguard.attach")
    if is_controller(config) and config.stash[SETTINGS_KEY].get(UPDATE_BASELINE):
        manager.register(BaselineWriter(config), "prodguard.baseline")
    for part in PARTS:
        name = f"prodguard.{part.name}"
        if not manager.is_blocked(name) and not manager.has_plugin(name):
            manager.register(part.plugin, name)
    if is_controller(config):
        ledger(config).parts = [part.name for part in PARTS if manager.has_plugin(f"prodguard.{part.name}")]


def pytest_sessionstart(session: pytest.Session) -> None:
    # Not in pytest_configure: ours runs first there, before pytest registers its terminal reporter.
    config = session.config
    manager = config.pluginmanager
    if is_controller(config) and not manager.has_plugin("terminalreporter") and REPORTS_KEY not in config.stash:
        config.stash[REPORTS_KEY] = []
        manager.register(ReportCollector(config), "prodguard.reports")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """One walk over the collected tests tells every part which of its markers are in use."""
    session.config.stash[MARKERS_KEY] = marker_names(session.items)


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


def _one_line(raw: str | None) -> str:
    """Multi-line settings (gates, presets) shown on the header's one line."""
    return "; ".join(line.strip() for line in (raw or "").splitlines() if line.strip())


HEADER_WIDTH = 100
SHOWN_VALUE = 60


def _shown(raw: str | None) -> str:
    text = _one_line(raw)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 3] + "..."


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS_KEY]
    parts = [part.name for part in PARTS if config.pluginmanager.has_plugin(f"prodguard.{part.name}")]
    chosen = [f"{knob}={_shown(s.raw)} ({s.source})" for knob, s in settings.items() if s.source != "default"]
    line = f"prodguard {__version__}: parts {', '.join(parts) or 'none'}"
    if not chosen:
        return [line + "; settings all default"]
    # One setting after another on lines of about HEADER_WIDTH characters, not one line of hundreds.
    lines = [line + "; settings:"]
    current = ""
    for text in chosen:
        if current and len(current) + len(text) + 2 > HEADER_WIDTH:
            lines.append(f"prodguard   {current},")
            current = ""
        current = f"{current}, {text}" if current else text
    lines.append(f"prodguard   {current}")
    return lines


class ReportCollector:
    """Keeps the reports for the ledger when pytest's terminal reporter is switched off."""

    def __init__(self, config: pytest.Config) -> None:
        self.reports = config.stash[REPORTS_KEY]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.reports.append(report)


class BaselineWriter:
    """``--prodguard-update-baseline``: records the run's findings once it has finished."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR):
            self._say("prodguard: run was interrupted; the baseline was not updated")
            return
        from . import baseline

        run = ledger(self.config)
        old = self.config.stash[BASELINE_KEY] or baseline.Baseline(baseline_path(self.config))
        # The suite budget is absolute: a breach is never accepted as known.
        accepted = [finding for finding in run.findings if finding.gate != "suite"]
        new = baseline.merged(old, accepted, run.measurements, run.ran)
        if not baseline.save(new, session):
            return
        self.config.stash[BASELINE_KEY] = new
        self.config.stash[BASELINE_WRITTEN_KEY] = True
        self._say(f"prodguard: baseline written to {new.path} ({len(new.findings)} known findings)")

    def _say(self, text: str) -> None:
        from ._atomic import say

        say(self.config, text)

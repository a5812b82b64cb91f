"""The ``prodguard`` pytest plugin: settings, parts, and the findings flow every part uses.

Registered through the ``pytest11`` entry point (or ``-p prodguard``). It declares all options
and markers (:mod:`.parts`), resolves the settings once, loads the baseline, registers the
findings flow (:mod:`.attach`) and each part as ``prodguard.<part>``.

pytest looks at every name of a registered plugin module (for hooks and fixtures) in every run,
so this module holds hooks only, and imports what they use inside them.
"""

from __future__ import annotations

import pytest

from . import hookspecs, keys, parts


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    from .config import add_options

    add_options(parser, parts.all_options())


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    from . import attach
    from .config import check_command_line, resolve
    from .options import UPDATE_BASELINE, baseline_path

    options = parts.all_options()
    controller = keys.is_controller(config)
    if controller:
        check_command_line(config, options)
    settings = config.stash[keys.SETTINGS_KEY] = resolve(config, options)
    for line in parts.marker_lines(full_help=bool(getattr(config.option, "markers", False))):
        config.addinivalue_line("markers", line)
    update = settings.get(UPDATE_BASELINE)
    path = baseline_path(config)
    config.stash[keys.BASELINE_KEY] = None
    if path.exists() or update:  # without a file the reader is never imported
        from . import baseline

        config.stash[keys.BASELINE_KEY] = baseline.load_or_usage_error(path)
    manager = config.pluginmanager
    manager.register(attach, "prodguard.attach")
    if controller and update:
        from .update_baseline import BaselineWriter

        manager.register(BaselineWriter(config), "prodguard.baseline")
    for part in parts.PARTS:
        name = f"prodguard.{part.name}"
        if not manager.is_blocked(name) and not manager.has_plugin(name):
            manager.register(part.plugin, name)
    config.stash[keys.PARTS_KEY] = [part.name for part in parts.PARTS if manager.has_plugin(f"prodguard.{part.name}")]


def pytest_sessionstart(session: pytest.Session) -> None:
    # Not in pytest_configure: ours runs first there, before pytest registers its terminal reporter.
    config = session.config
    manager = config.pluginmanager
    if keys.is_controller(config) and not manager.has_plugin("terminalreporter"):
        from .ledger import ReportCollector

        if not manager.has_plugin("prodguard.reports"):
            manager.register(ReportCollector(config), "prodguard.reports")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """One walk over the collected tests tells every part which of its markers are in use."""
    names: set[str] = set()
    seen: set[int] = set()
    for item in session.items:
        node: pytest.Item | pytest.Collector | None = item
        while node is not None and id(node) not in seen:
            seen.add(id(node))
            if node.own_markers:
                names.update(mark.name for mark in node.own_markers)
            node = node.parent
    session.config.stash[keys.MARKERS_KEY] = frozenset(names)


def pytest_report_header(config: pytest.Config) -> list[str]:
    from .header import header_lines

    return header_lines(config)

"""Keeps a project's prodguard settings valid while prodguard is switched off (``-p no:prodguard``).

Registered through its own ``pytest11`` entry point (``prodguard_switched_off``), so blocking the
``prodguard`` plugin does not block it. In a normal run it does nothing and imports nothing. When
``prodguard`` is blocked it declares prodguard's ini keys and markers, with no effect: without
them, pytest warns "Unknown config option: prodguard_..." (an error under ``filterwarnings =
error`` or ``--strict-config``) and rejects the markers under ``--strict-markers``.
"""

from __future__ import annotations

import pytest

OFF = "prodguard is switched off (-p no:prodguard); this setting is ignored"


def _blocked(manager: pytest.PytestPluginManager) -> bool:
    return manager.is_blocked("prodguard") and not manager.has_plugin("prodguard")


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    if not _blocked(pluginmanager):
        return
    from .parts import all_options

    for option in all_options():
        parser.addini(option.ini_name, OFF)


def pytest_configure(config: pytest.Config) -> None:
    if not _blocked(config.pluginmanager):
        return
    from .parts import marker_names

    for name in marker_names():
        config.addinivalue_line("markers", f"{name}: {OFF}")

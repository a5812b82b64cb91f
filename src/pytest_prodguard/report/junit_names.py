"""Readable JUnit classnames for collected files: ``site/login.html``, not ``site.login.html``.

pytest turns the path part of a node id into a dotted "class" name, which suits Python modules
but garbles pages and stylesheets. pytest keeps attributes set on a test case's node reporter
over the ones it computes, so the path is set there once, when the case's first report arrives.
pytest offers no public handle on its JUnit writer; it is found by the two methods used here.
"""

from __future__ import annotations

from typing import Any

import pytest

NAME = "prodguard.junit_names"


def activate(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin(NAME):
        config.pluginmanager.register(JunitNames(config), NAME)


def file_classname(nodeid: str) -> str | None:
    """The classname for a node id whose file is not a Python module, else None (pytest's own is fine)."""
    path, sep, _ = nodeid.partition("::")
    if not sep or ("/" not in path and "." not in path) or path.endswith(".py"):
        return None
    return path


class JunitNames:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.writer: Any = None

    def _writer(self) -> Any:
        if self.writer is None:
            for plugin in self.config.pluginmanager.get_plugins():
                if callable(getattr(plugin, "node_reporter", None)) and hasattr(plugin, "node_reporters"):
                    self.writer = plugin
                    break
        return self.writer

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "setup":
            return
        classname = file_classname(report.nodeid)
        writer = self._writer() if classname else None
        if writer is not None:
            writer.node_reporter(report).add_attribute("classname", classname)

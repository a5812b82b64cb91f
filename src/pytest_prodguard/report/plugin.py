"""The reporting part (``prodguard.report``): the terminal section, and the report files on request.

pytest looks at every name of a registered plugin module in every run, so this one holds hooks;
the terminal section is :mod:`.terminal`, the report files :mod:`.writers`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from .. import keys, options

if TYPE_CHECKING:
    from pathlib import Path

_WRITTEN_KEY: pytest.StashKey[list[tuple[str, Path]]] = pytest.StashKey()
FILE_REPORTS = {
    "JSON": options.JSON_REPORT,
    "HTML": options.HTML_REPORT,
    "SARIF": options.SARIF_REPORT,
    "Code Quality": options.CODEQUALITY_REPORT,
}


def requested(config: pytest.Config) -> dict[str, Path]:
    """Report label -> where to write it, for each report file the run asked for."""
    found = {}
    for label, option in FILE_REPORTS.items():
        path = keys.settings(config).get(option)
        if path is not None:
            found[label] = path if path.is_absolute() else config.invocation_params.dir / path
    return found


def pytest_configure(config: pytest.Config) -> None:
    if not keys.is_controller(config):
        return
    # Only runs that write JUnit XML register the per-report hook that renames file test cases.
    if getattr(config.option, "xmlpath", None):
        from .junit_names import activate

        activate(config)
    if getattr(config.option, "htmlpath", None) and config.pluginmanager.has_plugin("html"):
        from .pytest_html import activate as activate_html

        activate_html(config)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if keys.is_controller(config):
        from ..ledger import ledger
        from .terminal import write_summary

        write_summary(terminalreporter, config, ledger(config), config.stash.get(_WRITTEN_KEY, []))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if not keys.is_controller(config):
        return
    paths = requested(config)
    if paths or os.environ.get("GITHUB_ACTIONS") == "true":
        from .writers import write_all  # the writers load only when a report was asked for

        written = config.stash[_WRITTEN_KEY] = write_all(config, session.exitstatus, paths)
        if len(written) < len(paths) and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED  # a report asked for was not written

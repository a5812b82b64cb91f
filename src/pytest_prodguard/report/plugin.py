"""The reporting part (``prodguard.report``): terminal section and JSON report."""

from __future__ import annotations

import pytest

from ..options import JSON_REPORT
from ..record import SETTINGS_KEY, is_controller, ledger
from . import terminal


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if is_controller(config):
        terminal.write_summary(terminalreporter, config, ledger(config))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    path = config.stash[SETTINGS_KEY].get(JSON_REPORT)
    if path is None or not is_controller(config):
        return
    from ..plugin import enabled_parts
    from . import json_report  # imported only when a JSON report was asked for

    document = json_report.build(config, ledger(config), session.exitstatus, enabled_parts(config))
    config.hook.pytest_prodguard_json_report(config=config, report=document)
    target = path if path.is_absolute() else config.invocation_params.dir / path
    json_report.write(target, document)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("-", f"prodguard JSON report: {target}")

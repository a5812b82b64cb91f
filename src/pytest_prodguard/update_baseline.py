"""``--prodguard-update-baseline``: the run's findings and measurements become the new baseline."""

from __future__ import annotations

import pytest

from .baseline import Baseline, merged, save
from .keys import BASELINE_KEY, BASELINE_WRITTEN_KEY
from .ledger import ledger
from .options import baseline_path


class BaselineWriter:
    """``--prodguard-update-baseline``: records the run's findings once it has finished."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR):
            self._say("prodguard: run was interrupted; the baseline was not updated")
            return
        run = ledger(self.config)
        old = self.config.stash[BASELINE_KEY] or Baseline(baseline_path(self.config))
        # The suite budget is absolute: a breach is never accepted as known.
        accepted = [finding for finding in run.findings if finding.gate != "suite"]
        new = merged(old, accepted, run.measurements, run.ran)
        if not save(new, session):
            return
        self.config.stash[BASELINE_KEY] = new
        self.config.stash[BASELINE_WRITTEN_KEY] = True
        self._say(f"prodguard: baseline written to {new.path} ({len(new.findings)} known findings)")

    def _say(self, text: str) -> None:
        from ._atomic import say

        say(self.config, text)

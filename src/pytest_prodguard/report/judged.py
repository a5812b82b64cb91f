"""The run's ledger as the baseline on disk judges it, for every reporter.

While ``--prodguard-update-baseline`` runs, every finding is recorded as known (it is being
accepted). When the baseline is then not written (the run was interrupted, or the write failed),
nothing was accepted: reports must count those findings as new, not as known.
"""

from __future__ import annotations

import pytest

from ..keys import BASELINE_WRITTEN_KEY, SETTINGS_KEY
from ..ledger import Ledger
from ..options import UPDATE_BASELINE
from ..record import is_known


def as_judged(config: pytest.Config, ledger: Ledger) -> Ledger:
    if not config.stash[SETTINGS_KEY].get(UPDATE_BASELINE) or config.stash.get(BASELINE_WRITTEN_KEY, False):
        return ledger
    judged = Ledger()
    judged.checked, judged.measurements, judged.reports = ledger.checked, ledger.measurements, ledger.reports
    judged.parts, judged.suite = ledger.parts, ledger.suite
    judged.findings = [finding.with_(known=is_known(config, finding)) for finding in ledger.findings]
    return judged

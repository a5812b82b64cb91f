"""Stash keys for the run's state, in a leaf module so that every part can import them.

State lives in ``config.stash`` (never in private attributes): the resolved settings, the
baseline, and the controller's ledger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .baseline import Baseline
    from .config import Settings
    from .ledger import Ledger
    from .record import Recorded

SETTINGS_KEY: pytest.StashKey[Settings] = pytest.StashKey()
# None when there is no baseline file: the module that reads one loads only when there is.
BASELINE_KEY: pytest.StashKey[Baseline | None] = pytest.StashKey()
LEDGER_KEY: pytest.StashKey[Ledger] = pytest.StashKey()
# Reports seen by the fallback collector, used only when pytest's terminal reporter is off.
REPORTS_KEY: pytest.StashKey[list[pytest.TestReport]] = pytest.StashKey()
# Set once --prodguard-update-baseline wrote the baseline: until then accepted findings are not known.
BASELINE_WRITTEN_KEY: pytest.StashKey[bool] = pytest.StashKey()
# Names of the markers the collected tests carry (on themselves, their class or module).
MARKERS_KEY: pytest.StashKey[frozenset[str]] = pytest.StashKey()
# The parts registered in this run (``prodguard.<part>`` plugins), set at configure.
PARTS_KEY: pytest.StashKey[list[str]] = pytest.StashKey()

# On an item: what it recorded since its last report (see record.py), and the JUnit properties
# prodguard added in its current attempt. Here, so the findings flow checks them without record.py.
RECORDED_KEY: pytest.StashKey[Recorded] = pytest.StashKey()
PROPERTIES_KEY: pytest.StashKey[list[tuple[str, object]]] = pytest.StashKey()

# When the run started by the wall clock (on xdist workers: the controller's start).
WALL_START_KEY: pytest.StashKey[float] = pytest.StashKey()
#: The test case a breach of the suite budget is reported as.
SUITE_NODEID = "prodguard::suite_duration"

#: The report attribute that carries a phase's findings (plain data: it survives xdist).
PAYLOAD = "prodguard"


def settings(config: pytest.Config) -> Settings:
    """The run's resolved settings; read one with ``settings(config).get(OPTION)``."""
    return config.stash[SETTINGS_KEY]


def is_controller(config: pytest.Config) -> bool:
    """True on a plain run and on the xdist controller; False on xdist workers."""
    return not hasattr(config, "workerinput")

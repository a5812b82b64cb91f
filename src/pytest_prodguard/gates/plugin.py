"""The gates part's pytest plugin, registered as ``prodguard.gates``.

Each gate declared in ``prodguard_gates`` becomes the item ``prodguard-gate::<name>``. Gates are
collected on whole runs (no path arguments), and when named as arguments: ``pytest
prodguard-gate`` (all gates) or ``pytest prodguard-gate::lint``. Items are added in
``pytest_collection_modifyitems`` (tryfirst, so ``-k``, ``-m`` and ``--lf`` apply) from the
settings alone, so every xdist worker collects the same items. How gates passed from the cache
are shown is :mod:`.status`, registered only when gates are declared.
"""

from __future__ import annotations

import pytest

from ..keys import is_controller, settings
from .options import GATES, GROUP

_CHOSEN_KEY = pytest.StashKey[list[str] | None]()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Take ``prodguard-gate[::name]`` out of the arguments before pytest looks for such files."""
    declared = [gate.name for gate in settings(config).get(GATES) or ()]
    chosen: list[str] | None = None
    kept = []
    for arg in config.args:
        head, _, name = arg.partition("::")
        if head != GROUP:
            kept.append(arg)
            continue
        if not declared:
            raise pytest.UsageError(f"prodguard: argument {arg!r} names a gate, but prodguard_gates declares none")
        if name and name not in declared:
            known = ", ".join(declared)
            raise pytest.UsageError(f"prodguard: unknown gate {name!r} in argument {arg!r}; declared gates: {known}")
        chosen = (chosen or []) + ([name] if name else declared)
    if chosen is not None:
        config.args = kept
    config.stash[_CHOSEN_KEY] = chosen
    if declared:
        from .status import CachedStatus, CacheNotes

        config.pluginmanager.register(CachedStatus(), "prodguard.gates.status")
        if is_controller(config):
            config.pluginmanager.register(CacheNotes(), "prodguard.gates.cache-notes")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    gates = settings(config).get(GATES) or ()
    chosen = config.stash.get(_CHOSEN_KEY, None)
    if chosen is None and config.args_source is pytest.Config.ArgsSource.ARGS:
        return
    selected = [gate for gate in gates if chosen is None or gate.name in chosen]
    if not selected:
        return
    from .items import GateGroup, GateItem

    group = GateGroup.from_parent(session, name=GROUP, nodeid=GROUP)
    # First in line: gates are the slowest items, so under -n N they start while tests run.
    gate_items = [GateItem.from_parent(group, name=gate.name, spec=gate) for gate in selected]
    items[:0] = gate_items
    # Report the group as collected, so "collected N items" counts the gates too.
    session.ihook.pytest_collectreport(report=pytest.CollectReport(GROUP, "passed", None, list(gate_items)))

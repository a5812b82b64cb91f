"""The brand engine and profile configured for this pytest run (one engine per run, created on first use)."""

from __future__ import annotations

import pytest

from ..record import settings
from .engine import Engine, Profile
from .options import profile_from

ENGINE_KEY = pytest.StashKey[Engine]()
# The profile ``@pytest.mark.brand`` chose for a test (set before its fixtures), and how many
# brand checks the test ran.
PROFILE_KEY = pytest.StashKey[Profile]()
CHECKS_KEY = pytest.StashKey[int]()


def profile_of(config: pytest.Config) -> Profile:
    """The profile the run's ``prodguard_brand_*`` settings describe."""
    return profile_from(settings(config))


def engine_of(config: pytest.Config) -> Engine:
    """The run's engine, created on first use."""
    engine = config.stash.get(ENGINE_KEY, None)
    if engine is None:
        engine = config.stash[ENGINE_KEY] = Engine(config.rootpath, getattr(config, "cache", None))
    return engine

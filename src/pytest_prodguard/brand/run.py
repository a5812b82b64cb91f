"""A pytest run's brand engine (one per run, created on first use) and its profile."""

from __future__ import annotations

import pytest

from ..record import settings
from .engine import Engine, Profile
from .options import profile_from

ENGINE_KEY = pytest.StashKey[Engine]()


def profile_of(config: pytest.Config) -> Profile:
    """The profile the run's ``prodguard_brand_*`` settings describe."""
    return profile_from(settings(config))


def engine_of(config: pytest.Config) -> Engine:
    """The run's engine, created on first use."""
    engine = config.stash.get(ENGINE_KEY, None)
    if engine is None:
        engine = config.stash[ENGINE_KEY] = Engine(config.rootpath, getattr(config, "cache", None))
    return engine

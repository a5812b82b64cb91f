"""Loading on first use: every pytest run imports prodguard, few runs use every part of it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) that imports ``name`` from ``package.<module>`` when asked."""

    def __getattr__(name: str) -> Any:
        if name in exports:
            return getattr(import_module(f".{exports[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


def register_once(config: pytest.Config, name: str, target: str) -> None:
    """Register ``module:Class()`` as plugin ``name`` unless it is there; the module loads only now."""
    manager = config.pluginmanager
    if not manager.has_plugin(name):
        module, _, attribute = target.partition(":")
        manager.register(getattr(import_module(module), attribute)(), name)

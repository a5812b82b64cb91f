"""The parts of prodguard, and what the core declares for them in every run.

A part is a pytest plugin registered as ``prodguard.<name>``. The core declares every part's
options and markers up front, so ``-p no:prodguard.<name>`` switches a part off while its settings
stay valid (also under ``--strict-config``).

Kept apart from :mod:`.plugin`: pytest scans every name of a registered plugin module for
fixtures, and this registry's names (a module per part) would be scanned in every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from . import options as core_options
from . import suite
from .a11y import options as a11y_options
from .a11y import plugin as a11y_plugin
from .brand import options as brand_options
from .brand import plugin as brand_plugin
from .browser import options as browser_options
from .browser import plugin as browser_plugin
from .budgets import options as budgets_options
from .budgets import plugin as budgets_plugin
from .gates import options as gates_options
from .gates import plugin as gates_plugin
from .report import plugin as report_plugin
from .web import options as web_options
from .web import plugin as web_plugin

if TYPE_CHECKING:
    from .config import Option


class Part:
    """A part: its plugin module, and the module declaring its options and markers.

    ``options`` holds ``OPTIONS`` and, for a part with markers, ``MARKER_NAMES``: each marker is
    the function of that name in the part's ``marker`` module, whose signature is its API and help.
    """

    __slots__ = ("name", "options", "plugin")

    def __init__(self, name: str, plugin: ModuleType, options: ModuleType | None = None) -> None:
        self.name = name
        self.plugin = plugin
        self.options = options

    def declared(self) -> list[Option[Any]]:
        return [] if self.options is None else list(self.options.OPTIONS)

    def marker_names(self) -> tuple[str, ...]:
        return tuple(getattr(self.options, "MARKER_NAMES", ()))

    def marker_help(self) -> list[str]:
        names = self.marker_names()
        if not names or self.options is None:
            return []
        from .markers import marker_help

        signatures = import_module(".marker", self.options.__package__)
        return [marker_help(name, getattr(signatures, name)) for name in names]


PARTS: Sequence[Part] = (
    Part("suite", suite),
    Part("browser", browser_plugin, browser_options),
    Part("budgets", budgets_plugin, budgets_options),
    Part("brand", brand_plugin, brand_options),
    Part("a11y", a11y_plugin, a11y_options),
    Part("gates", gates_plugin, gates_options),
    Part("web", web_plugin, web_options),
    Part("report", report_plugin),
)


@cache
def all_options() -> tuple[Option[Any], ...]:
    """Every option of the core and the parts (declarations never change in a process)."""
    return (*core_options.OPTIONS, *(option for part in PARTS for option in part.declared()))


def marker_names() -> tuple[str, ...]:
    return tuple(name for part in PARTS for name in part.marker_names())


def marker_help() -> list[str]:
    """Each marker's ``--markers`` line, generated from its signature function (imports them)."""
    return [line for part in PARTS for line in part.marker_help()]


def marker_lines(full_help: bool) -> list[str]:
    """The lines the core registers under the ``markers`` ini key.

    ``--strict-markers`` needs only the names; the help, generated from each marker's signature
    function, is built when ``pytest --markers`` shows it, so other runs do not import them.
    """
    if full_help:
        return marker_help()
    return [f"{name}: a prodguard marker (pytest --markers describes its arguments)" for name in marker_names()]

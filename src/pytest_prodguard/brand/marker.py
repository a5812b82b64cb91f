"""``@pytest.mark.brand``: the test's brand settings, and a failure if the test checked nothing.

:class:`BrandMarker` holds the per-test hooks. The plugin registers it only when a collected test
carries the marker, so other runs never pay for them (nor for the findings wrapper that a
``pytest_prodguard_judge`` implementation switches on).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from ..config import parse_choice
from ..findings import Finding
from ..record import record_finding
from .checker import CHECKS_KEY, PROFILE_KEY
from .engine import GATE, parse_tolerance
from .options import LITERAL_POLICIES, parse_list
from .run import profile_of


def _brand_marker(
    tokens: str | list[str] | None = None,
    tolerance: str | float | None = None,
    literals: str | None = None,
    fonts: str | list[str] | None = None,
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if tokens is not None:
        changes["tokens"] = _names("tokens", tokens)
    if tolerance is not None:
        if isinstance(tolerance, bool) or not isinstance(tolerance, str | int | float):
            raise ValueError(f"tolerance={tolerance!r}: expected exact, a number or ok:N")
        try:
            changes["tolerance"] = parse_tolerance(str(tolerance))
        except ValueError as exc:
            raise ValueError(f"tolerance={tolerance!r}: {exc}") from None
    if literals is not None:
        try:
            changes["literals"] = parse_choice(*LITERAL_POLICIES)(str(literals))
        except ValueError as exc:
            raise ValueError(f"literals={literals!r}: {exc}") from None
    if fonts is not None:
        changes["fonts"] = _names("fonts", fonts)
    return changes


def _names(what: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return parse_list(value)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{what}={value!r}: expected a string or a list of strings")


class BrandMarker:
    """Applies each marked test's settings before its fixtures, and judges its call phase."""

    @pytest.hookimpl(tryfirst=True)  # before fixtures: the brand fixture reads the marker's settings
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        marker = item.get_closest_marker("brand")
        if marker is None:
            return
        try:
            changes = _brand_marker(*marker.args, **marker.kwargs)
        except TypeError as exc:
            # Python names the signature function; the user wrote the marker.
            problem = "@pytest.mark.brand: " + str(exc).replace("_brand_marker()", "brand()")
        except ValueError as exc:
            problem = f"@pytest.mark.brand: {exc}"
        else:
            item.stash[PROFILE_KEY] = replace(profile_of(item.config), **changes)
            return
        pytest.fail(problem, pytrace=False)

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        if call.when != "call" or call.excinfo is not None or item.get_closest_marker("brand") is None:
            return
        if not item.stash.get(CHECKS_KEY, 0):
            message = "marked @pytest.mark.brand but no brand check ran (call the brand fixture's check_* methods)"
            record_finding(item, Finding(gate=GATE, rule="nothing-checked", message=message))

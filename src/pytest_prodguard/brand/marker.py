"""``@pytest.mark.brand``: its signature is its API and its ``--markers`` help."""

from __future__ import annotations

from typing import Any

from ..config import parse_choice, parse_list
from .options import LITERAL_POLICIES


def brand(
    tokens: str | list[str] | None = None,
    tolerance: str | float | None = None,
    literals: str | None = None,
    fonts: str | list[str] | None = None,
) -> dict[str, Any]:
    """Brand settings of this test (tokens, tolerance, literals, fonts), applied to the brand fixture's
    checks; the test fails if it ran no brand check.

    Values are checked when the test is set up; the result is the profile's changes.
    """
    changes: dict[str, Any] = {}
    if tokens is not None:
        changes["tokens"] = _names("tokens", tokens)
    if tolerance is not None:
        if isinstance(tolerance, bool) or not isinstance(tolerance, str | int | float):
            raise ValueError(f"tolerance={tolerance!r}: expected exact, a number or ok:N")
        try:
            from .engine.tolerance import parse_tolerance

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

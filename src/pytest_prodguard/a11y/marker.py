"""``@pytest.mark.a11y``: its signature is its API and its ``--markers`` help."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .options import IMPACTS


def check_impact(impact: object) -> str | None:
    if impact is None:
        return None
    if not isinstance(impact, str) or impact not in IMPACTS:
        raise ValueError(f"impact must be one of {', '.join(IMPACTS)}, got {impact!r}")
    return impact


def a11y(
    *,
    impact: str | None = None,
    tags: Sequence[str] | None = None,
    rules: Sequence[str] | None = None,
    disable: Sequence[str] | None = None,
    include: str | Sequence[str] | None = None,
    exclude: str | Sequence[str] | None = None,
) -> dict[str, Any]:
    """Scan the test's page (the prodguard_page fixture, or pytest-playwright's page) with axe-core when
    the test ends; impact sets the threshold, the other arguments narrow the scan.

    The result is checked against the baseline like every a11y scan.
    """
    return {
        "impact": check_impact(impact),
        "tags": tags,
        "rules": rules,
        "disable": disable,
        "include": include,
        "exclude": exclude,
    }

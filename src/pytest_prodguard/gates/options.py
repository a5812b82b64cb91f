"""Settings and markers of the gates part, declared by the core (see pytest_prodguard.parts.PARTS)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..config import Option, parse_bool
from ..units import DURATION_HELP, parse_positive_duration

if TYPE_CHECKING:
    from .spec import GateSpec

GATE = "gates"
#: The parent node of every gate item: node ids read ``prodguard-gate::<name>``.
GROUP = "prodguard-gate"
#: The JUnit property of a gate that passed from the cache.
CACHED_PROPERTY = "prodguard.gates.cache"


def _parse_gates(text: str) -> tuple[GateSpec, ...]:
    from .spec import parse_gates  # only runs that declare gates pay for the gate machinery

    return parse_gates(text)


GATES: Option[tuple[GateSpec, ...]] = Option(
    "gates",
    _parse_gates,
    None,
    "Quality gates to run as test items prodguard-gate::<name>, one 'name: command' per line "
    "(';' before the next 'name:' also separates). Commands run without a shell in the rootdir.",
    "lines such as 'lint: ruff check .' or 'types: mypy src'",
    part="gates",
)
GATES_FRESH: Option[bool] = Option(
    "gates_fresh",
    parse_bool,
    "false",
    "Run every gate even when its inputs did not change since its last green run (ignore the gate cache).",
    "true or false (on the command line a switch)",
    part="gates",
    flag=True,
)
GATES_TIMEOUT: Option[float] = Option(
    "gates_timeout",
    parse_positive_duration,
    "120s",
    "Time limit for one gate's command; a gate that runs longer fails (it never passes).",
    DURATION_HELP,
    part="gates",
)

OPTIONS: list[Option[Any]] = [GATES, GATES_FRESH, GATES_TIMEOUT]

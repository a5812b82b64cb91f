"""Settings and markers of the a11y part, declared by the core (see pytest_prodguard.plugin.PARTS)."""

from __future__ import annotations

from typing import Any

from ..config import Option

OPTIONS: list[Option[Any]] = []
MARKERS: list[str] = []

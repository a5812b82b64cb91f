"""Findings: what a check found, as frozen plain data that survives every trip through pytest.

A check records :class:`Finding` objects on the test item it runs in (``record_finding``); the
core's ``makereport`` wrapper moves them onto the phase's report as plain dicts, which survive
pytest-xdist's worker-to-controller transfer, and the controller's ledger (``record.Ledger``)
gathers them exactly once per run for the reporters.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import copy
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from ._text import clean, clean_name

JSON = Any  # a JSON-serialisable value: dict/list/str/int/float/bool/None


_NAME_FIELDS = ("gate", "rule")
_TEXT_FIELDS = ("message", "path", "target", "fix", "key")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One result of one check.

    ``gate`` names the part (``suite``, ``budget``, ``brand``, ``a11y``, ``gates``); ``rule`` the
    check inside it (``p95``, ``color-contrast``, ``ruff:F401``). ``key`` is what makes the finding
    the *same* finding in a later run (the baseline fingerprint): leave out anything that moves
    when unrelated code changes, such as line numbers. ``details`` holds extra plain data for
    reporters (limits, samples, nodes).
    """

    gate: str
    rule: str
    message: str
    severity: Severity = Severity.ERROR
    path: str | None = None
    line: int | None = None
    col: int | None = None
    target: str | None = None
    fix: str | None = None
    key: str | None = None
    nodeid: str = ""
    known: bool = False
    details: Mapping[str, JSON] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Text here comes from tools and pages: one bounded, sanitised form for every report.
        for name in _NAME_FIELDS + _TEXT_FIELDS + ("details",):
            self._clean(name, getattr(self, name))

    def _clean(self, name: str, value: Any) -> None:
        if name in _NAME_FIELDS:
            value = clean_name(value)
        elif name in _TEXT_FIELDS:
            value = None if value is None else clean(value)
        elif name == "details":
            value = _clean_json(value)
        object.__setattr__(self, name, value)

    @property
    def fingerprint(self) -> str:
        identity = self.key if self.key is not None else (self.target or self.message)
        # Findings about a file are the same wherever they were found; others belong to their test.
        return "|".join((self.gate, self.rule, self.path or self.nodeid, identity))

    @property
    def location(self) -> str:
        """``file:line:col`` (as far as known), else the target, else the test's node id."""
        if self.path:
            parts = [self.path] + [str(n) for n in (self.line, self.col) if n is not None]
            where = ":".join(parts)
            return f"{where} {self.target}" if self.target else where
        return self.target or self.nodeid

    @property
    def fails(self) -> bool:
        """A new error fails its test; a known one (in the baseline) or a warning does not."""
        return self.severity == Severity.ERROR and not self.known

    def describe(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.fix:
            text += f" (fix: {self.fix})"
        return text

    def to_dict(self) -> dict[str, JSON]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["details"] = dict(self.details)
        data["fingerprint"] = self.fingerprint
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, JSON]) -> Finding:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["severity"] = Severity(fields.get("severity", "error"))
        return cls(**fields)

    def with_(self, **changes: Any) -> Finding:
        """A copy with ``changes``; only the changed fields are cleaned again (the rest already are)."""
        changed = copy(self)
        for name, value in changes.items():
            if name not in self.__dataclass_fields__:
                raise TypeError(f"Finding has no field {name!r}")
            changed._clean(name, value)
        return changed


def _clean_json(value: JSON, depth: int = 0) -> JSON:
    """Strings in ``details`` bounded and sanitised; structures deeper than JSON readers like, cut."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, float) and value != value:
        return None  # NaN is not JSON
    if depth > 20:
        return None
    if isinstance(value, Mapping):
        return {clean(str(k), 200): _clean_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_json(v, depth + 1) for v in value]
    return value


class ToolIssue(Protocol):
    """What a checker (a scanner, a linter's parsed output) reports: the fields a Finding takes over."""

    @property
    def rule(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def col(self) -> int | None: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def fix(self) -> str | None: ...


def finding_from(
    gate: str,
    issue: ToolIssue,
    *,
    key: str,
    path: str | None,
    target: str | None = None,
    details: Mapping[str, JSON] | None = None,
) -> Finding:
    """The finding for one issue a checker reported; ``key`` is its baseline identity (no line numbers)."""
    return Finding(
        gate=gate,
        rule=issue.rule,
        message=issue.message,
        severity=issue.severity,
        path=path,
        line=issue.line,
        col=issue.col,
        target=target,
        fix=issue.fix,
        key=key,
        details=dict(details or {}),
    )

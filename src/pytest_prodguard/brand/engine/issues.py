"""What a scan reports: :class:`Issue`, the log a document's issues go to, and where each is attached.

Also the patterns every reader of CSS shares: where a custom property is defined, and the
``prodguard: ignore[brand]`` comments that silence a line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...findings import Severity
from .outline import Selector, normalise

#: A custom property's definition (``--name:``) or registration (``@property --name``).
DEFINED_RE = re.compile(r"(--[A-Za-z0-9_-]+)\s*:|@property\s+(--[A-Za-z0-9_-]+)")
_IGNORE_RE = re.compile(r"prodguard:\s*ignore\[([^\]]*)\]")


def defined_names(text: str) -> set[str]:
    """The custom properties ``text`` defines or registers."""
    return {a or b for a, b in DEFINED_RE.findall(text)}


@dataclass(frozen=True)
class Issue:
    rule: str
    message: str
    line: int | None
    col: int | None
    prop: str
    written: str
    key: str
    severity: Severity = Severity.ERROR
    fix: str | None = None
    target: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


class IssueLog:
    """The issues of one document, and the lines its comments tell us to skip."""

    def __init__(self, source: str = "") -> None:
        self.issues: list[Issue] = []
        self.ignored = ignored_lines(source) if "prodguard" in source else set()
        self._seen: Counter[str] = Counter()

    def numbered(self, base: str) -> int:
        """How many issues with this key came before (the next one's ordinal)."""
        seen = self._seen[base]
        self._seen[base] += 1
        return seen

    def problem(
        self, rule: str, message: str, *, target: str | None = None, severity: Severity = Severity.ERROR, **details: Any
    ) -> None:
        """A part that cannot be read: the whole document (reported at its top) or one live-page element.

        An element has no line, so its selector keys it, numbered if it comes twice (duplicate ids).
        """
        key = rule
        if target is not None:
            seen = self.numbered(f"{target}|{rule}")
            key = f"{rule}#{seen}" if seen else rule
        line = 1 if target is None else None
        self.issues.append(Issue(rule, message, line, line, "", "", key, severity, target=target, details=details))


@dataclass
class Context:
    """Where a declaration is being checked: what an issue found in it is attached to."""

    log: IssueLog
    prop: str
    origin: tuple[int, int]
    where: str | Selector
    positioned: bool

    def issue(
        self,
        rule: str,
        message: str,
        node: Any,
        written: str,
        *,
        severity: Severity = Severity.ERROR,
        fix: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        line0, col0 = self.origin
        line = col = None
        if self.positioned and getattr(node, "source_line", None):
            line = line0 + node.source_line - 1
            col = col0 + node.source_column - 1 if node.source_line == 1 else node.source_column
            if line in self.log.ignored:
                return
        base = f"{rule}|{self.prop}|{written}"
        seen = self.log.numbered(base)
        self.log.issues.append(
            Issue(
                rule,
                f"{self.prop}: {message}",
                line,
                col,
                self.prop,
                written,
                f"{base}#{seen}" if seen else base,
                severity,
                fix,
                str(self.where) or None,
                {"property": self.prop, "value": written, **(details or {})},
            )
        )


def ignored_lines(source: str) -> set[int]:
    """Lines with a ``prodguard: ignore[brand]`` (or ``[all]``) comment, counted as tinycss2 counts them."""
    text = normalise(source)
    return {
        text.count("\n", 0, match.start()) + 1
        for match in _IGNORE_RE.finditer(text)
        if {"brand", "all"} & {word.strip() for word in match.group(1).split(",")}
    }

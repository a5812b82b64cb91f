"""Checking CSS against the palette: colours, var() references, font families and scales.

A :class:`Scan` covers one document (a stylesheet, an HTML or SVG file, a live page). Stylesheet
text may start anywhere in the document (a ``<style>`` block, a ``style=""`` attribute): every
position is shifted to the document's own 1-based line and column.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..findings import Severity
from .colors import COLOR_FUNCTIONS, NEUTRAL_KEYWORDS, SYSTEM_COLORS, ColorError, is_named_color
from .colors import parse_css_color as parse_color
from .matching import Matcher
from .outline import Declaration, Lines, Selector, normalise, outline, without_important
from .palette import best_name, property_role
from .typography import check_families, check_font_shorthand, check_scale, scale_of

_SHORTLIST = 8
_NOTHING, _COLOURS, _EVERYTHING = range(3)
_STRUCTURED = re.compile(r"[#(\[{]")
_LETTERS = re.compile(r"[A-Za-z]+")
# The commonest value in token-based CSS; anything fancier (case, escapes, comments) is tokenised.
_SIMPLE_VAR = re.compile(r"[ \t\n]*var\([ \t\n]*(--[A-Za-z0-9_-]+)[ \t\n]*\)[ \t\n]*\Z")
_IGNORE_RE = re.compile(r"prodguard:\s*ignore\[([^\]]*)\]")
_DEFINED_RE = re.compile(r"(--[A-Za-z0-9_-]+)\s*:|@property\s+(--[A-Za-z0-9_-]+)")
_HEX_RE = re.compile(r"^[0-9a-fA-F]{3,4}$|^[0-9a-fA-F]{6}$|^[0-9a-fA-F]{8}$")
_COLOR_PROPS = frozenset(
    {"fill", "stroke", "filter", "backdrop-filter", "mask", "mask-image", "scrollbar-color", "border-image"}
)
_COLOR_PREFIXES = ("background", "border", "outline", "text-decoration", "text-emphasis", "column-rule", "-webkit-text")
_COLOR_SUFFIXES = ("color", "shadow")


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


def is_color_property(name: str) -> bool:
    return (
        name.startswith("--")
        or name in _COLOR_PROPS
        or name.startswith(_COLOR_PREFIXES)
        or name.endswith(_COLOR_SUFFIXES)
        or name in {"stop-color", "flood-color", "lighting-color"}
    )


class Scan:
    """Issues found in one document."""

    def __init__(self, matcher: Matcher, source: str = "", known_vars: Iterable[str] = ()) -> None:
        self.matcher = matcher
        self.palette = matcher.palette
        self.policy = matcher.policy
        self.issues: list[Issue] = []
        self.ignored = _ignored_lines(source) if "prodguard" in source else set()
        self.defined = set(known_vars) | {a or b for a, b in _DEFINED_RE.findall(source)}
        self._seen: Counter[str] = Counter()
        self._known: dict[str, frozenset[str]] | None = None
        self._reads: dict[str, int] = {}
        self.checked = 0

    # -- entry points --------------------------------------------------------------------------
    def stylesheet(self, text: str, line0: int = 1, col0: int = 1) -> None:
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        text = normalise(text)
        lines = Lines(text)
        for item in outline(text):
            if isinstance(item, Declaration):
                self._outlined(text, item, lines, line0, col0)
            else:
                part = text[item.start : item.end]
                rules = tinycss2.parse_stylesheet(part, skip_comments=True, skip_whitespace=True)
                self._rules(rules, lines.origin(item.start, line0, col0), "")

    def full_parse(self, text: str, line0: int = 1, col0: int = 1) -> None:
        """:meth:`stylesheet` through tinycss2's full parser only: the reference the outline must match."""
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        self._rules(rules, (line0, col0), "")

    def declarations(self, text: str, line0: int, col0: int, where: str = "") -> None:
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        for decl in tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True):
            if decl.type == "declaration":
                self.declaration(decl.lower_name, decl.value, (line0, col0), where)

    def value(self, prop: str, text: str, line: int | None, col: int | None, target: str | None = None) -> None:
        """One property value given as text (an HTML/SVG attribute or a computed style)."""
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        nodes = tinycss2.parse_component_value_list(text, skip_comments=True)
        self.declaration(prop, nodes, (line or 1, col or 1), target or "", positioned=line is not None)

    def problem(
        self, rule: str, message: str, *, target: str | None = None, severity: Severity = Severity.ERROR, **details: Any
    ) -> None:
        """A part that cannot be read: the whole document (reported at its top) or one live-page element.

        An element has no line, so its selector keys it, numbered if it comes twice (duplicate ids).
        """
        key = rule
        if target is not None:
            seen = self._seen[f"{target}|{rule}"]
            self._seen[f"{target}|{rule}"] += 1
            key = f"{rule}#{seen}" if seen else rule
        line = 1 if target is None else None
        self.issues.append(Issue(rule, message, line, line, "", "", key, severity, target=target, details=details))

    # -- CSS structure -------------------------------------------------------------------------
    def _rules(self, rules: Sequence[Any], origin: tuple[int, int], where: str) -> None:
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        for rule in rules:
            if rule.type == "qualified-rule":
                selector = tinycss2.serialize(rule.prelude).strip()
                self._block(rule.content, origin, selector)
            elif rule.type == "at-rule" and rule.content is not None:
                name = rule.lower_at_keyword
                if name in {"font-face", "property", "counter-style", "font-feature-values", "font-palette-values"}:
                    continue  # these declare names and descriptors, not styles
                if name in {"page", "scope", "starting-style"} or name.endswith("keyframes"):
                    self._block(rule.content, origin, f"@{name}")
                else:
                    inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                    self._rules(inner, origin, where)

    def _block(self, content: Sequence[Any], origin: tuple[int, int], selector: str) -> None:
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
            if node.type == "declaration":
                self.declaration(node.lower_name, node.value, origin, selector)
            elif node.type in {"qualified-rule", "at-rule"}:
                self._rules([node], origin, selector)

    def _outlined(self, text: str, item: Declaration, lines: Lines, line0: int, col0: int) -> None:
        reads = self._reads.get(item.name)
        if reads is None:
            reads = self._reads[item.name] = self._reading(item.name)
        value = text[item.start : item.end]
        if reads == _NOTHING or (reads == _COLOURS and (not _may_hold_colour(value) or self._known_var(value))):
            self.checked += 1
            return  # nothing in it the check reads or could report: no need to tokenise it
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        nodes = tinycss2.parse_component_value_list(value, skip_comments=True)
        origin = lines.origin(item.start, line0, col0)
        self.declaration(item.name, without_important(nodes), origin, Selector(text, *item.selector))

    def _known_var(self, value: str) -> bool:
        """Whether ``value`` is just ``var(--name)`` of a token or custom property that :meth:`_var` accepts."""
        match = _SIMPLE_VAR.match(value)
        if match is None:
            return False
        token = self.palette.by_var.get(match.group(1))
        return not token.deprecated if token is not None else match.group(1) in self.defined

    def _reading(self, prop: str) -> int:
        """What :meth:`declaration` reads in a value of ``prop``."""
        kind = scale_of(prop)
        if prop in {"font", "font-family"} or (kind is not None and kind in self.policy.scales):
            return _EVERYTHING
        return _COLOURS if is_color_property(prop) else _NOTHING

    # -- one declaration -----------------------------------------------------------------------
    def declaration(
        self,
        prop: str,
        nodes: Sequence[Any],
        origin: tuple[int, int],
        where: str | Selector,
        *,
        positioned: bool = True,
    ) -> None:
        self.checked += 1
        ctx = Context(self, prop, origin, where, positioned)
        if prop == "font-family":
            check_families(self, nodes, ctx)
        elif prop == "font":
            check_font_shorthand(self, nodes, ctx)
        if is_color_property(prop):
            self._walk(nodes, ctx)
        elif prop in {"font", "font-family"}:
            self._vars_only(nodes, ctx)
        kind = scale_of(prop)
        if kind and kind in self.policy.scales:
            check_scale(self, nodes, kind, ctx)

    def _walk(self, nodes: Iterable[Any], ctx: Context) -> None:
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        for node in nodes:
            kind = node.type
            if kind == "hash" and _HEX_RE.match(node.value):
                self._literal("#" + node.value, node, ctx)
            elif kind == "ident":
                lowered = node.lower_value
                if lowered not in NEUTRAL_KEYWORDS and lowered not in SYSTEM_COLORS and is_named_color(lowered):
                    self._literal(node.value, node, ctx)
            elif kind == "function":
                name = node.lower_name
                if name == "var":
                    self._var(node, ctx)
                elif name in COLOR_FUNCTIONS:
                    if _has_function(node.arguments, "var") or _has_ident(node.arguments, "from"):
                        self._walk(node.arguments, ctx)  # relative or variable colour: check its parts
                    else:
                        self._literal(tinycss2.serialize([node]), node, ctx)
                elif name not in {"url", "env", "attr", "image-set", "src"}:
                    self._walk(node.arguments, ctx)
            elif kind in {"() block", "[] block", "{} block"}:
                self._walk(node.content, ctx)

    def _vars_only(self, nodes: Iterable[Any], ctx: Context) -> None:
        for node in nodes:
            if node.type == "function":
                if node.lower_name == "var":
                    self._var(node, ctx, walk_fallback=False)
                else:
                    self._vars_only(node.arguments, ctx)

    def _var(self, node: Any, ctx: Context, *, walk_fallback: bool = True) -> None:
        args = [n for n in node.arguments if n.type not in {"whitespace", "comment"}]
        if not args or args[0].type != "ident" or not args[0].value.startswith("--"):
            return
        name = args[0].value
        token = self.palette.by_var.get(name)
        comma = next((i for i, n in enumerate(node.arguments) if n.type == "literal" and n.value == ","), None)
        if token is None and name not in self.defined:
            close = self._suggest(name)
            hint = f"; did you mean {close[0]}?" if close else ""
            # With a fallback the page still renders (an optional hook, or a typo): warn only.
            ctx.issue(
                "unknown-token",
                f"var({name}) names no token or custom property{hint}",
                node,
                f"var({name})",
                fix=f"var({close[0]})" if close else None,
                severity=Severity.WARNING if comma is not None else Severity.ERROR,
            )
        elif token is not None and token.deprecated:
            ctx.issue(
                "deprecated-token",
                f"var({name}) is a deprecated token",
                node,
                f"var({name})",
                severity=Severity.WARNING,
            )
        if walk_fallback and comma is not None:
            self._walk(node.arguments[comma + 1 :], ctx)

    def _suggest(self, name: str) -> list[str]:
        """The known custom property most like ``name`` (a typo's fix), if one is close enough."""
        if self._known is None:
            self._known = {known: _bigrams(known) for known in sorted(set(self.palette.by_var) | self.defined)}
        # difflib's ratio over a thousand names is slow: shortlist by shared letter pairs first.
        mine, pairs = _bigrams(name), self._known
        shortlist = heapq.nlargest(
            _SHORTLIST, pairs, key=lambda known: 2 * len(mine & pairs[known]) / ((len(mine) + len(pairs[known])) or 1)
        )
        return difflib.get_close_matches(name, shortlist, n=1, cutoff=0.6)

    def _literal(self, written: str, node: Any, ctx: Context) -> None:
        try:
            color = parse_color(written)
        except ColorError:
            ctx.issue("invalid-color", f"{written} is not a valid colour", node, written, severity=Severity.WARNING)
            return
        if color.transparent:
            return
        role = property_role(ctx.prop)
        matched = self.matcher.match(color)
        if matched:
            if ctx.prop.startswith("--") or self.policy.literals == "allow":
                return
            token = best_name([t for t in matched if not t.composite] or matched)
            severity = Severity.ERROR if self.policy.literals == "error" else Severity.WARNING
            ctx.issue(
                "raw-literal",
                f"{written} is the brand colour {token.name}; write the token, not the literal",
                node,
                written,
                severity=severity,
                fix=None if token.composite else f"var({token.var})",
                details={"normalised": color.hex, "token": token.name},
            )
            return
        near = self.matcher.nearest(color, role)
        details: dict[str, Any] = {"normalised": color.hex}
        text = f"{written} is not a brand colour (normalised {color.hex})"
        fix = None
        if near is not None:
            token, dist, sharing = near
            assert token.color is not None
            kind = f"{role} token" if role and token.role == role else "token"
            if token.themes:
                kind = f"{kind} ({', '.join(sorted(token.themes))})"
            shared = f", {sharing} tokens share this value" if sharing > 1 else ""
            text += (
                f"; nearest {kind} {token.name} {token.color.hex}, ΔE{_metric(self.matcher.metric)} {dist:.2f}{shared}"
            )
            fix = None if token.composite else f"var({token.var})"
            details.update(token=token.name, token_value=token.color.hex, distance=round(dist, 3), sharing=sharing)
        ctx.issue("off-palette", text, node, written, fix=fix, details=details)


@dataclass
class Context:
    """Where a declaration is being checked: what an issue found in it is attached to."""

    scan: Scan
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
            if line in self.scan.ignored:
                return
        base = f"{rule}|{self.prop}|{written}"
        seen = self.scan._seen[base]
        self.scan._seen[base] += 1
        self.scan.issues.append(
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


def _ignored_lines(source: str) -> set[int]:
    """Lines with a ``prodguard: ignore[brand]`` (or ``[all]``) comment, counted as tinycss2 counts them."""
    text = normalise(source)
    return {
        text.count("\n", 0, match.start()) + 1
        for match in _IGNORE_RE.finditer(text)
        if {"brand", "all"} & {word.strip() for word in match.group(1).split(",")}
    }


def _may_hold_colour(value: str) -> bool:
    """False only if no token of ``value`` can be a colour, a var() or hold one (as :meth:`Scan._walk` sees it).

    A named colour is an identifier made of letters only, so it is a whole run of letters.
    """
    if _STRUCTURED.search(value) is not None:
        return True
    for word in _LETTERS.findall(value):
        lowered = word.lower()
        if lowered not in NEUTRAL_KEYWORDS and lowered not in SYSTEM_COLORS and is_named_color(lowered):
            return True
    return False


def _bigrams(name: str) -> frozenset[str]:
    return frozenset(name[i : i + 2] for i in range(len(name) - 1))


def _metric(metric: str) -> str:
    return "OK" if metric == "ok" else metric


def _has_function(nodes: Iterable[Any], name: str) -> bool:
    for node in nodes:
        if node.type == "function" and (node.lower_name == name or _has_function(node.arguments, name)):
            return True
    return False


def _has_ident(nodes: Iterable[Any], word: str) -> bool:
    return any(node.type == "ident" and node.lower_value == word for node in nodes)

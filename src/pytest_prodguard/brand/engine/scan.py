"""Checking CSS against the palette: colours, var() references, font families and scales.

A :class:`Scan` covers one document (a stylesheet, an HTML or SVG file, a live page). Stylesheet
text may start anywhere in the document (a ``<style>`` block, a ``style=""`` attribute): every
position is shifted to the document's own 1-based line and column.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ...findings import Severity
from .colors import COLOR_FUNCTIONS, NEUTRAL_KEYWORDS, SYSTEM_COLORS, ColorError, is_named_color
from .colors import parse_css_color as parse_color
from .issues import Context, IssueLog, defined_names
from .matching import Matcher
from .outline import Declaration, Lines, Selector, normalise, outline, without_important
from .palette import GENERIC_FAMILIES, best_name, family_key, property_role
from .properties import FONT_SIZES, SYSTEM_FONTS, is_color_property, may_hold_colour, scale_of
from .suggest import off_palette

_SHORTLIST = 8
_NOTHING, _COLOURS, _EVERYTHING = range(3)
# The commonest value in token-based CSS; anything fancier (case, escapes, comments) is tokenised.
_SIMPLE_VAR = re.compile(r"[ \t\n]*var\([ \t\n]*(--[A-Za-z0-9_-]+)[ \t\n]*\)[ \t\n]*\Z")
_HEX_RE = re.compile(r"^[0-9a-fA-F]{3,4}$|^[0-9a-fA-F]{6}$|^[0-9a-fA-F]{8}$")


class Scan(IssueLog):
    """Issues found in one document."""

    def __init__(self, matcher: Matcher, source: str = "", known_vars: Iterable[str] = ()) -> None:
        super().__init__(source)
        self.matcher = matcher
        self.palette = matcher.palette
        self.policy = matcher.policy
        self.defined = set(known_vars) | defined_names(source) | self.palette.declared
        self._known: dict[str, frozenset[str]] | None = None
        self._suggested: dict[str, list[str]] = {}  # a stylesheet repeats its unknown names
        self._reads: dict[str, int] = {}
        self.checked = 0

    # -- entry points --------------------------------------------------------------------------
    def stylesheet(self, text: str, line0: int = 1, col0: int = 1) -> None:
        import tinycss2

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
        import tinycss2

        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        self._rules(rules, (line0, col0), "")

    def declarations(self, text: str, line0: int, col0: int, where: str = "") -> None:
        import tinycss2

        for decl in tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True):
            if decl.type == "declaration":
                self.declaration(decl.lower_name, decl.value, (line0, col0), where)

    def value(self, prop: str, text: str, line: int | None, col: int | None, target: str | None = None) -> None:
        """One property value given as text (an HTML/SVG attribute or a computed style)."""
        import tinycss2

        nodes = tinycss2.parse_component_value_list(text, skip_comments=True)
        self.declaration(prop, nodes, (line or 1, col or 1), target or "", positioned=line is not None)

    # -- CSS structure -------------------------------------------------------------------------
    def _rules(self, rules: Sequence[Any], origin: tuple[int, int], where: str) -> None:
        import tinycss2

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
        import tinycss2

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
        if reads == _NOTHING or (reads == _COLOURS and (not may_hold_colour(value) or self._known_var(value))):
            self.checked += 1
            return  # nothing in it the check reads or could report: no need to tokenise it
        import tinycss2

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
            self._families(nodes, ctx)
        elif prop == "font":
            self._font_shorthand(nodes, ctx)
        if is_color_property(prop):
            self._walk(nodes, ctx)
        elif prop in {"font", "font-family"}:
            self._vars_only(nodes, ctx)
        kind = scale_of(prop)
        if kind and kind in self.policy.scales:
            self._scale(nodes, kind, ctx)

    # -- typography -----------------------------------------------------------------------------
    def _families(self, nodes: Sequence[Any], ctx: Context) -> None:
        """``font-family``: the first family must be a brand family, fallbacks brand or generic."""
        if not self.palette.families:
            return
        import tinycss2

        groups: list[list[Any]] = [[]]
        for node in nodes:
            if node.type == "literal" and node.value == ",":
                groups.append([])
            elif node.type not in {"whitespace", "comment"}:
                groups[-1].append(node)
        for index, group in enumerate(groups):
            if not group:
                continue
            if any(n.type == "function" for n in group):
                continue  # var() and friends: checked as references
            if len(group) == 1 and group[0].type == "ident" and group[0].lower_value in NEUTRAL_KEYWORDS:
                return
            family = group[0].value if group[0].type == "string" else tinycss2.serialize(group).strip()
            key = family_key(family)
            if index == 0 and key not in self.palette.first_families:
                fix = next((f"var({t.var})" for t in self.palette.font_tokens), None)
                brand = ", ".join(
                    sorted({t.families[0] for t in self.palette.font_tokens} | set(self.palette.extra_fonts))
                )
                ctx.issue(
                    "off-brand-font",
                    f"font family {family!r} is not a brand family (brand: {brand})",
                    group[0],
                    family,
                    fix=fix,
                )
            elif index > 0 and key not in self.palette.families and key not in GENERIC_FAMILIES:
                ctx.issue(
                    "off-brand-font",
                    f"fallback font family {family!r} is neither a brand family nor a generic family",
                    group[0],
                    family,
                )

    def _font_shorthand(self, nodes: Sequence[Any], ctx: Context) -> None:
        """``font``: the families follow the size (and an optional ``/line-height``)."""
        parts = [n for n in nodes if n.type not in {"whitespace", "comment"}]
        if len(parts) == 1 and parts[0].type == "ident" and parts[0].lower_value in SYSTEM_FONTS | NEUTRAL_KEYWORDS:
            return
        for index, node in enumerate(parts):
            if node.type == "function":
                return  # a var() inside the shorthand hides where the family starts
            is_size = node.type in {"dimension", "percentage"} or (
                node.type == "ident" and node.lower_value in FONT_SIZES
            )
            if is_size:
                start = index + 1
                if start < len(parts) and parts[start].type == "literal" and parts[start].value == "/":
                    start += 2
                first = parts[start] if start < len(parts) else None
                if first is not None:
                    self._families(list(nodes)[list(nodes).index(first) :], ctx)
                return

    def _scale(self, nodes: Iterable[Any], kind: str, ctx: Context) -> None:
        """px and rem lengths must be on the scale the dimension tokens of ``kind`` define."""
        lengths = self.palette.lengths(kind)
        for node in nodes:
            if node.type != "dimension" or node.value == 0 or node.lower_unit not in {"px", "rem"}:
                continue
            px = abs(float(node.value)) * (16.0 if node.lower_unit == "rem" else 1.0)
            if any(abs(px - length) < 0.01 for length in lengths):
                continue
            tokens = [t for t in self.palette.tokens if t.length_px is not None and t.length_px in lengths]
            nearest = min(tokens, key=lambda t: abs((t.length_px or 0) - px), default=None)
            hint = f"; nearest {nearest.name} ({nearest.length_px:g}px)" if nearest else ""
            written = f"{node.representation}{node.unit}"
            ctx.issue(
                "off-scale",
                f"{written} is not on the {kind} scale{hint}",
                node,
                written,
                fix=f"var({nearest.var})" if nearest else None,
            )

    def _walk(self, nodes: Iterable[Any], ctx: Context) -> None:
        import tinycss2

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
        unknown = token is None and name not in self.defined
        if unknown and self.policy.unknown != "off" and not self.policy.set_at_run_time(name):
            close = self._suggest(name)
            hint = f"; did you mean {close[0]}?" if close else ""
            # With a fallback the page still renders (an optional hook, or a typo): warn only.
            ctx.issue(
                "unknown-token",
                f"var({name}) names no token or custom property{hint}",
                node,
                f"var({name})",
                fix=f"var({close[0]})" if close else None,
                severity=Severity.WARNING if comma is not None or self.policy.unknown == "warn" else Severity.ERROR,
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
        found = self._suggested.get(name)
        if found is None:
            found = self._suggested[name] = self._closest(name)
        return found

    def _closest(self, name: str) -> list[str]:
        if self._known is None:
            # Token names as written, not their lower-cased aliases: a fix must keep the property's case.
            names = {token.var for token in self.palette.tokens} | self.defined
            self._known = {known: _bigrams(known) for known in sorted(names)}
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
        if ctx.prop.startswith("--") and color.hex in self.palette.defined_colors.get(ctx.prop, ()):
            return  # a token's own definition, as the token files write it (in some theme)
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
        text, fix, details = off_palette(written, color, role, near, self.matcher.metric)
        ctx.issue("off-palette", text, node, written, fix=fix, details=details)


def _bigrams(name: str) -> frozenset[str]:
    return frozenset(name[i : i + 2] for i in range(len(name) - 1))


def _has_function(nodes: Iterable[Any], name: str) -> bool:
    for node in nodes:
        if node.type == "function" and (node.lower_name == name or _has_function(node.arguments, name)):
            return True
    return False


def _has_ident(nodes: Iterable[Any], word: str) -> bool:
    return any(node.type == "ident" and node.lower_value == word for node in nodes)

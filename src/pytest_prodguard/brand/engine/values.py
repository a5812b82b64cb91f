"""Token values: aliases resolved, then read as colours, font stacks or lengths."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .colors import ColorError, Rgba, from_components, modify, parse_css_color, with_alpha
from .composite import COMPOSITE_TYPES, colors_in_text, composite_colors
from .mathexpr import MathError, evaluate
from .palette import GENERIC_FAMILIES, Token

_ALIAS_RE = re.compile(r"\{([^{}]+)\}")
_INNER_VAR_RE = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,([^()]*))?\)")
_LENGTH_RE = re.compile(r"^\s*(-?\d*\.?\d+)\s*(px|rem|em)?\s*$", re.IGNORECASE)
_STUDIO_RGBA_RE = re.compile(r"^rgba?\(\s*(#[0-9a-f]{3,8})\s*,\s*([0-9.]+)(%?)\s*\)$", re.IGNORECASE)
# Family names, quoted or not, separated by commas: nothing else (no numbers, no functions).
_FAMILY_LIST_RE = re.compile(
    r"""\s*(?:"[^"]*"|'[^']*'|-?[A-Za-z][\w -]*)(?:\s*,\s*(?:"[^"]*"|'[^']*'|-?[A-Za-z][\w -]*))*\s*"""
)
_COLOR_SHAPE_RE = re.compile(r"#[0-9a-f]{3,8}\s*$|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", re.IGNORECASE)
_COLOR_TYPES = {"color"}
_FONT_TYPES = {"fontfamily", "fontfamilies"}
_LENGTH_TYPES = {"dimension", "spacing", "borderradius", "sizing", "fontsize", "fontsizes"}
# Types whose values may be Tokens Studio math; colours and font families never are.
_MATH_TYPES = _LENGTH_TYPES | {
    "borderwidth",
    "lineheight",
    "lineheights",
    "letterspacing",
    "paragraphspacing",
    "paragraphindent",
}


KNOWN_FORMATS = (
    "W3C DTCG $value/$type, Tokens Studio, Style Dictionary value/type output, Adobe Spectrum sets "
    "and CSS custom properties"
)


class TokenError(ValueError):
    """A token file that cannot be read as the user meant it."""


@dataclass
class Raw:
    """A token as written, before aliases are resolved."""

    path: tuple[str, ...]
    value: Any
    type: str | None
    node: Mapping[str, Any]
    source: str
    pointer: str
    document: Any
    themes: frozenset[str] = frozenset()
    var: str | None = None

    @property
    def name(self) -> str:
        return ".".join(self.path)


def _normal(kind: str | None) -> str:
    return (kind or "").replace("-", "").replace("_", "").lower()


def _kebab(segment: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", segment).replace(" ", "-").replace("_", "-").lower()


# -- resolution --------------------------------------------------------------------------------


class Resolver:
    def __init__(self, raws: list[Raw]) -> None:
        self.by_name: dict[str, list[Raw]] = {}
        for raw in raws:
            self.by_name.setdefault(raw.name, []).append(raw)
            if raw.var:
                self.by_name.setdefault(raw.var, []).append(raw)

    def theme_variants(self, raw: Raw, stack: tuple[str, ...] = ()) -> set[frozenset[str]]:
        """The themes an untyped alias takes from its target: an alias of a per-theme token is per-theme too."""
        if raw.themes or not isinstance(raw.value, str) or raw.name in stack:
            return {raw.themes}
        whole = _ALIAS_RE.fullmatch(raw.value.strip())
        candidates = self.by_name.get(whole.group(1).strip(), []) if whole else []
        found: set[frozenset[str]] = set()
        for candidate in candidates:
            found |= self.theme_variants(candidate, (*stack, raw.name))
        return found if any(found) else {frozenset()}

    def target(self, name: str, origin: Raw) -> Raw:
        candidates = self.by_name.get(name.strip())
        if not candidates:
            raise TokenError(f"{origin.source}: {origin.pointer}: alias {{{name}}} names no token{self._nested(name)}")
        for raw in reversed(candidates):
            if raw.themes == origin.themes:
                return raw
        for raw in reversed(candidates):
            if raw.themes and raw.themes <= origin.themes:
                return raw  # a token set per theme, read by one set per theme and scale
        for raw in reversed(candidates):
            if not raw.themes:
                return raw
        return candidates[-1]

    def _nested(self, name: str) -> str:
        """Why an alias may miss: its target was read as a group, so its file is in a shape we do not read."""
        prefix = name.strip() + "."
        inside = sorted(n for n in self.by_name if n.startswith(prefix))
        if not inside:
            return ""
        raw = self.by_name[inside[0]][0]
        shown = ", ".join(inside[:3]) + (", ..." if len(inside) > 3 else "")
        return f"; {raw.source} holds it as a group ({shown}), a token format we do not read (we read {KNOWN_FORMATS})"

    def resolve(self, raw: Raw, stack: tuple[str, ...] = ()) -> tuple[Any, str | None]:
        """The value with every alias replaced, and the type (inherited from the alias target)."""
        if raw.name in stack:
            chain = " -> ".join((*stack, raw.name))
            raise TokenError(f"{raw.source}: {raw.pointer}: alias cycle {chain}")
        value, kind = self._value(raw.value, raw, (*stack, raw.name), raw.type)
        if isinstance(value, str) and _normal(kind) in _MATH_TYPES:
            # Computed here, so a token that names this one by alias gets the result, not the sum.
            value = _computed(value, raw)
        return value, kind

    def _value(self, value: Any, raw: Raw, stack: tuple[str, ...], kind: str | None) -> tuple[Any, str | None]:
        if isinstance(value, str):
            whole = _ALIAS_RE.fullmatch(value.strip())
            if whole:
                target = self.target(whole.group(1), raw)
                resolved, target_kind = self.resolve(target, stack)
                return resolved, kind or target_kind
            var = re.fullmatch(r"\s*var\(\s*(--[\w-]+)\s*(?:,[^)]*)?\)\s*", value)
            if var and raw.var is not None and var.group(1) in self.by_name:
                return self.resolve(self.target(var.group(1), raw), stack)
            if raw.var is not None and "var(" in value:
                # A CSS token built from others: rgb(var(--gray-100-rgb)) with --gray-100-rgb: 233, 233, 233.
                return _INNER_VAR_RE.sub(lambda m: self._substitute(m, raw, stack), value), kind
            if "{" in value:
                return _ALIAS_RE.sub(lambda m: _text(self.resolve(self.target(m.group(1), raw), stack)[0]), value), kind
            return value, kind
        if isinstance(value, dict):
            if set(value) == {"$ref"} and isinstance(value["$ref"], str):
                ref = f"$ref {value['$ref']}"
                if ref in stack:
                    chain = " -> ".join(item for item in (*stack, ref) if item.startswith("$ref "))
                    raise TokenError(f"{raw.source}: {raw.pointer}: $ref cycle {chain}")
                return self._value(self._pointer(value["$ref"], raw), raw, (*stack, ref), kind)
            return {k: self._value(v, raw, stack, None)[0] for k, v in value.items()}, kind
        if isinstance(value, list):
            return [self._value(v, raw, stack, None)[0] for v in value], kind
        return value, kind

    def _substitute(self, match: re.Match[str], raw: Raw, stack: tuple[str, ...]) -> str:
        name, fallback = match.group(1), match.group(2)
        if name in self.by_name:
            return _text(self.resolve(self.target(name, raw), stack)[0])
        return fallback.strip() if fallback is not None else match.group(0)

    def _pointer(self, ref: str, raw: Raw) -> Any:
        if not ref.startswith("#/"):
            raise TokenError(f"{raw.source}: {raw.pointer}: $ref {ref!r} is not a JSON Pointer within the file (#/...)")
        node: Any = raw.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise TokenError(f"{raw.source}: {raw.pointer}: $ref {ref!r} points nowhere")
        return node


def _text(value: Any) -> str:
    if isinstance(value, dict) and "hex" in value:
        return str(value["hex"])
    if isinstance(value, dict) and isinstance(value.get("unit"), str):
        number = value.get("value")
        if isinstance(number, int | float) and not isinstance(number, bool):
            return f"{number}{value['unit']}"  # a DTCG dimension inside text, as in "{space.sm} * 2"
    return str(value)


def _computed(value: str, raw: Raw) -> str:
    try:
        result = evaluate(value)
    except MathError as exc:
        shown = repr(value) if raw.value == value else f"{raw.value!r} (= {value!r})"
        raise TokenError(f"{raw.source}: {raw.pointer}: cannot compute {shown}: {exc}") from None
    return value if result is None else result


# -- interpretation ----------------------------------------------------------------------------

_EXPECT_COLOR = "expected a CSS colour string or a colour object {colorSpace, components, alpha?, hex?}"


def _color(value: Any, raw: Raw) -> Rgba:
    where = f"{raw.source}: {raw.pointer}"
    if isinstance(value, str):
        studio = _STUDIO_RGBA_RE.match(value.strip())
        if studio:
            alpha = float(studio.group(2)) / (100 if studio.group(3) else 1)
            return with_alpha(parse_css_color(studio.group(1)), alpha)
        try:
            return parse_css_color(value)
        except ColorError as exc:
            raise TokenError(f"{where}: {exc}; {_EXPECT_COLOR}") from None
    if isinstance(value, dict) and "colorSpace" in value:
        try:
            return from_components(str(value["colorSpace"]), value.get("components"), value.get("alpha"))
        except ColorError as exc:
            if isinstance(value.get("hex"), str):
                try:
                    return parse_css_color(value["hex"])
                except ColorError:
                    pass
            raise TokenError(f"{where}: {exc}") from None
    raise TokenError(f"{where}: {_EXPECT_COLOR}, got {json.dumps(value)[:60]}")


def _families(value: Any, raw: Raw) -> tuple[str, ...]:
    if isinstance(value, str):
        families = tuple(f.strip().strip("\"'") for f in value.split(","))
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        families = tuple(v.strip().strip("\"'") for v in value)
    else:
        raise TokenError(f"{raw.source}: {raw.pointer}: expected a font family name or a list of names")
    families = tuple(f for f in families if f)
    if not families:
        raise TokenError(f"{raw.source}: {raw.pointer}: expected a font family name or a list of names")
    return families


def _length_px(value: Any) -> float | None:
    if isinstance(value, dict) and isinstance(value.get("value"), int | float):
        number, unit = float(value["value"]), str(value.get("unit", "px"))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number, unit = float(value), "px"
    elif isinstance(value, str) and (match := _LENGTH_RE.match(value)):
        number, unit = float(match.group(1)), (match.group(2) or "px")
    else:
        return None
    return number * (16.0 if unit.lower() in {"rem", "em"} else 1.0)


def _apply_quirks(color: Rgba, raw: Raw, resolver: Resolver) -> Rgba:
    alpha = raw.node.get("alpha")
    if isinstance(alpha, int | float) and not isinstance(alpha, bool) and 0 <= alpha <= 1:
        color = with_alpha(color, float(alpha))  # Primer keeps an alpha next to $value
    extensions = raw.node.get("$extensions")
    for vendor in extensions.values() if isinstance(extensions, dict) else ():
        modifier = vendor.get("alphaModifier") if isinstance(vendor, dict) else None
        per_theme = vendor.get("alphaModifiers") if isinstance(vendor, dict) else None
        if isinstance(per_theme, dict) and len(raw.themes) == 1:
            modifier = per_theme.get(next(iter(raw.themes)), modifier)  # Carbon: {"g90": 0.3}
        if isinstance(modifier, int | float) and not isinstance(modifier, bool) and 0 <= modifier <= 1:
            color = with_alpha(color, float(modifier))  # IBM Carbon: an alias at another opacity
    studio = extensions.get("studio.tokens") if isinstance(extensions, dict) else None
    mod = studio.get("modify") if isinstance(studio, dict) else None
    if isinstance(mod, dict) and not raw.pointer.endswith("/$extensions"):
        where = f"{raw.source}: {raw.pointer}/$extensions/studio.tokens/modify"
        try:
            amount = float(resolver._value(mod.get("value"), raw, (raw.name,), None)[0])
            other = mod.get("color")
            mixed = _color(resolver._value(other, raw, (raw.name,), None)[0], raw) if other is not None else None
            color = modify(color, str(mod.get("type")), amount, str(mod.get("space", "srgb")), mixed)
        except (TypeError, ValueError) as exc:
            raise TokenError(f"{where}: {exc}; expected type lighten|darken|mix|alpha and a number value") from None
    return color


def interpret(raw: Raw, resolver: Resolver, font_vars: frozenset[str] = frozenset()) -> list[Token]:
    """The palette entries one token gives: usually one; a composite gives one per colour it holds."""
    value, kind = resolver.resolve(raw)
    name = raw.name
    var = var_of(raw)
    aliases = tuple({"--" + "-".join(raw.path), "--" + "-".join(p.lower() for p in raw.path)} - {var})
    deprecated = raw.node.get("$deprecated", raw.node.get("deprecated", False))
    base = Token(name, var, raw.source, raw.pointer, kind, raw.themes, bool(deprecated), aliases=aliases)
    lowered = _normal(kind)
    if lowered in _COLOR_TYPES:
        if isinstance(value, str) and value.strip().lower().startswith(("linear-gradient", "radial-gradient")):
            return _composite(base, colors_in_text(value))  # Studio allows gradients as colours
        return [replace(base, color=_apply_quirks(_color(value, raw), raw, resolver))]
    if lowered in _FONT_TYPES:
        return [replace(base, families=_families(value, raw))]
    if lowered == "typography" and isinstance(value, dict) and "fontFamily" in value:
        return [replace(base, families=_families(value["fontFamily"], raw), composite=True)]
    if lowered in COMPOSITE_TYPES:
        if isinstance(value, str):
            return _composite(base, colors_in_text(value))
        return _composite(base, [_color(c, raw) for c in composite_colors(value)])
    if lowered in _LENGTH_TYPES:
        return [replace(base, length_px=_length_px(value))]
    if kind is None:
        return _guess(base, value, raw, font_vars)
    _check_type(kind, raw)
    return []


# Every type name of DTCG and Tokens Studio (normalised); others are a vendor's own, kept silently.
_KNOWN_TYPES = _COLOR_TYPES | _FONT_TYPES | _MATH_TYPES | COMPOSITE_TYPES | {
    "fontweight", "fontweights", "duration", "cubicbezier", "number", "strokestyle", "border", "transition",
    "shadow", "boxshadow", "gradient", "typography", "fontstyle", "letterspacing", "lineheights",
    "paragraphspacing", "paragraphindent", "textcase", "textdecoration", "opacity", "composition", "asset",
    "other", "boolean", "text", "string",
}  # fmt: skip


def _check_type(kind: str, raw: Raw) -> None:
    """A misspelt type (``colour``, ``fontFamilly``) would drop the token, and the CSS would take the blame."""
    import difflib

    lowered = _normal(kind)
    if lowered in _KNOWN_TYPES:
        return
    close = difflib.get_close_matches(lowered, sorted(_COLOR_TYPES | _FONT_TYPES | _LENGTH_TYPES), n=1, cutoff=0.75)
    if close:
        raise TokenError(
            f"{raw.source}: {raw.pointer}: token {raw.name!r} has $type {kind!r}, which is not a token type "
            f"(did you mean {close[0]!r}?); the token would be ignored"
        )


def var_of(raw: Raw) -> str:
    """The custom property a token is written as in CSS: its own, or its path in kebab case."""
    return raw.var or "--" + "-".join(_kebab(p) for p in raw.path)


def _composite(base: Token, colors: list[Rgba]) -> list[Token]:
    return [replace(base, color=color, composite=True) for color in dict.fromkeys(colors)]


def _guess(base: Token, value: Any, raw: Raw, font_vars: frozenset[str]) -> list[Token]:
    """Untyped tokens (legacy files, CSS custom properties): take the type their value clearly has.

    A font stack is recognised by its name (``family``), by where the stylesheets use it
    (``font-family: var(--x)``, given as ``font_vars``) or by its shape (see :func:`is_font_stack`).
    """
    if isinstance(value, dict) and "colorSpace" in value:
        return [replace(base, color=_color(value, raw))]
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return []
    text = str(value).strip()
    words = set(re.split(r"[^a-z]+", base.name.lower()))
    named = words & {"family", "families"} or (raw.var and "font" in words and "," in text)
    inferred = base.var in font_vars or (raw.var is not None and is_font_stack(text))
    if _COLOR_SHAPE_RE.match(text):
        named = inferred = False  # rgb(27, 150, 255) under a name such as JOB_FAMILY is still a colour
    if named or (inferred and _FAMILY_LIST_RE.fullmatch(text)):
        if not text or "var(" in text:
            return []  # an untyped, unresolvable stack: nothing the intent makes clear
        return [replace(base, families=_families(text, raw))]
    length = _length_px(value)
    if length is not None:
        return [replace(base, length_px=length)]
    try:
        return [replace(base, color=parse_css_color(text))]
    except ColorError:
        pass
    return _composite(base, colors_in_text(text)) if raw.var else []


def is_font_stack(text: str) -> bool:
    """A comma-separated list of family names that ends in (or holds) a generic family: a font stack."""
    if "," not in text or not _FAMILY_LIST_RE.fullmatch(text):
        return False
    families = {f.strip().strip("\"'").lower() for f in text.split(",")}
    return bool(families & GENERIC_FAMILIES)

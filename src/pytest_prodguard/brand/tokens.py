"""Reading design tokens: W3C DTCG, Tokens Studio (legacy and DTCG), Style Dictionary output, CSS.

Every problem is a :class:`TokenError` whose message names the file, the JSON path and what was
expected. Where a vendor quirk leaves the intent clear (a sibling ``alpha``, per-theme values under
``$extensions``, Studio colour modifiers) the reader follows it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .colors import ColorError, Rgba, from_components, modify, parse_css_color, with_alpha
from .palette import Palette, Token

_ALIAS_RE = re.compile(r"\{([^{}]+)\}")
_LENGTH_RE = re.compile(r"^\s*(-?\d*\.?\d+)\s*(px|rem|em)?\s*$", re.IGNORECASE)
_STUDIO_RGBA_RE = re.compile(r"^rgba?\(\s*(#[0-9a-f]{3,8})\s*,\s*([0-9.]+)(%?)\s*\)$", re.IGNORECASE)
_COLOR_TYPES = {"color"}
_FONT_TYPES = {"fontfamily", "fontfamilies"}
_LENGTH_TYPES = {"dimension", "spacing", "borderradius", "sizing", "fontsize", "fontsizes"}
_MODE_KEYS = {"modes", "mode", "themes", "theme", "overrides"}


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


def _kebab(segment: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", segment).replace(" ", "-").replace("_", "-").lower()


def _pointer(parts: Iterable[str]) -> str:
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


class _Reader:
    def __init__(self) -> None:
        self.raws: list[Raw] = []

    # -- JSON shapes ---------------------------------------------------------------------------
    def read_json(self, source: str, text: str) -> None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise TokenError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
        except RecursionError:
            raise TokenError(f"{source}: JSON nested too deeply") from None
        name = Path(source).name
        if name.startswith(("$themes", "$metadata")):
            return  # Tokens Studio's theme and set-order files hold no tokens
        if isinstance(data, list):
            self._read_flat_list(source, data)
        elif isinstance(data, dict):
            if "$themes" in data or "$metadata" in data:
                self._read_studio_sets(source, data)
            else:
                self._walk(source, data, data, (), (), None, frozenset())
        else:
            raise TokenError(f"{source}: /: expected a JSON object of token groups or a list of tokens")

    def _read_flat_list(self, source: str, data: list[Any]) -> None:
        for index, entry in enumerate(data):
            where = f"/{index}"
            if not isinstance(entry, dict) or "name" not in entry or not ({"value", "$value"} & entry.keys()):
                raise TokenError(f"{source}: {where}: expected a Style Dictionary token object with name and value")
            name = str(entry["name"])
            path = entry.get("path")
            segments = tuple(str(p) for p in path) if isinstance(path, list) and path else (name,)
            value = entry.get("$value", entry.get("value"))
            kind = entry.get("$type", entry.get("type"))
            var = name if name.startswith("--") else f"--{name}"
            self.raws.append(
                Raw(segments, value, kind if isinstance(kind, str) else None, entry, source, where, data, var=var)
            )

    def _read_studio_sets(self, source: str, data: dict[str, Any]) -> None:
        themes = data.get("$themes")
        enabled: dict[str, set[str]] = {}
        theme_names: set[str] = set()
        if isinstance(themes, list):
            for theme in themes:
                if not isinstance(theme, dict) or not isinstance(theme.get("selectedTokenSets"), dict):
                    continue
                theme_name = str(theme.get("name", ""))
                theme_names.add(theme_name)
                for set_name, status in theme["selectedTokenSets"].items():
                    if status in {"enabled", "source"}:
                        enabled.setdefault(set_name, set()).add(theme_name)
        for set_name, tree in data.items():
            if set_name.startswith("$") or not isinstance(tree, dict):
                continue
            in_themes = enabled.get(set_name, set())
            # A set used by every theme (or by none) is shared: its tokens belong to no one theme.
            tag = frozenset() if not in_themes or in_themes == theme_names else frozenset(in_themes)
            self._walk(source, tree, data, (), (set_name,), None, tag)

    def _walk(
        self,
        source: str,
        node: dict[str, Any],
        document: Any,
        path: tuple[str, ...],
        where: tuple[str, ...],
        inherited: str | None,
        themes: frozenset[str],
    ) -> None:
        group_type = node.get("$type", inherited)
        if isinstance(node.get("type"), str) and "$type" not in node and not _is_legacy_token(node):
            group_type = node["type"]
        for key, child in node.items():
            if key.startswith("$") and key != "$root":
                continue
            child_path = path if key == "$root" else (*path, key)
            child_where = (*where, key)
            if isinstance(child, dict) and "$value" in child:
                kind = child.get("$type", group_type)
                self._add(source, child_path, child["$value"], kind, child, child_where, document, themes)
            elif isinstance(child, dict) and _is_legacy_token(child):
                kind = child.get("type", group_type)
                self._add(source, child_path, child["value"], kind, child, child_where, document, themes)
            elif isinstance(child, dict):
                self._walk(source, child, document, child_path, child_where, group_type, themes)
            elif isinstance(child, str | int | float | list) and not isinstance(child, bool):
                # A bare leaf (Style Dictionary "nested" output): the intent, a value, is clear.
                self._add(source, child_path, child, group_type, {}, child_where, document, themes)

    def _add(
        self,
        source: str,
        path: tuple[str, ...],
        value: Any,
        kind: Any,
        node: Mapping[str, Any],
        where: tuple[str, ...],
        document: Any,
        themes: frozenset[str],
    ) -> None:
        if kind is not None and not isinstance(kind, str):
            raise TokenError(f"{source}: {_pointer(where)}/$type: expected a type name string, got {kind!r}")
        pointer = _pointer(where)
        raw = Raw(path, value, kind, node, source, pointer, document, themes)
        self.raws.append(raw)
        for theme, theme_value in _extension_modes(node):
            self.raws.append(
                replace(raw, value=theme_value, themes=frozenset({theme}), pointer=f"{pointer}/$extensions")
            )

    # -- CSS custom properties -----------------------------------------------------------------
    def read_css(self, source: str, text: str) -> None:
        import tinycss2  # type: ignore[import-untyped,unused-ignore]

        def visit(rules: list[Any], media_theme: str | None) -> None:
            for rule in rules:
                if rule.type == "at-rule" and rule.content is not None:
                    prelude = tinycss2.serialize(rule.prelude).lower()
                    theme = media_theme
                    match = re.search(r"prefers-color-scheme\s*:\s*([a-z-]+)", prelude)
                    if match:
                        theme = match.group(1)
                    visit(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), theme)
                elif rule.type == "qualified-rule":
                    theme = _selector_theme(tinycss2.serialize(rule.prelude)) or media_theme
                    for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                        if decl.type == "declaration" and decl.name.startswith("--"):
                            value = tinycss2.serialize(decl.value).strip()
                            where = f"line {decl.source_line}"
                            tags = frozenset({theme}) if theme else frozenset()
                            path = (decl.name[2:],)
                            self.raws.append(Raw(path, value, None, {}, source, where, None, tags, var=decl.name))

        visit(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), None)


def _is_legacy_token(node: Mapping[str, Any]) -> bool:
    if "value" not in node:
        return False
    value = node["value"]
    if not isinstance(value, dict):
        return True
    # A legacy composite value (typography, border...) sits next to its type; a group would not.
    return "type" in node or not any(isinstance(v, dict) for v in value.values())


def _extension_modes(node: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Per-theme values vendors keep under ``$extensions`` (``{"modes": {"dark": ...}}``)."""
    extensions = node.get("$extensions")
    if not isinstance(extensions, dict):
        return []
    found: list[tuple[str, Any]] = []
    for vendor in extensions.values():
        if not isinstance(vendor, dict):
            continue
        for key, modes in vendor.items():
            if key.lower() in _MODE_KEYS and isinstance(modes, dict):
                for theme, value in modes.items():
                    value = value.get("$value", value.get("value")) if isinstance(value, dict) else value
                    if value is not None:
                        found.append((str(theme), value))
    return found


def _selector_theme(selector: str) -> str | None:
    text = selector.strip()
    if text.lower() in {":root", "html", ":host", "*"}:
        return None
    match = re.search(r"\[\s*data-[\w-]+\s*[~|^$*]?=\s*[\"']?([\w-]+)", text)
    if match:
        return match.group(1)
    match = re.search(r"\.([\w-]+)", text)
    if match:
        return match.group(1)
    return text


# -- resolution --------------------------------------------------------------------------------


class _Resolver:
    def __init__(self, raws: list[Raw]) -> None:
        self.by_name: dict[str, list[Raw]] = {}
        for raw in raws:
            self.by_name.setdefault(raw.name, []).append(raw)
            if raw.var:
                self.by_name.setdefault(raw.var, []).append(raw)

    def target(self, name: str, origin: Raw) -> Raw:
        candidates = self.by_name.get(name.strip())
        if not candidates:
            raise TokenError(f"{origin.source}: {origin.pointer}: alias {{{name}}} names no token")
        for raw in reversed(candidates):
            if raw.themes == origin.themes:
                return raw
        for raw in reversed(candidates):
            if not raw.themes:
                return raw
        return candidates[-1]

    def resolve(self, raw: Raw, stack: tuple[str, ...] = ()) -> tuple[Any, str | None]:
        """The value with every alias replaced, and the type (inherited from the alias target)."""
        if raw.name in stack:
            chain = " -> ".join((*stack, raw.name))
            raise TokenError(f"{raw.source}: {raw.pointer}: alias cycle {chain}")
        return self._value(raw.value, raw, (*stack, raw.name), raw.type)

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
            if "{" in value:
                return _ALIAS_RE.sub(lambda m: _text(self.resolve(self.target(m.group(1), raw), stack)[0]), value), kind
            return value, kind
        if isinstance(value, dict):
            if set(value) == {"$ref"} and isinstance(value["$ref"], str):
                return self._value(self._pointer(value["$ref"], raw), raw, stack, kind)
            return {k: self._value(v, raw, stack, None)[0] for k, v in value.items()}, kind
        if isinstance(value, list):
            return [self._value(v, raw, stack, None)[0] for v in value], kind
        return value, kind

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
    return str(value)


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


def _apply_quirks(color: Rgba, raw: Raw, resolver: _Resolver) -> Rgba:
    alpha = raw.node.get("alpha")
    if isinstance(alpha, int | float) and not isinstance(alpha, bool) and 0 <= alpha <= 1:
        color = with_alpha(color, float(alpha))  # Primer keeps an alpha next to $value
    extensions = raw.node.get("$extensions")
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


def _interpret(raw: Raw, resolver: _Resolver) -> Token | None:
    value, kind = resolver.resolve(raw)
    name = raw.name
    var = raw.var or "--" + "-".join(_kebab(p) for p in raw.path)
    aliases = tuple({"--" + "-".join(raw.path), "--" + "-".join(p.lower() for p in raw.path)} - {var})
    deprecated = raw.node.get("$deprecated", raw.node.get("deprecated", False))
    base = Token(name, var, raw.source, raw.pointer, kind, raw.themes, bool(deprecated), aliases=aliases)
    lowered = (kind or "").replace("-", "").replace("_", "").lower()
    if lowered in _COLOR_TYPES:
        if isinstance(value, str) and value.strip().lower().startswith(("linear-gradient", "radial-gradient")):
            return None  # Studio allows gradients as colours; they are not one palette colour
        return replace(base, color=_apply_quirks(_color(value, raw), raw, resolver))
    if lowered in _FONT_TYPES:
        return replace(base, families=_families(value, raw))
    if lowered == "typography" and isinstance(value, dict) and "fontFamily" in value:
        return replace(base, families=_families(value["fontFamily"], raw), composite=True)
    if lowered in {"border", "shadow", "boxshadow", "gradient"}:
        colors = [v.get("color") for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict)]
        if colors and colors[0] is not None:
            return replace(base, color=_color(colors[0], raw), composite=True)
        return None
    if lowered in _LENGTH_TYPES:
        return replace(base, length_px=_length_px(value))
    if kind is None:
        return _guess(base, value, raw)
    return None


def _guess(base: Token, value: Any, raw: Raw) -> Token | None:
    """Untyped tokens (legacy files, CSS custom properties): take the type their value clearly has."""
    if isinstance(value, dict) and "colorSpace" in value:
        return replace(base, color=_color(value, raw))
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    text = str(value).strip()
    words = set(re.split(r"[^a-z]+", base.name.lower()))
    if words & {"family", "families"} or (raw.var and "font" in words and "," in text):
        if not text or "var(" in text:
            return None  # an untyped, unresolvable stack: nothing the intent makes clear
        return replace(base, families=_families(text, raw))
    length = _length_px(value)
    if length is not None:
        return replace(base, length_px=length)
    try:
        return replace(base, color=parse_css_color(text))
    except ColorError:
        return None


def load_palette(
    files: Iterable[Path], root: Path, *, themes: Iterable[str] = (), extra_fonts: Iterable[str] = ()
) -> Palette:
    """Read and merge token files (``.json``, ``.css``) into the palette, keeping the chosen themes."""
    reader = _Reader()
    for file in files:
        shown = _shown(file, root)
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise TokenError(f"{shown}: token file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise TokenError(f"{shown}: cannot read token file: {exc}") from None
        try:
            if file.suffix.lower() in {".css", ".scss", ".pcss"}:
                reader.read_css(shown, text)
            else:
                reader.read_json(shown, text)
        except RecursionError:
            raise TokenError(f"{shown}: token groups nested too deeply") from None
    resolver = _Resolver(reader.raws)
    wanted = frozenset(themes)
    tokens: list[Token] = []
    seen_themes: set[str] = set()
    for raw in reader.raws:
        seen_themes.update(raw.themes)
        if wanted and raw.themes and not raw.themes & wanted:
            continue
        try:
            token = _interpret(raw, resolver)
        except RecursionError:
            raise TokenError(f"{raw.source}: {raw.pointer}: alias chain too long") from None
        if token is not None:
            tokens.append(token)
    missing = sorted(wanted - seen_themes)
    if missing:
        known = ", ".join(sorted(seen_themes)) or "none"
        raise TokenError(f"prodguard_brand_themes: no token belongs to theme {missing[0]!r} (themes found: {known})")
    palette = Palette(tokens, tuple(extra_fonts))
    if not palette.colors and not palette.families:
        names = ", ".join(_shown(f, root) for f in files)
        raise TokenError(
            f"{names}: no colour or font-family tokens found; expected DTCG, Tokens Studio, "
            "Style Dictionary or CSS custom-property tokens"
        )
    return palette


def _shown(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(file)

"""Reading design tokens: W3C DTCG, Tokens Studio (legacy and DTCG), Style Dictionary output, CSS;
JSON files may also be written as JSON5.

Every problem is a :class:`TokenError` whose message names the file, the JSON path and what was
expected. Where a vendor quirk leaves the intent clear (a sibling ``alpha``, per-theme values under
``$extensions``, Studio colour modifiers) the reader follows it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .groups import Tree, json_pointer
from .palette import Palette, Token
from .values import Raw, Resolver, TokenError, interpret, var_of

__all__ = ["Raw", "TokenError", "load_palette"]

_MODE_KEYS = {"modes", "mode", "themes", "theme", "overrides"}


_FONT_USE_RE = re.compile(r"(?<![\w-])font(?:-family)?\s*:[^;{}]*?var\(\s*(--[\w-]+)", re.IGNORECASE)


def font_uses(text: str) -> set[str]:
    """Custom properties a stylesheet uses as font families (``font-family: var(--x)``, ``font: 1em var(--x)``)."""
    return set(_FONT_USE_RE.findall(text)) if "font" in text else set()


class _Reader:
    def __init__(self) -> None:
        self.raws: list[Raw] = []
        self.font_vars: frozenset[str] = frozenset()

    # -- JSON shapes ---------------------------------------------------------------------------
    def read_json(self, source: str, text: str, *, json5: bool = False) -> None:
        try:
            data = _parse_json5(source, text) if json5 else json.loads(text)
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
                self._walk(source, data, data, (), frozenset())
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
            self._walk(source, tree, data, (set_name,), tag)

    def _walk(
        self, source: str, tree: dict[str, Any], document: Any, where: tuple[str, ...], themes: frozenset[str]
    ) -> None:
        for leaf in Tree(source, tree, where, document).leaves():
            self._add(source, leaf.path, leaf.value, leaf.type, leaf.node, leaf.where, document, themes | leaf.themes)

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
            raise TokenError(f"{source}: {json_pointer(where)}/$type: expected a type name string, got {kind!r}")
        pointer = json_pointer(where)
        raw = Raw(path, value, kind, node, source, pointer, document, themes)
        if value is not None:  # None: a token with per-theme values only
            self.raws.append(raw)
        for theme, theme_value in _extension_modes(node):
            self.raws.append(
                replace(raw, value=theme_value, themes=frozenset({theme}), pointer=f"{pointer}/$extensions")
            )

    # -- CSS custom properties -----------------------------------------------------------------
    def read_css(self, source: str, text: str) -> None:
        import tinycss2

        self.font_vars |= font_uses(text)

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


def _parse_json5(source: str, text: str) -> Any:
    try:
        import json5  # only projects with .json5 token files need it
    except ImportError:
        raise TokenError(
            f"{source}: reading JSON5 token files needs the json5 package (pip install 'pytest-prodguard[brand]')"
        ) from None
    try:
        return json5.loads(text)
    except ValueError as exc:
        # json5 reports "<string>:LINE MESSAGE at column COL"; say it the way JSON errors are said.
        where = re.fullmatch(r"<string>:(\d+) (.*) at column (\d+)", str(exc))
        if where:
            raise TokenError(f"{source}:{where[1]}:{where[3]}: not valid JSON5: {where[2]}") from None
        raise TokenError(f"{source}: not valid JSON5: {exc}") from None


def _extension_modes(node: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Per-theme values vendors keep under ``$extensions`` (``{"modes": {"dark": ...}}``)."""
    extensions = node.get("$extensions")
    if not isinstance(extensions, dict):
        return []
    found: list[tuple[str, Any]] = []
    for name, vendor in extensions.items():
        if not isinstance(vendor, dict):
            continue
        if str(name).rsplit(".", 1)[-1].lower() in _MODE_KEYS and not _MODE_KEYS & {str(k).lower() for k in vendor}:
            vendor = {"modes": vendor}  # IBM Carbon: {"carbon.themes": {"white": ..., "g90": ...}}
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


def load_palette(
    files: Iterable[Path],
    root: Path,
    *,
    themes: Iterable[str] = (),
    extra_fonts: Iterable[str] = (),
    font_vars: Iterable[str] = (),
) -> Palette:
    """Read and merge token files (``.json``, ``.json5``, ``.css``) into the palette, keeping the chosen themes.

    ``font_vars`` are custom properties the checked stylesheets use as font families: an untyped
    CSS token of that name is a font stack.
    """
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
                reader.read_json(shown, text, json5=file.suffix.lower() == ".json5")
        except RecursionError:
            raise TokenError(f"{shown}: token groups nested too deeply") from None
    resolver = Resolver(reader.raws)
    wanted = frozenset(themes)
    fonts = frozenset(font_vars) | reader.font_vars
    tokens: list[Token] = []
    elsewhere: list[Token] = []  # tokens of themes left out: their own definitions are still no finding
    seen_themes: set[str] = set()
    expanded = [
        replace(raw, themes=themes) if themes != raw.themes else raw
        for raw in reader.raws
        for themes in sorted(resolver.theme_variants(raw), key=sorted)
    ]
    for raw in expanded:
        seen_themes.update(raw.themes)
        keep = tokens if not (wanted and raw.themes and not raw.themes & wanted) else elsewhere
        try:
            keep.extend(interpret(raw, resolver, fonts))
        except RecursionError:
            raise TokenError(f"{raw.source}: {raw.pointer}: alias chain too long") from None
    missing = sorted(wanted - seen_themes)
    if missing:
        known = ", ".join(sorted(seen_themes)) or "none"
        raise TokenError(f"prodguard_brand_themes: no token belongs to theme {missing[0]!r} (themes found: {known})")
    declared = frozenset(var_of(raw) for raw in reader.raws)
    palette = Palette(tokens, tuple(extra_fonts), elsewhere, declared)
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

"""Settings -> palette and policy (loaded once per run), documents -> findings."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding
from .matching import Matcher, Policy
from .options import Tolerance
from .palette import Palette
from .scan import Issue, Scan
from .tokens import TokenError

GATE = "brand"
MARKUP_SUFFIXES = {".html": False, ".htm": False, ".xhtml": False, ".svg": True}


class BrandError(Exception):
    """A user mistake (settings, token files, marker arguments) shown as one line."""


@dataclass(frozen=True)
class Profile:
    """Everything a check depends on; one palette is built per distinct profile."""

    tokens: tuple[str, ...] | None
    tolerance: Tolerance
    literals: str
    fonts: tuple[str, ...]
    scales: tuple[str, ...]
    themes: tuple[str, ...]


class Engine:
    """Per-run cache of palettes, and the project's custom properties (defined in any checked file)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._palettes: dict[Profile, Palette | BrandError] = {}
        self.project_vars: frozenset[str] = frozenset()

    def palette(self, profile: Profile) -> Palette:
        cached = self._palettes.get(profile)
        if cached is None:
            try:
                cached = self._load(profile)
            except (TokenError, BrandError) as exc:
                cached = BrandError(str(exc))
            self._palettes[profile] = cached
        if isinstance(cached, BrandError):
            raise cached
        return cached

    def _load(self, profile: Profile) -> Palette:
        from .tokens import load_palette

        if not profile.tokens:
            raise BrandError(
                "prodguard: no design tokens to check against: set prodguard_brand_tokens "
                "(ini), PRODGUARD_BRAND_TOKENS or --prodguard-brand-tokens to your token files"
            )
        files: list[Path] = []
        for entry in profile.tokens:
            if glob.has_magic(entry):
                matched = sorted(Path(p) for p in glob.glob(str(self.root / entry), recursive=True))
                if not matched:
                    raise BrandError(f"prodguard_brand_tokens: {entry!r} matches no file under the rootdir")
                files.extend(matched)
            else:
                files.append(self.root / entry)
        palette = load_palette(files, self.root, themes=profile.themes, extra_fonts=profile.fonts)
        for kind in profile.scales:
            if not palette.lengths(kind):
                raise BrandError(f"prodguard_brand_scales: {kind} is on, but the tokens hold no {kind} dimensions")
        return palette

    def scan(self, profile: Profile, source: str = "") -> Scan:
        matcher = Matcher(self.palette(profile), Policy(profile.tolerance, profile.literals, profile.scales))
        return Scan(matcher, source, self.project_vars)


def scan_file(engine: Engine, profile: Profile, path: Path) -> Scan:
    from .markup import scan_markup

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BrandError(f"{shown(path, engine.root)}: cannot read: {exc}") from None
    scan = engine.scan(profile, text)
    suffix = path.suffix.lower()
    if suffix in MARKUP_SUFFIXES:
        scan_markup(scan, text, svg=MARKUP_SUFFIXES[suffix])
    else:
        scan.stylesheet(text)
    return scan


def to_findings(issues: Sequence[Issue], path: str | None, *, prefix: str = "", details: Any = None) -> list[Finding]:
    found = []
    for issue in issues:
        key = issue.key if issue.line is not None or not issue.target else f"{issue.target}|{issue.key}"
        found.append(
            Finding(
                gate=GATE,
                rule=issue.rule,
                message=issue.message,
                severity=issue.severity,
                path=path,
                line=issue.line,
                col=issue.col,
                target=issue.target,
                fix=issue.fix,
                key=prefix + key,
                details={**issue.details, **(details or {})},
            )
        )
    return found


def shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def defined_vars(paths: Iterable[Path]) -> frozenset[str]:
    from .scan import _DEFINED_RE

    names: set[str] = set()
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        names.update(a or b for a, b in _DEFINED_RE.findall(text))
    return frozenset(names)


def as_path(source: str | os.PathLike[str]) -> Path | None:
    return Path(source) if isinstance(source, os.PathLike) else None

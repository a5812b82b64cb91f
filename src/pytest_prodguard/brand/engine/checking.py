"""A profile -> palette and policy (loaded once per run), documents -> issues -> findings.

Nothing here imports pytest: the command line runs the same engine in a bare interpreter, and the
pytest glue builds the :class:`Profile` from its settings.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ...findings import Finding, Severity, finding_from
from .issues import Issue, defined_names
from .matching import Matcher, Policy
from .palette import Palette
from .scan import Scan
from .tokens import TokenError
from .tolerance import Tolerance

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
    unknown: str = "error"  # what var() of an undefined custom property is: error, warn or off
    runtime_vars: tuple[str, ...] = ()  # custom properties set at run time (names or fnmatch patterns)


class Engine:
    """Per-run cache of palettes, and the project's custom properties (defined in any checked file)."""

    def __init__(self, root: Path, cache: Any = None) -> None:
        self.root = root
        self.cache = cache  # pytest's cache (``config.cache``), or None when the cacheprovider is off
        self._palettes: dict[Profile, Palette | BrandError] = {}
        self._token_files: dict[Profile, list[Path]] = {}
        self._signatures: dict[Profile, str] = {}
        self.project_vars: frozenset[str] = frozenset()
        self.font_vars: frozenset[str] = frozenset()  # custom properties the project uses as font families

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

    def token_files(self, profile: Profile) -> list[Path]:
        files = self._token_files.get(profile)
        if files is None:
            if not profile.tokens:
                raise BrandError(
                    "prodguard: no design tokens to check against: set prodguard_brand_tokens "
                    "(ini), PRODGUARD_BRAND_TOKENS or --prodguard-brand-tokens to your token files"
                )
            files = []
            for entry in profile.tokens:
                if glob.has_magic(entry):
                    matched = sorted(Path(p) for p in glob.glob(str(self.root / entry), recursive=True))
                    if not matched:
                        raise BrandError(f"prodguard_brand_tokens: {entry!r} matches no file under the rootdir")
                    files.extend(matched)
                else:
                    files.append(self.root / entry)
            self._token_files[profile] = files
        return files

    def learn(self, paths: Iterable[Path]) -> None:
        """Read the project's files once for what they define and how they use custom properties."""
        from .tokens import font_uses

        defined: set[str] = set()
        fonts: set[str] = set()
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            defined.update(defined_names(text))
            fonts.update(font_uses(text))
        self.project_vars, self.font_vars = frozenset(defined), frozenset(fonts)

    def _load(self, profile: Profile) -> Palette:
        from .tokens import load_palette

        files = self.token_files(profile)
        palette = load_palette(
            files, self.root, themes=profile.themes, extra_fonts=profile.fonts, font_vars=self.font_vars
        )
        for kind in profile.scales:
            if not palette.lengths(kind):
                raise BrandError(f"prodguard_brand_scales: {kind} is on, but the tokens hold no {kind} dimensions")
        return palette

    def signature(self, profile: Profile) -> str:
        """Everything a file's result depends on besides the file: version, settings, tokens, project vars."""
        signature = self._signatures.get(profile)
        if signature is None:
            import hashlib

            from ... import __version__

            digest = hashlib.sha256(
                f"{__version__}|{profile!r}|{sorted(self.project_vars)}|{sorted(self.font_vars)}".encode()
            )
            for file in self.token_files(profile):
                digest.update(file.read_bytes())
            signature = self._signatures[profile] = digest.hexdigest()
        return signature

    def scan(self, profile: Profile, source: str = "") -> Scan:
        policy = Policy(profile.tolerance, profile.literals, profile.scales, profile.unknown, profile.runtime_vars)
        matcher = Matcher(self.palette(profile), policy)
        return Scan(matcher, source, self.project_vars)


class Checked(NamedTuple):
    """What checking one file gave: its issues, and how many declarations were checked."""

    issues: list[Issue]
    declarations: int


def check_file(engine: Engine, profile: Profile, path: Path) -> Checked:
    """The file's issues, from pytest's cache when neither the file nor anything it is judged by changed."""
    data = _read(engine, path)
    if engine.cache is None:
        scan = scan_text(engine, profile, path, data.decode("utf-8"))
        return Checked(scan.issues, scan.checked)
    try:
        signature = engine.signature(profile)
    except OSError:
        engine.palette(profile)  # an unreadable token file: the palette names the problem
        raise
    # Only results checked against these exact token bytes are stored, and a token mistake is never
    # stored, so a hit proves the tokens loaded: no need to read them again.
    import hashlib  # only a run with pytest's cache keys results

    key = "prodguard/brand/" + hashlib.sha256(signature.encode() + data).hexdigest()[:40]
    stored = engine.cache.get(key, None)
    if isinstance(stored, dict):
        try:
            return Checked([_issue(entry) for entry in stored["issues"]], int(stored["declarations"]))
        except (TypeError, KeyError, ValueError):
            pass  # an entry from another version: check afresh
    scan = scan_text(engine, profile, path, data.decode("utf-8"))
    entries = [{**asdict(issue), "severity": issue.severity.value} for issue in scan.issues]
    engine.cache.set(key, {"issues": entries, "declarations": scan.checked})
    return Checked(scan.issues, scan.checked)


def _issue(entry: dict[str, Any]) -> Issue:
    return Issue(**{**entry, "severity": Severity(entry["severity"])})


def _read(engine: Engine, path: Path) -> bytes:
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BrandError(f"{shown(path, engine.root)}: cannot read: {exc}") from None
    return data


def scan_file(engine: Engine, profile: Profile, path: Path) -> Scan:
    return scan_text(engine, profile, path, _read(engine, path).decode("utf-8"))


def scan_text(engine: Engine, profile: Profile, path: Path, text: str) -> Scan:
    from .markup import scan_markup

    scan = engine.scan(profile, text)
    suffix = path.suffix.lower()
    try:
        if suffix in MARKUP_SUFFIXES:
            scan_markup(scan, text, svg=MARKUP_SUFFIXES[suffix])
        else:
            scan.stylesheet(text)
    except RecursionError:
        raise BrandError(f"{shown(path, engine.root)}: {NESTED_TOO_DEEPLY}") from None
    return scan


NESTED_TOO_DEEPLY = "rules or elements nested too deeply to check (thousands of levels); flatten the nesting"


def to_findings(issues: Sequence[Issue], path: str | None, *, prefix: str = "", details: Any = None) -> list[Finding]:
    found = []
    for issue in issues:
        key = issue.key if issue.line is not None or not issue.target else f"{issue.target}|{issue.key}"
        found.append(
            finding_from(
                GATE,
                issue,
                key=prefix + key,
                path=path,
                target=issue.target,
                details={**issue.details, **(details or {})},
            )
        )
    return found


def shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)

"""The brand part's pytest plugin, registered as ``prodguard.brand``.

Files named by ``prodguard_brand_paths`` become collected items (``css/site.css::brand``); the
``brand`` fixture and ``@pytest.mark.brand`` check stylesheets, markup and live pages in a test.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ..collect import in_scope, matching_files
from ..config import parse_choice
from ..findings import Finding
from ..record import mark_checked, record_finding, settings
from .engine import GATE, BrandError, Engine, Profile, check_file, defined_vars, scan_file, shown, to_findings
from .options import (
    FONTS,
    LITERAL_POLICIES,
    LITERALS,
    PATHS,
    SCALES,
    THEMES,
    TOKENS,
    TOLERANCE,
    parse_list,
    parse_tolerance,
)

ENGINE_KEY = pytest.StashKey[Engine]()
PROFILE_KEY = pytest.StashKey[Profile]()
CHECKS_KEY = pytest.StashKey[int]()
FILES_KEY = pytest.StashKey[list[Path]]()


def profile_of(config: pytest.Config) -> Profile:
    values = settings(config)
    return Profile(
        values.get(TOKENS),
        values.get(TOLERANCE),
        values.get(LITERALS),
        values.get(FONTS),
        values.get(SCALES),
        values.get(THEMES),
    )


def _engine(config: pytest.Config) -> Engine:
    engine = config.stash.get(ENGINE_KEY, None)
    if engine is None:
        engine = config.stash[ENGINE_KEY] = Engine(config.rootpath, getattr(config, "cache", None))
    return engine


class BrandFile(pytest.Item):
    """One stylesheet, HTML page or SVG checked against the brand tokens."""

    def runtest(self) -> None:
        engine = _engine(self.config)
        profile = profile_of(self.config)
        relative = shown(self.path, engine.root)
        try:
            issues = check_file(engine, profile, self.path)
        except BrandError as exc:
            problem = str(exc)
        else:
            problem = ""
        if problem:
            pytest.fail(problem, pytrace=False)
        for finding in to_findings(issues, relative):
            record_finding(self, finding)
        mark_checked(self, GATE)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"brand check of {shown(self.path, self.config.rootpath)}"


class NoBrandFiles(pytest.Item):
    """Stands in for ``prodguard_brand_paths`` when it matches nothing, so the run cannot pass silently."""

    def runtest(self) -> None:
        configured: tuple[str, ...] = settings(self.config).get(PATHS)
        patterns = ", ".join(configured)
        pytest.fail(f"prodguard_brand_paths ({patterns}) matched no file under the rootdir", pytrace=False)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.config.rootpath, None, "prodguard_brand_paths"


class BrandDocument(pytest.File):
    """A brand file named on the command line (``pytest css/site.css``), which pytest collects itself."""

    def collect(self) -> list[pytest.Item]:
        return [BrandFile.from_parent(self, name="brand", path=self.path)]


def _brand_files(config: pytest.Config) -> list[Path]:
    files = config.stash.get(FILES_KEY, None)
    if files is None:
        patterns: tuple[str, ...] = settings(config).get(PATHS)
        files = config.stash[FILES_KEY] = matching_files(config.rootpath, patterns) if patterns else []
    return files


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> BrandDocument | None:
    config = parent.config
    if config.args_source is not pytest.Config.ArgsSource.ARGS or file_path.suffix.lower() == ".py":
        return None
    named = {(config.invocation_params.dir / arg.split("::", 1)[0]).resolve() for arg in config.args}
    resolved = file_path.resolve()
    if resolved in named and resolved in _brand_files(config):
        return BrandDocument.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    patterns = settings(config).get(PATHS)
    if not patterns:
        return
    root = config.rootpath
    files = _brand_files(config)
    engine = _engine(config)
    engine.project_vars = defined_vars(files)
    collected = {item.path.resolve() for item in items if isinstance(item, BrandFile)}
    files = [path for path in files if path not in collected]
    if not files and collected:
        return
    if not files:
        if config.args_source is not pytest.Config.ArgsSource.ARGS:
            items.append(NoBrandFiles.from_parent(session, name="brand", nodeid="prodguard_brand_paths::brand"))
        return
    for path in files:
        if in_scope(config, path):
            nodeid = f"{shown(path, root)}::brand"
            item = BrandFile.from_parent(session, name="brand", path=path, nodeid=nodeid)
            # -k matches names in the node chain; the file's own names make "-k site" work.
            item.extra_keyword_matches.update({path.name, path.stem, shown(path, root)})
            items.append(item)


# -- the marker --------------------------------------------------------------------------------


def _brand_marker(
    tokens: str | list[str] | None = None,
    tolerance: str | float | None = None,
    literals: str | None = None,
    fonts: str | list[str] | None = None,
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if tokens is not None:
        changes["tokens"] = _names("tokens", tokens)
    if tolerance is not None:
        if isinstance(tolerance, bool) or not isinstance(tolerance, str | int | float):
            raise ValueError(f"tolerance={tolerance!r}: expected exact, a number or ok:N")
        try:
            changes["tolerance"] = parse_tolerance(str(tolerance))
        except ValueError as exc:
            raise ValueError(f"tolerance={tolerance!r}: {exc}") from None
    if literals is not None:
        try:
            changes["literals"] = parse_choice(*LITERAL_POLICIES)(str(literals))
        except ValueError as exc:
            raise ValueError(f"literals={literals!r}: {exc}") from None
    if fonts is not None:
        changes["fonts"] = _names("fonts", fonts)
    return changes


def _names(what: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return parse_list(value)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{what}={value!r}: expected a string or a list of strings")


@pytest.hookimpl(tryfirst=True)  # before fixtures: the brand fixture reads the marker's settings
def pytest_runtest_setup(item: pytest.Item) -> None:
    marker = item.get_closest_marker("brand")
    if marker is None:
        return
    try:
        changes = _brand_marker(*marker.args, **marker.kwargs)
    except TypeError as exc:
        # Python names the signature function; the user wrote the marker.
        problem = "@pytest.mark.brand: " + str(exc).replace("_brand_marker()", "brand()")
    except ValueError as exc:
        problem = f"@pytest.mark.brand: {exc}"
    else:
        item.stash[PROFILE_KEY] = replace(profile_of(item.config), **changes)
        return
    pytest.fail(problem, pytrace=False)


@pytest.hookimpl
def pytest_prodguard_judge(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    if call.when != "call" or call.excinfo is not None or item.get_closest_marker("brand") is None:
        return
    if not item.stash.get(CHECKS_KEY, 0):
        message = "marked @pytest.mark.brand but no brand check ran (call the brand fixture's check_* methods)"
        record_finding(item, Finding(gate=GATE, rule="nothing-checked", message=message))


# -- the fixture -------------------------------------------------------------------------------


class BrandChecker:
    """Checks in a test; each returns the findings it recorded (they fail the test if new errors)."""

    def __init__(self, item: pytest.Item) -> None:
        self._item = item
        self._engine = _engine(item.config)
        self._profile = item.stash.get(PROFILE_KEY, None) or profile_of(item.config)

    def _palette_or_fail(self) -> None:
        try:
            self._engine.palette(self._profile)
        except BrandError as exc:
            problem = str(exc)
        else:
            return
        pytest.fail(problem, pytrace=False)

    def _record(self, found: list[Finding]) -> list[Finding]:
        recorded = [record_finding(self._item, finding) for finding in found]
        mark_checked(self._item, GATE)
        self._item.stash[CHECKS_KEY] = self._item.stash.get(CHECKS_KEY, 0) + 1
        return recorded

    def _document(self, source: str | os.PathLike[str], kind: str) -> list[Finding]:
        from .markup import scan_markup

        self._palette_or_fail()
        if isinstance(source, os.PathLike):
            path = Path(source)
            try:
                scan = scan_file(self._engine, self._profile, path)
            except BrandError as exc:
                problem = str(exc)
            else:
                return self._record(to_findings(scan.issues, shown(path, self._engine.root)))
            pytest.fail(problem, pytrace=False)
        if not isinstance(source, str):
            pytest.fail(f"brand.check_{kind}: expected CSS/markup text or a path, got {type(source).__name__}")
        scan = self._engine.scan(self._profile, source)
        if kind == "css":
            scan.stylesheet(source)
        else:
            scan_markup(scan, source, svg=kind == "svg")
        return self._record(to_findings(scan.issues, f"<{kind}>", prefix=f"{self._item.nodeid}|"))

    def check_css(self, source: str | os.PathLike[str]) -> list[Finding]:
        """Check CSS text, or a stylesheet file when given a path (``pathlib.Path``)."""
        return self._document(source, "css")

    def check_html(self, source: str | os.PathLike[str]) -> list[Finding]:
        return self._document(source, "html")

    def check_svg(self, source: str | os.PathLike[str]) -> list[Finding]:
        return self._document(source, "svg")

    def check_page(self, page: Any) -> list[Finding]:
        """Check the computed styles of a Playwright (sync) page's visible elements."""
        from .live import scan_page

        self._palette_or_fail()
        scan = self._engine.scan(self._profile)
        count = scan_page(scan, page)
        found = to_findings(
            scan.issues, None, prefix=f"{self._item.nodeid}|", details={"url": page.url, "elements": count}
        )
        return self._record(found)


@pytest.fixture
def brand(request: pytest.FixtureRequest) -> BrandChecker:
    """Check CSS, HTML, SVG or a live Playwright page against the brand tokens."""
    return BrandChecker(request.node)

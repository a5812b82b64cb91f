"""Files named by ``prodguard_brand_paths`` as collected items: ``css/site.css::brand``.

The plugin's collection hooks (registered only when ``prodguard_brand_paths`` is set) call
:func:`named_document` and :func:`add_file_items`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..collect import announce, in_scope, nothing_matched
from ..files import matching_files
from ..markers import fail
from ..record import mark_checked, record_finding, record_measurement, settings
from .configured import engine_of, profile_of
from .engine import GATE, BrandError, check_file, shown, to_findings
from .options import PATHS

FILES_KEY = pytest.StashKey[list[Path]]()


class BrandFile(pytest.Item):
    """One stylesheet, HTML page or SVG checked against the brand tokens."""

    def runtest(self) -> None:
        engine = engine_of(self.config)
        profile = profile_of(self.config)
        relative = shown(self.path, engine.root)
        try:
            checked = check_file(engine, profile, self.path)
        except BrandError as exc:
            fail(str(exc))
        for finding in to_findings(checked.issues, relative):
            record_finding(self, finding)
        mark_checked(self, GATE)
        # For the reports' values (declarations checked per file); kept in the baseline like any measurement.
        record_measurement(self, GATE, {"declarations": checked.declarations})

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"brand check of {shown(self.path, self.config.rootpath)}"


class BrandDocument(pytest.File):
    """A brand file named on the command line (``pytest css/site.css``), which pytest collects itself."""

    def collect(self) -> list[pytest.Item]:
        return [BrandFile.from_parent(self, name="brand", path=self.path)]


def brand_files(config: pytest.Config) -> list[Path]:
    files = config.stash.get(FILES_KEY, None)
    if files is None:
        patterns: tuple[str, ...] = settings(config).get(PATHS)
        files = config.stash[FILES_KEY] = matching_files(config.rootpath, patterns) if patterns else []
    return files


def named_document(file_path: Path, parent: pytest.Collector) -> BrandDocument | None:
    """A brand file the user named on the command line, which pytest then collects itself."""
    config = parent.config
    if config.args_source is not pytest.Config.ArgsSource.ARGS or file_path.suffix.lower() == ".py":
        return None
    named = {(config.invocation_params.dir / arg.split("::", 1)[0]).resolve() for arg in config.args}
    resolved = file_path.resolve()
    if resolved in named and resolved in brand_files(config):
        return BrandDocument.from_parent(parent, path=file_path)
    return None


def add_file_items(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Add an item for every brand file in scope that pytest did not collect itself."""
    patterns: tuple[str, ...] = settings(config).get(PATHS)
    root = config.rootpath
    files = brand_files(config)
    engine = engine_of(config)
    engine.learn(files)
    collected = {item.path.resolve() for item in items if isinstance(item, BrandFile)}
    files = [path for path in files if path not in collected]
    if not files and collected:
        return
    if not files:
        items.extend(nothing_matched(session, PATHS.ini_name, patterns, f"{PATHS.ini_name}::brand"))
        return
    for path in files:
        if in_scope(config, path):
            nodeid = f"{shown(path, root)}::brand"
            item = BrandFile.from_parent(session, name="brand", path=path, nodeid=nodeid)
            # -k matches names in the node chain; the file's own names make "-k site" work.
            item.extra_keyword_matches.update({path.name, path.stem, shown(path, root)})
            items.append(item)


class BrandFiles:
    """Collects the files of ``prodguard_brand_paths`` as items."""

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> BrandDocument | None:
        return named_document(file_path, parent)

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        # tryfirst: -k, -m and --lf then apply to the files too.
        before = len(items)
        add_file_items(session, config, items)
        announce(session, "prodguard_brand_paths", items[before:])

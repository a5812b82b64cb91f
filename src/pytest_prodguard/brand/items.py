"""Files named by ``prodguard_brand_paths`` as collected items: ``css/site.css::brand``.

:class:`BrandCollection` holds the collection hooks; the plugin registers it only when
``prodguard_brand_paths`` is set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..collect import in_scope
from ..files import matching_files
from ..record import mark_checked, record_finding, settings
from .engine import GATE, BrandError, check_file, shown, to_findings
from .options import PATHS
from .run import engine_of, profile_of

FILES_KEY = pytest.StashKey[list[Path]]()


class BrandFile(pytest.Item):
    """One stylesheet, HTML page or SVG checked against the brand tokens."""

    def runtest(self) -> None:
        engine = engine_of(self.config)
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


class BrandCollection:
    """Collects the brand files (registered only when ``prodguard_brand_paths`` is set)."""

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> BrandDocument | None:
        config = parent.config
        if config.args_source is not pytest.Config.ArgsSource.ARGS or file_path.suffix.lower() == ".py":
            return None
        named = {(config.invocation_params.dir / arg.split("::", 1)[0]).resolve() for arg in config.args}
        resolved = file_path.resolve()
        if resolved in named and resolved in _brand_files(config):
            return BrandDocument.from_parent(parent, path=file_path)
        return None

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        patterns = settings(config).get(PATHS)
        if not patterns:
            return
        root = config.rootpath
        files = _brand_files(config)
        engine = engine_of(config)
        engine.learn(files)
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

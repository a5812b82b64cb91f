"""Files as collected test items: the help every part that checks files (pages, stylesheets) uses.

pytest only visits files under its arguments (or ``testpaths``), but a part's files are named
by globs relative to the rootdir (``build/**/*.html``). Parts therefore add their items in
``pytest_collection_modifyitems`` (``tryfirst``, so ``-k``, ``-m`` and ``--lf`` still apply to
them) for every matching file that is *in scope*: all of them on a whole run (no arguments,
or ``testpaths``), and only those under an argument when the user named paths.

A setting whose globs match nothing on a whole run becomes one :class:`NothingMatched` item that
fails: a check of nothing must never look like a pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .markers import fail


def in_scope(config: pytest.Config, path: Path) -> bool:
    """Whether this run covers ``path``: always on a whole run, else when an argument contains it."""
    if config.args_source is not pytest.Config.ArgsSource.ARGS:
        return True
    base = config.invocation_params.dir
    for arg in config.args:
        target = (base / arg.split("::", 1)[0]).resolve()
        if path == target or target in path.parents:
            return True
    return False


class NothingMatched(pytest.Item):
    """Stands in for a part's globs that matched no file, so the run cannot pass having checked nothing."""

    def __init__(self, *, setting: str, patterns: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.setting = setting
        self.patterns = patterns

    def runtest(self) -> None:
        fail(
            f"{self.setting} ({', '.join(self.patterns)}) matched no file under the rootdir {self.config.rootpath}: "
            "check the globs (relative to the rootdir), or build the files first"
        )

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.config.rootpath, None, self.setting


def nothing_matched(session: pytest.Session, setting: str, patterns: tuple[str, ...], nodeid: str) -> list[pytest.Item]:
    """The stand-in item for globs that matched nothing, on a whole run only.

    A run of some named tests does not promise to check every configured file, so it gets none.
    """
    if session.config.args_source is pytest.Config.ArgsSource.ARGS:
        return []
    return [NothingMatched.from_parent(session, name=nodeid, nodeid=nodeid, setting=setting, patterns=patterns)]

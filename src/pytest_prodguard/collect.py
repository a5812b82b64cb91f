"""Shared help for parts that turn files (pages, stylesheets) into collected test items.

(:func:`pytest_prodguard.files.matching_files` finds the files; it is kept apart so that commands
running without pytest can use it.)

pytest only visits files under its arguments (or ``testpaths``), but a part's files are named
by globs relative to the rootdir (``build/**/*.html``). Parts therefore add their items in
``pytest_collection_modifyitems`` (``tryfirst``, so ``-k``, ``-m`` and ``--lf`` still apply to
them) for every matching file that is *in scope*: all of them on a whole run (no arguments,
or ``testpaths``), and only those under an argument when the user named paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest


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


_MARKERS_KEY = pytest.StashKey[tuple[int, int, frozenset[str]]]()


def uses_marker(config: pytest.Config, items: list[pytest.Item], name: str) -> bool:
    """Whether any collected item carries marker ``name`` (on itself, its class or its module).

    Parts register their per-test hooks only when this is true. One pass over the items and
    their parents serves every part (cached for this list as it stands), instead of one
    ``get_closest_marker`` walk per item per part.
    """
    cached = config.stash.get(_MARKERS_KEY, None)
    if cached is None or cached[:2] != (id(items), len(items)):
        names: set[str] = set()
        seen: set[int] = set()
        for item in items:
            node: pytest.Item | pytest.Collector | None = item
            while node is not None and id(node) not in seen:
                seen.add(id(node))
                names.update(mark.name for mark in node.own_markers)
                node = node.parent
        cached = config.stash[_MARKERS_KEY] = (id(items), len(items), frozenset(names))
    return name in cached[2]

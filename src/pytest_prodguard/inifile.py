"""pytest's configuration file, found and read the way pytest does, for commands that run without pytest.

A command such as ``prodguard-brand`` must read the same ``prodguard_*`` settings a pytest run
would, without paying for importing pytest. From each argument (or the current directory)
upwards, the first directory holding one of :data:`NAMES` *with pytest configuration in it*
wins, in pytest's order: ``pytest.toml``/``.pytest.toml`` (``[pytest]``), ``pytest.ini``/
``.pytest.ini`` (always, even without a ``[pytest]`` section), ``pyproject.toml``
(``[tool.pytest.ini_options]`` or ``[tool.pytest]``), ``tox.ini`` (``[pytest]``) and
``setup.cfg`` (``[tool:pytest]``). That directory is the rootdir.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAMES = ("pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")


class IniError(Exception):
    """The configuration file cannot be read; the message names the file and the key."""


@dataclass(frozen=True)
class IniFile:
    """The values of a configuration file (none when no file was found) and the rootdir it sets."""

    path: Path | None
    rootdir: Path
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"ini ({self.path.name})" if self.path else "ini"

    def get(self, name: str) -> str | None:
        """A setting as text, as pytest hands ``type="string"`` ini values over (lists one per line)."""
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, list) and all(isinstance(entry, str) for entry in value):
            return "\n".join(value)
        raise IniError(f"{self.path}: {name}: expected a string or a list of strings, got {type(value).__name__}")


def locate(args: Sequence[str | os.PathLike[str]], invocation_dir: Path) -> IniFile:
    """The configuration file pytest would use for these arguments."""
    paths = [invocation_dir / arg for arg in args] or [invocation_dir]
    for path in paths:
        for base in (path.resolve(), *path.resolve().parents):
            for name in NAMES:
                candidate = base / name
                if candidate.is_file():
                    values = _LOADERS[name](candidate)
                    if values is not None:
                        return IniFile(candidate, base, values)
    return IniFile(None, _common_ancestor(paths))


def read(path: Path) -> IniFile:
    """An explicitly named configuration file (``-c FILE``): its directory is the rootdir."""
    if not path.is_file():
        raise IniError(f"{path}: no such configuration file")
    loader = _LOADERS.get(path.name) or (_pytest_toml if path.suffix == ".toml" else _pytest_ini)
    return IniFile(path, path.resolve().parent, loader(path) or {})


def _common_ancestor(paths: Sequence[Path]) -> Path:
    resolved = [path.resolve() for path in paths]
    common = Path(os.path.commonpath([str(path) for path in resolved]))
    return common if common.is_dir() else common.parent


def _toml(path: Path) -> dict[str, Any]:
    import tomllib  # most commands read an ini file or none: TOML's parser loads when needed

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IniError(f"{path}: cannot be read as TOML: {exc}") from None


def _sections(path: Path) -> dict[str, dict[str, str]]:
    import iniconfig  # pytest's own ini reader: continuation lines and comments behave as in pytest

    try:
        parsed = iniconfig.IniConfig(str(path))
    except (OSError, iniconfig.ParseError) as exc:
        raise IniError(f"{path}: cannot be read as an ini file: {exc}") from None
    return {section.name: dict(section.items()) for section in parsed}


def _pytest_toml(path: Path) -> dict[str, Any] | None:
    table = _toml(path).get("pytest", {})
    return table if isinstance(table, dict) else {}


def _pytest_ini(path: Path) -> dict[str, Any] | None:
    return _sections(path).get("pytest", {})


def _pyproject(path: Path) -> dict[str, Any] | None:
    tool = _toml(path).get("tool", {})
    table = tool.get("pytest") if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        return None
    ini_options = table.get("ini_options")
    native = {key: value for key, value in table.items() if key != "ini_options"}
    return native or (ini_options if isinstance(ini_options, dict) else None)


def _tox(path: Path) -> dict[str, Any] | None:
    return _sections(path).get("pytest")


def _setup_cfg(path: Path) -> dict[str, Any] | None:
    return _sections(path).get("tool:pytest")


_LOADERS: dict[str, Callable[[Path], dict[str, Any] | None]] = {
    "pytest.toml": _pytest_toml,
    ".pytest.toml": _pytest_toml,
    "pytest.ini": _pytest_ini,
    ".pytest.ini": _pytest_ini,
    "pyproject.toml": _pyproject,
    "tox.ini": _tox,
    "setup.cfg": _setup_cfg,
}

"""The gate cache: skip a gate whose inputs are exactly those of its last green run.

A gate's inputs are hashed into one digest:

* the command as run, the tool's ``--version`` output and where its executable is (with size
  and modification time), so an upgraded tool never reuses an old verdict;
* the files the gate *covers*: the files git lists (tracked plus untracked-but-not-ignored; a
  directory walk that skips hidden directories, ``node_modules``, ``__pycache__`` and virtualenvs
  outside git) that lie under the command's path arguments (the whole rootdir when it names
  none) and have a suffix the tool reads (``.py``/``.pyi`` for mypy...; every file for unknown
  commands and prettier), by content;
* every configuration file anywhere in the project (``pyproject.toml``, ``setup.cfg``,
  ``mypy.ini``, ``ruff.toml``, ``tsconfig*.json``, ``.eslintrc*``, lock files...), by content;
* for type checkers, the installed Python distributions and their versions.

If anything cannot be determined (the version query fails), there is no digest and the gate
runs. Only a run that exited 0 with no findings at all is remembered.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from .spec import GateSpec
from .tools import SUFFIXES, Tool, version_argv

CACHE_PREFIX = "prodguard/gates/"
CONFIG_NAMES = frozenset(
    {
        "pyproject.toml",
        "setup.cfg",
        "tox.ini",
        "mypy.ini",
        ".mypy.ini",
        "ruff.toml",
        ".ruff.toml",
        "pyrightconfig.json",
        "jsconfig.json",
        "package.json",
        "package-lock.json",
        "pnpm-lock.yaml",
        "yarn.lock",
        "uv.lock",
        "poetry.lock",
        ".prettierignore",
        ".eslintignore",
        ".editorconfig",
        ".gitignore",
    }
)
CONFIG_PREFIXES = ("tsconfig", ".eslintrc", "eslint.config", ".prettierrc", "prettier.config", "requirements")
_PRUNED = frozenset({"node_modules", "__pycache__"})


def is_config(name: str) -> bool:
    return name in CONFIG_NAMES or name.startswith(CONFIG_PREFIXES)


def project_files(root: Path) -> list[str]:
    """Paths relative to ``root`` (posix): git's view of the project, else a pruned walk."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return sorted(_walk(root))
    return sorted({name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name})


def _walk(root: Path) -> Iterator[str]:
    for directory, dirs, files in os.walk(root):
        here = Path(directory)
        dirs[:] = [
            d for d in dirs if not d.startswith(".") and d not in _PRUNED and not (here / d / "pyvenv.cfg").exists()
        ]
        for name in files:
            yield (here / name).relative_to(root).as_posix()


def path_arguments(spec: GateSpec, root: Path) -> list[str]:
    """The command's arguments that name existing files or directories, relative to ``root``."""
    found: list[str] = []
    for token in spec.argv[max(spec.tool.index, 0) + 1 :]:
        if token.startswith("-") or token in {"check", "format"}:
            continue
        candidate = (root / token).resolve()
        if candidate.exists() and (candidate == root or root in candidate.parents):
            relative = candidate.relative_to(root).as_posix()
            found.append("" if relative == "." else relative)
    return found


def covered_files(spec: GateSpec, root: Path, files: list[str]) -> list[str]:
    scopes = path_arguments(spec, root)
    suffixes = SUFFIXES.get(spec.tool.name) if spec.tool.known else None
    chosen = []
    for name in files:
        base = name.rsplit("/", 1)[-1]
        if is_config(base) or name in scopes:
            # Config files, and files named in the command (``--config custom.toml``), always count.
            chosen.append(name)
            continue
        if suffixes is not None and Path(base).suffix not in suffixes:
            continue
        if not scopes or any(scope in ("", name) or name.startswith(scope + "/") for scope in scopes):
            chosen.append(name)
    return chosen


def _start_version_query(
    tool: Tool, spec: GateSpec, env: Mapping[str, str], root: Path
) -> subprocess.Popen[str] | None:
    query = version_argv(tool, spec.argv)
    if query is None:
        return None
    return subprocess.Popen(
        query,
        cwd=root,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _version(query: subprocess.Popen[str]) -> str | None:
    try:
        stdout, _ = query.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        query.kill()
        query.communicate()
        return None
    return stdout.strip() if query.returncode == 0 and stdout.strip() else None


def _distributions() -> list[str]:
    """Installed distributions as their metadata directories (``name-version.dist-info``)."""
    found: list[str] = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.extend(name for name in names if name.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))
    return sorted(found)


def inputs_digest(
    spec: GateSpec, argv: tuple[str, ...], executable: str, root: Path, env: Mapping[str, str]
) -> str | None:
    tool = spec.tool
    try:
        stat = os.stat(executable)
    except OSError:
        return None
    digest = hashlib.sha256()
    digest.update(json.dumps({"argv": argv, "executable": [executable, stat.st_size, stat.st_mtime_ns]}).encode())
    try:
        # The version query runs while the files are hashed.
        query = _start_version_query(tool, spec, env, root)
    except OSError:
        return None
    try:
        if tool.name in {"mypy", "pyright"}:
            digest.update("\n".join(_distributions()).encode())
        for name in covered_files(spec, root, project_files(root)):
            path = root / name
            if not path.is_file():
                continue
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
            with path.open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
    except OSError:
        return None  # an unreadable input: no verdict from the cache, the gate runs
    finally:
        version = _version(query) if query is not None else ""
    if version is None:
        return None
    digest.update(version.encode())
    return digest.hexdigest()

"""Which tool a gate command runs, and how prodguard asks it for machine-readable output.

The tool is the first argument that is not a launcher (``python -m``, ``npx``, ``uv run``...).
For tools prodguard knows, the command gets the flag that makes its output parseable when the
user did not choose an output format (``ruff check --output-format json``, ``mypy
--show-column-numbers --no-pretty``, ``tsc --pretty false``, ``eslint --format json``,
``pyright --outputjson``). Any other command is judged by its exit status.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

KNOWN = ("ruff", "mypy", "tsc", "eslint", "prettier", "pyright")
_ALIASES = {"basedpyright": "pyright", "vue-tsc": "tsc"}
_LAUNCHERS = {"npx", "pnpx", "bunx", "pnpm", "yarn", "npm", "bun", "uv", "uvx", "poetry", "pipx", "hatch", "pdm"}
_LAUNCHER_WORDS = {"run", "exec", "x", "-m", "--"}

PYTHON_SUFFIXES = frozenset({".py", ".pyi"})
JS_SUFFIXES = frozenset({".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"})
SUFFIXES: dict[str, frozenset[str] | None] = {
    "ruff": PYTHON_SUFFIXES | {".ipynb"},
    "mypy": PYTHON_SUFFIXES,
    "pyright": PYTHON_SUFFIXES,
    "tsc": JS_SUFFIXES | {".json"},
    "eslint": JS_SUFFIXES | {".json", ".vue", ".svelte"},
    "prettier": None,
}
"""Source files each tool reads (None: every file); config files count for every tool."""


def _base(token: str) -> str:
    name = PurePath(token).name.lower()
    for suffix in (".exe", ".cmd", ".bat"):
        name = name.removesuffix(suffix)
    return name


def _is_python(name: str) -> bool:
    return name == "python" or (name.startswith("python") and name[6:].replace(".", "").isdigit())


@dataclass(frozen=True)
class Tool:
    """``name`` is a known tool or ``""``; ``index`` is its position in argv (-1 when unknown)."""

    name: str
    index: int
    subcommand: str = ""

    @property
    def known(self) -> bool:
        return bool(self.name)

    @property
    def label(self) -> str:
        return self.name or "command"


def detect_tool(argv: tuple[str, ...]) -> Tool:
    for index, token in enumerate(argv[:8]):
        name = _ALIASES.get(_base(token), _base(token))
        if name in KNOWN:
            return Tool(name, index, _subcommand(name, argv[index + 1 :]))
        if not (_is_python(name) or name in _LAUNCHERS or token in _LAUNCHER_WORDS or token.startswith("-")):
            break
    return Tool("", -1)


def _subcommand(name: str, rest: tuple[str, ...]) -> str:
    if name != "ruff":
        return ""
    words = [token for token in rest if not token.startswith("-")]
    # Before ruff 0.5 a bare ``ruff <paths>`` meant ``ruff check``.
    return words[0] if words and words[0] in {"check", "format"} else "check"


def _has(argv: tuple[str, ...], *flags: str) -> bool:
    return any(token == flag or token.startswith(flag + "=") for token in argv for flag in flags)


def problem(tool: Tool, argv: tuple[str, ...]) -> str | None:
    """A command that would pass without checking anything (it rewrites files instead)."""
    rewriting = [flag for flag in ("--fix", "--write", "-w", "--unsafe-fixes") if _has(argv, flag)]
    if tool.known and rewriting and tool.name != "tsc":
        return f"{rewriting[0]} rewrites files, so the gate would pass on what it changed; check only"
    if tool.name == "ruff" and tool.subcommand == "format" and not _has(argv, "--check", "--diff"):
        return "'ruff format' without --check rewrites files and always passes; add --check"
    if tool.name == "prettier" and not _has(argv, "--check", "-c", "--list-different", "-l"):
        return "'prettier' without --check prints formatted code and always passes; add --check"
    return None


def runnable_argv(tool: Tool, argv: tuple[str, ...]) -> tuple[str, ...]:
    """argv with the flags that make a known tool's output parseable (the user's choice wins)."""
    extra: tuple[str, ...] = ()
    at = tool.index + 1
    if tool.name == "ruff":
        # ``ruff format`` accepts --output-format only since late 2025; its text output is parsed.
        if tool.subcommand == "check" and not _has(argv, "--output-format", "--format"):
            extra = ("--output-format", "json")
        at = argv.index(tool.subcommand, at) + 1 if tool.subcommand in argv[at:] else at
    elif tool.name == "mypy":
        extra = tuple(
            flag for flag in ("--show-column-numbers", "--no-pretty", "--no-color-output") if flag not in argv
        )
    elif tool.name == "tsc" and not _has(argv, "--pretty"):
        extra = ("--pretty", "false")
    elif tool.name == "eslint" and not _has(argv, "--format", "-f"):
        extra = ("--format", "json")
    elif tool.name == "pyright" and not _has(argv, "--outputjson"):
        extra = ("--outputjson",)
    return argv[:at] + extra + argv[at:]


def version_argv(tool: Tool, argv: tuple[str, ...]) -> tuple[str, ...] | None:
    """How to ask a known tool for its version (unknown commands are not run twice)."""
    if not tool.known:
        return None
    return (*argv[: tool.index + 1], "--version")


def output_choice(tool: Tool, argv: tuple[str, ...]) -> str:
    """The output format the tool will print: ``json``, ``text`` or ``other`` (exit status only)."""
    for index, token in enumerate(argv):
        for flag in ("--output-format", "--format", "-f"):
            if token == flag and index + 1 < len(argv):
                return _format_kind(tool, argv[index + 1])
            if token.startswith(flag + "="):
                return _format_kind(tool, token.split("=", 1)[1])
    if tool.name == "ruff":
        return "json" if tool.subcommand == "check" else "text"
    return "json" if tool.name in {"eslint", "pyright"} else "text"


def _format_kind(tool: Tool, value: str) -> str:
    if value == "json":
        return "json"
    if tool.name == "ruff" and value in {"concise", "full"}:
        return "text"
    return "other"

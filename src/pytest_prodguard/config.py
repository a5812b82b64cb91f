"""One Settings object for the whole plugin.

Every setting is declared once as an :class:`Option` and exists in three spellings that share
one name: the ini key ``prodguard_<knob>`` (also the argparse ``dest``), the environment
variable ``PRODGUARD_<KNOB>`` and the command-line flag ``--prodguard-<knob>``. Precedence is
default < ini < env < CLI, and every resolved value remembers where it came from, so errors and
the report header can say so.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import pytest

T = TypeVar("T")


class Option(Generic[T]):
    """A declared setting. ``parse`` turns the raw text into the typed value or raises ValueError.

    ``allow_empty``: whether an empty value is meaningful (an empty allow-list); elsewhere it would
    switch a check off. ``path``: whether the value names a file or directory (see
    :func:`check_command_line`). Options and settings are plain classes: every run of every user creates
    them at start-up, and a NamedTuple class alone costs about 0.2 ms to create.
    """

    __slots__ = ("accepts", "allow_empty", "default", "flag", "help", "knob", "parse", "part", "path")

    def __init__(
        self,
        knob: str,
        parse: Callable[[str], T],
        default: str | None,
        help: str,
        accepts: str,
        part: str = "core",
        flag: bool = False,
        allow_empty: bool = False,
        path: bool = False,
    ) -> None:
        self.knob = knob
        self.parse = parse
        self.default = default
        self.help = help
        self.accepts = accepts
        self.part = part
        self.flag = flag
        self.allow_empty = allow_empty
        self.path = path

    def __repr__(self) -> str:
        return f"Option({self.knob!r}, default={self.default!r}, part={self.part!r})"

    @property
    def ini_name(self) -> str:
        return f"prodguard_{self.knob}"

    @property
    def env_name(self) -> str:
        return f"PRODGUARD_{self.knob.upper()}"

    @property
    def cli_flag(self) -> str:
        return "--prodguard-" + self.knob.replace("_", "-")


class Setting(Generic[T]):
    """A resolved setting: its value, where it came from, and the text it was given as."""

    __slots__ = ("raw", "source", "value")

    def __init__(self, value: T, source: str, raw: str | None) -> None:
        self.value = value
        self.source = source
        self.raw = raw

    def __repr__(self) -> str:
        return f"Setting({self.value!r}, {self.source!r}, {self.raw!r})"


_UNPARSED = object()


class Settings:
    """Resolved, validated settings; read with ``settings.get(OPTION)``.

    Values the user gave are parsed (validated) at start-up; defaults are known to be valid and
    are parsed on first use, so a run that never uses a part never pays for its settings.
    """

    def __init__(self, resolved: Mapping[str, Setting[Any]], options: Mapping[str, Option[Any]]) -> None:
        self._resolved = dict(resolved)
        self._options = options

    def setting(self, option: Option[T]) -> Setting[T]:
        setting: Setting[T] = self._resolved[option.knob]
        if setting.value is _UNPARSED:
            assert setting.raw is not None
            value = self._options[option.knob].parse(setting.raw)
            setting = self._resolved[option.knob] = Setting(value, setting.source, setting.raw)
        return setting

    def get(self, option: Option[T]) -> T:
        return self.setting(option).value

    def sources(self) -> list[tuple[str, str | None, str]]:
        """Each setting as ``(knob, raw text, source)``: what reports show, without parsing a default."""
        return [(knob, setting.raw, setting.source) for knob, setting in self._resolved.items()]


def add_options(parser: pytest.Parser, options: Iterable[Option[Any]]) -> None:
    """Declare each option as an ini key plus a CLI twin whose default is None (so ini is read)."""
    group = parser.getgroup("prodguard", "production compliance (pytest-prodguard)")
    for option in options:
        doc = f"{option.help} Accepts {option.accepts}."
        if option.default is not None:
            doc += f" Default: {option.default}."
        parser.addini(option.ini_name, doc, type="string", default=None)
        doc = doc.replace("%", "%%")  # argparse %-formats help texts
        if option.flag:
            group.addoption(
                option.cli_flag, dest=option.ini_name, action="store_const", const="true", default=None, help=doc
            )
        else:
            metavar = option.knob.rsplit("_", 1)[-1].upper()
            group.addoption(option.cli_flag, dest=option.ini_name, default=None, metavar=metavar, help=doc)


# -- the space form of path-valued flags ---------------------------------------------------------
#
# pytest picks the rootdir and the ini file from the command line's paths *before* plugins add
# their options, so it reads the value after a space (``--prodguard-json report.json``) as a test
# path: once ``report.json`` exists (the second run), the rootdir and ini file can change and the
# run silently uses another configuration. pytest offers plugins no hook early enough to change
# that, so prodguard stops the run with the fix instead: ``--prodguard-json=report.json``.


def space_form_misuse(args: Sequence[str], options: Iterable[Option[Any]], base: Path) -> str | None:
    """The first ``--prodguard-X VALUE`` that pytest may take for a test path, as the fix to write."""
    takes_value = {option.cli_flag: option for option in options if not option.flag}
    for flag, value in pairwise(args):
        option = takes_value.get(flag)
        if option is None or value.startswith("-") or not value.strip():
            continue
        # A path-valued option always (the file may exist only from the next run on); any other
        # option only when its value happens to name an existing path.
        if option.path or (base / value).exists():
            return f"{flag}={value}"
    return None


def check_command_line(config: pytest.Config, options: Iterable[Option[Any]]) -> None:
    """Fail the run with a one-line fix when the command line (or PYTEST_ADDOPTS) uses the space form."""
    import shlex

    import pytest

    args = [*shlex.split(os.environ.get("PYTEST_ADDOPTS", "")), *config.invocation_params.args]
    fix = space_form_misuse(args, options, config.invocation_params.dir)
    if fix is not None:
        flag = fix.split("=", 1)[0]
        raise pytest.UsageError(
            f"prodguard: write {fix} (with '='): pytest reads a path after a space as a test path when it "
            f"chooses the rootdir and ini file, before {flag} is known"
        )


def _ini_source(config: pytest.Config) -> str:
    return f"ini ({config.inipath.name})" if config.inipath else "ini"


def resolve(
    config: pytest.Config, options: Iterable[Option[Any]], environ: Mapping[str, str] | None = None
) -> Settings:
    """Resolve every option; a bad value is a UsageError naming key, source, value and what is accepted."""
    import pytest

    return resolve_from(
        options,
        ini=config.getini,
        ini_source=_ini_source(config),
        cli=config.getoption,
        environ=os.environ if environ is None else environ,
        error=pytest.UsageError,
    )


def resolve_from(
    options: Iterable[Option[Any]],
    *,
    ini: Callable[[str], object],
    ini_source: str,
    cli: Callable[[str], object],
    environ: Mapping[str, str],
    error: Callable[[str], Exception],
) -> Settings:
    """:func:`resolve` for any source of ini and command-line values (``ini``/``cli`` take the ini name)."""
    resolved: dict[str, Setting[Any]] = {}
    declared = {option.knob: option for option in options}
    for option in declared.values():
        raw: str | None = option.default
        source, key = "default", option.ini_name
        ini_value = ini(option.ini_name)
        if ini_value is not None:
            raw, source = str(ini_value), ini_source
        if option.env_name in environ:
            raw, source, key = environ[option.env_name], "env", option.env_name
        cli_value = cli(option.ini_name)
        if cli_value is not None:
            raw, source, key = str(cli_value), "command line", option.cli_flag
        if raw is None or source == "default":
            resolved[option.knob] = Setting(None if raw is None else _UNPARSED, source, raw)
            continue
        if not raw.strip() and not (option.flag or option.allow_empty):
            # An empty value would switch a part off (no pages, no gates, no paths) without a word.
            default = f"the default ({option.default})" if option.default else "no value"
            raise error(
                f"prodguard: {key} (from {source}) is empty; remove it to use {default}, or give {option.accepts}."
            )
        try:
            value = option.parse(raw)
        except Exception as exc:  # whatever a parser raises, the user gets one line naming the key
            problem = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
            raise error(
                f"prodguard: invalid value for {key} (from {source}): {_shown(raw)}: {problem}. "
                f"Accepted: {option.accepts}."
            ) from None
        if _names_nothing(value, raw) and not option.allow_empty:
            # ", ," or only comments: as silent as an empty value, and as much an error.
            raise error(
                f"prodguard: {key} (from {source}) names nothing: {_shown(raw)}; remove it to use "
                f"{f'the default ({option.default})' if option.default else 'no value'}, or give {option.accepts}."
            )
        resolved[option.knob] = Setting(value, source, raw)
    return Settings(resolved, declared)


def _names_nothing(value: object, raw: str) -> bool:
    """An empty list from text that is not a deliberate word such as ``off``, ``none`` or ``all``."""
    return isinstance(value, tuple | list | dict) and not value and raw.strip().lower() not in {"off", "none", "all"}


def _shown(raw: str) -> str:
    from ._text import clean

    return repr(clean(raw, 200))


# -- parsers shared by the parts' option declarations ------------------------------------------

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError("expected true or false")


def parse_choice(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        lowered = text.strip().lower()
        if lowered not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return lowered

    return parse


def parse_off_or(parse: Callable[[str], T]) -> Callable[[str], T | None]:
    """Wrap a parser so that ``off`` or ``none`` disables the setting (the value becomes None)."""

    def parse_or_off(text: str) -> T | None:
        if text.strip().lower() in {"off", "none"}:
            return None
        return parse(text)

    return parse_or_off


def parse_text(text: str) -> str:
    if not text.strip():
        raise ValueError("expected a non-empty value")
    return text.strip()


def parse_path(text: str) -> Path:
    return Path(parse_text(text))


def parse_list(text: str) -> tuple[str, ...]:
    """Comma- or newline-separated entries, stripped, each once, in the order given (empties dropped)."""
    entries = (part.strip() for line in text.splitlines() for part in line.split(","))
    return tuple(dict.fromkeys(entry for entry in entries if entry))

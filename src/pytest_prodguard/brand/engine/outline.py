"""The outline of a stylesheet: where its declarations are, found without tokenising selectors.

Tokenising a whole stylesheet with tinycss2 costs most of a brand check, yet only the values of
colour, font and scale properties are ever examined; selectors alone are about 40 % of a framework
stylesheet. :func:`outline` finds the declarations with one regular-expression pass that steps over
comments, strings and ``url()`` (so a ``;`` or ``{`` inside them cannot mislead it); the caller
then tokenises only the values it needs, with tinycss2, at their exact offsets.

It models plain CSS only: qualified rules with flat declaration blocks, grouping at-rules
(``@media``, ``@supports``, ``@layer``, ``@container``...), statements (``@import``...) and the
at-rules the check skips (``@font-face``...). Anything else (nesting, ``@keyframes``, ``@page``,
escapes, stray brackets, invalid declarations) hands the rest of the stylesheet from the start of
that top-level construct to tinycss2's full parser (:class:`Unmodelled`), so an unusual stylesheet costs
time but is never checked differently. ``tests/brand/test_brand_outline.py`` proves the two paths
agree, including on generated input.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, NamedTuple

#: Keeps the outline's offsets equal to tinycss2's, which counts lines after the same replacements.
_NEWLINES = str.maketrans({"\0": "\ufffd", "\r": "\n", "\f": "\n"})
# Negated classes: letters, "_", non-ASCII (and digits and "-" after the start); they compile fast.
_NAME_START = r"[^\x00-\x40\x5b-\x5e\x60\x7b-\x7f]"
_NAME_CHAR = r"[^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"
_SPACE = r"(?:[ \t\n]|/\*.*?\*/)*"  # CSS whitespace only: U+00A0 is a name character
_STRUCTURE = re.compile(
    r"""
    (?=[/"'\\<\-uU{};()\[\]])  # only these can start a match: the engine skips other text in C
    (?: (?P<skip> /\*.*?\*/
                | "(?:[^"\\\n]|\\.)*"
                | '(?:[^'\\\n]|\\.)*'
                | [uU][rR][lL]\([ \t\n]*[^ \t\n"'()\\]*[ \t\n]*\)
                | \([^(){}\[\];"'/\\]*\) )  # a flat (...): nothing in it can matter to the structure
      | (?P<odd> /\* | ["'\\] | <!-- | --> | [uU][rR][lL]\([ \t\n]*[^ \t\n"')] )
      | (?P<brace>[{}]) | (?P<semi>;) | (?P<paren>[()\[\]]) )
    """,
    re.VERBOSE | re.DOTALL,
)
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-\\")
_LEADING = re.compile(_SPACE, re.DOTALL)
_AT_KEYWORD = re.compile(rf"@(--{_NAME_CHAR}*|-?{_NAME_START}{_NAME_CHAR}*)")
_ITEM = re.compile(rf"{_SPACE}(?:(--{_NAME_CHAR}*|-?{_NAME_START}{_NAME_CHAR}*){_SPACE}:|(@)|\Z)", re.DOTALL)
_ONLY_SPACE = re.compile(rf"{_SPACE}\Z", re.DOTALL)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

#: At-rules whose blocks declare names and descriptors, not styles: the check skips them.
SKIPPED_AT_RULES = frozenset({"font-face", "property", "counter-style", "font-feature-values", "font-palette-values"})
#: At-rules whose blocks hold declarations or keyframes: left to the full parser.
_DECLARING_AT_RULES = frozenset({"page", "scope", "starting-style"})
_PAIRS = {")": "(", "]": "["}


def normalise(text: str) -> str:
    """The text as tinycss2 sees it (``\\r\\n``, ``\\r`` and ``\\f`` are newlines, NUL is U+FFFD)."""
    if "\r" in text or "\f" in text or "\0" in text:
        return text.replace("\r\n", "\n").translate(_NEWLINES)
    return text


def ascii_lower(text: str) -> str:
    """Lower-case A-Z only, as CSS does (``str.lower`` would also fold non-ASCII letters)."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


class Declaration(NamedTuple):  # a tuple: thousands are made per stylesheet
    """``name: value`` inside a style rule; ``value`` spans ``text[start:end]`` (``!important`` included)."""

    name: str
    start: int
    end: int
    selector: tuple[int, int]  # the rule's prelude, text[selector[0]:selector[1]]


class Unmodelled(NamedTuple):
    """``text[start:end]`` (to the end when ``end`` is None) is for the full parser.

    It is one whole top-level construct (or the rest of the text) holding something the outline
    does not model.
    """

    start: int
    end: int | None = None


class _Odd(Exception):
    """The text's structure is outside the model: the rest of it goes to the full parser."""


class _Slow(Exception):
    """The current block is outside the model, but its brackets are sound: only its construct goes."""


@dataclass(slots=True)
class _Block:
    kind: str  # "rules" (grouping at-rule), "style" (declarations) or "skip"
    segment: int  # where the block's current item starts
    selector: tuple[int, int] = (0, 0)


def outline(text: str) -> list[Declaration | Unmodelled]:
    """The declarations of ``text`` (already :func:`normalise` d) in document order.

    Parts that need the full parser appear in their place as :class:`Unmodelled`.
    """
    done: list[Declaration | Unmodelled] = []
    pending: list[Declaration | Unmodelled] = []  # the current top-level construct's declarations
    stack: list[_Block] = []
    brackets: list[str] = []
    segment = 0  # where the current top-level item starts
    slow = False  # the current top-level construct goes to the full parser as a whole
    try:
        for match in _STRUCTURE.finditer(text):
            kind = match.lastgroup
            char, at = match.group(), match.start()
            if kind == "skip":
                if char[0] in "uU" and at and (text[at - 1] in _NAME_CHARS or text[at - 1] >= "\x80"):
                    raise _Odd  # "...url(" is another function: its unquoted argument was misread
                continue
            if kind == "odd":
                raise _Odd
            if kind == "paren":
                if char in "([":
                    brackets.append(char)
                elif not brackets or brackets.pop() != _PAIRS[char]:
                    raise _Odd
                continue
            if kind == "semi":
                if not stack:
                    _statement(text, segment, at)  # a top-level ";" outside a statement is structural
                    segment = at + 1
                elif not slow:
                    slow = _semicolon(text, stack[-1], bool(brackets), at, pending)
                continue
            if brackets:
                raise _Odd  # a brace inside brackets: blocks nest in ways left to the parser
            if char == "{":
                start = stack[-1].segment if stack else segment
                parent = "skip" if slow else stack[-1].kind if stack else "rules"
                try:
                    stack.append(_open(text, parent, start, at))
                except _Slow:
                    slow = True
                    stack.append(_Block("skip", at + 1))
                continue
            if not stack:
                raise _Odd
            block = stack.pop()
            if not slow:
                slow = _close(text, block, at, pending)
            if stack:
                stack[-1].segment = at + 1
                continue
            if slow:
                done.append(Unmodelled(segment, at + 1))
            else:
                done.extend(pending)
            pending.clear()
            segment, slow = at + 1, False
        if stack or brackets:
            raise _Odd
    except _Odd:
        done.append(Unmodelled(segment))
    return done


def _semicolon(text: str, block: _Block, in_brackets: bool, at: int, into: list[Declaration | Unmodelled]) -> bool:
    """A ``;`` inside ``block``; True when the construct needs the full parser."""
    if block.kind == "style":
        if not in_brackets:  # inside a function a ";" belongs to the value
            if not _declaration(text, block, at, into):
                return True
            block.segment = at + 1
    elif block.kind == "rules":
        if in_brackets or not _is_statement(text, block.segment, at):
            return True
        block.segment = at + 1
    return False


def _close(text: str, block: _Block, at: int, into: list[Declaration | Unmodelled]) -> bool:
    """The ``}`` at ``at`` closes ``block``; True when the construct needs the full parser."""
    if block.kind == "style":
        return not _declaration(text, block, at, into)
    return block.kind == "rules" and not _ONLY_SPACE.match(text, block.segment, at)


def _significant(text: str, start: int, end: int) -> int:
    """The first offset in ``text[start:end]`` that is neither whitespace nor a comment."""
    match = _LEADING.match(text, start, end)
    return match.end() if match else start


def _is_statement(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, ended by a ``;`` in a list of rules, is an at-rule statement."""
    first = _significant(text, start, end)
    return first < end and text[first] == "@"


def _statement(text: str, start: int, end: int) -> None:
    if not _is_statement(text, start, end):
        raise _Odd  # for the parser a lone ";" starts a rule's selector, which runs to the next block


def _open(text: str, parent: str, start: int, brace: int) -> _Block:
    """The block a ``{`` at ``brace`` opens, its prelude starting at ``start``."""
    if parent == "skip":
        return _Block("skip", brace + 1)
    if parent == "style":
        raise _Slow  # CSS nesting: the parser decides between a declaration and a rule
    first = _significant(text, start, brace)
    if first < brace and text[first] == "@":
        keyword = _AT_KEYWORD.match(text, first, brace)
        if keyword is None:
            raise _Slow
        name = ascii_lower(keyword.group(1))
        if name in SKIPPED_AT_RULES:
            return _Block("skip", brace + 1)
        if name in _DECLARING_AT_RULES or name.endswith("keyframes"):
            raise _Slow
        return _Block("rules", brace + 1)
    return _Block("style", brace + 1, (first, brace))


def _declaration(text: str, block: _Block, end: int, into: list[Declaration | Unmodelled]) -> bool:
    """Record ``text[block.segment:end]`` if it is a declaration; False if the parser must decide what it is."""
    match = _ITEM.match(text, block.segment, end)
    if match is None:
        return False
    if match.group(1):
        into.append(Declaration(ascii_lower(match.group(1)), match.end(), end, block.selector))
    # else an empty item, or an at-rule statement inside a style block (skipped by the check)
    return True


class Lines:
    """Offsets in a text -> 1-based line and column, shifted to where the text starts in its document."""

    def __init__(self, text: str) -> None:
        self._breaks = [match.start() for match in re.finditer("\n", text)]

    def origin(self, offset: int, line0: int, col0: int) -> tuple[int, int]:
        before = bisect_left(self._breaks, offset)
        col = offset - (self._breaks[before - 1] if before else -1)
        return (line0 + before, col0 + col - 1 if before == 0 else col)


class Selector:
    """A rule's selector, serialised the way tinycss2 would, only when an issue names it."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def __str__(self) -> str:
        import tinycss2

        prelude = tinycss2.parse_component_value_list(self._text[self._start : self._end], skip_comments=True)
        return str(tinycss2.serialize(prelude)).strip()


def without_important(nodes: list[Any]) -> list[Any]:
    """The value without a trailing ``!important``, decided exactly as tinycss2 decides it."""
    state, bang = "value", 0
    for index, node in enumerate(nodes):
        if state == "value" and node == "!":
            state, bang = "bang", index
        elif state == "bang" and node.type == "ident" and node.lower_value == "important":
            state = "important"
        elif node.type not in {"whitespace", "comment"}:
            state = "value"
    return nodes[:bang] if state == "important" else nodes

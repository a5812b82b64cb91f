"""HTML and SVG documents: ``<style>`` blocks, ``style=""`` and colour attributes (lxml).

lxml gives each element the line where its start tag *ends*; the exact line and column of a
``<style>`` block or an attribute value come from the raw text, found from that line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from .scan import Scan

_LEGACY_HTML_COLORS = {"bgcolor", "color", "text", "link", "vlink", "alink", "bordercolor"}
_SVG_PAINT = {"fill", "stroke", "stop-color", "flood-color", "lighting-color", "color"}


class _Source:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_end(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)


def _local(tag: Any) -> str | None:
    if not isinstance(tag, str):
        return None  # comments and processing instructions
    return tag.rsplit("}", 1)[-1].lower()


def _start_tag(source: _Source, name: str, line: int | None, cursor: int) -> tuple[int, int] | None:
    """Offsets of this element's start tag ``<name ...>`` (its end on ``line``), searching from ``cursor``."""
    if line is None:
        return None
    pattern = re.compile(rf"<(?:[\w-]+:)?{re.escape(name)}(?=[\s/>])", re.IGNORECASE)
    limit = source.line_end(line)
    found = None
    for match in pattern.finditer(source.text, cursor, limit):
        found = match
        end = _tag_end(source.text, match.end())
        if source.position(end)[0] >= line:
            return match.start(), end
    if found is None:
        return None
    return found.start(), _tag_end(source.text, found.end())


def _tag_end(text: str, offset: int) -> int:
    quote = None
    for index in range(offset, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == ">":
            return index
    return len(text)


def _attribute(source: _Source, start: int, end: int, name: str) -> tuple[int, int] | None:
    match = re.compile(rf"\s{re.escape(name)}\s*=\s*([\"']?)", re.IGNORECASE).search(source.text, start, end)
    return source.position(match.end()) if match else None


def scan_markup(scan: Scan, text: str, *, svg: bool) -> None:
    """Check a whole HTML or SVG document."""
    from lxml import etree, html

    source = _Source(text)
    try:
        if svg:
            parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(text.encode("utf-8"), parser)
        else:
            root = html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        if svg:
            reason = getattr(exc, "msg", None) or str(exc)
            scan.problem("unreadable-svg", f"not an SVG document: {reason}")
        return  # an HTML document with no elements has nothing to check
    if root is None:
        if svg:
            scan.problem("unreadable-svg", "not an SVG document: no root element")
        return
    if svg:
        # recover=True reads a truncated file as far as it goes; what is missing was not checked.
        fatal = [entry for entry in parser.error_log if entry.level >= etree.ErrorLevels.FATAL]
        if fatal:
            first = fatal[0]
            scan.problem(
                "unreadable-svg",
                f"malformed SVG (line {first.line}: {first.message.strip()}); only the part before it was checked",
            )
    cursor = 0
    for element in root.iter():
        name = _local(element.tag)
        if name is None:
            continue
        span = _start_tag(source, name, element.sourceline, cursor)
        if span is not None:
            cursor = span[1]
        path = _describe(element, name)
        if name == "style" and span is not None:
            close = re.compile(r"</(?:[\w-]+:)?style\s*>", re.IGNORECASE).search(text, span[1])
            body = text[span[1] + 1 : close.start() if close else len(text)]
            scan.stylesheet(body, *source.position(span[1] + 1))
            continue
        for attribute, value in element.attrib.items():
            attr = str(_local(attribute) or "")
            where = _attribute(source, *span, attr) if span else None
            line: int | None = where[0] if where else element.sourceline
            col: int | None = where[1] if where else None
            if attr == "style":
                scan.declarations(value, line or 1, col or 1, path)
            elif (svg or _is_svg(element)) and attr in _SVG_PAINT:
                scan.value(attr, value, line, col, path)
            elif not svg and attr in _LEGACY_HTML_COLORS and name not in {"meta", "input"}:
                scan.value("background-color" if attr == "bgcolor" else attr, value, line, col, path)


def _is_svg(element: Any) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    return "svg" in tag or any(_local(a.tag) == "svg" for a in element.iterancestors())


def _describe(element: Any, name: str) -> str:
    ident = element.get("id")
    return f"{name}#{ident}" if ident else name

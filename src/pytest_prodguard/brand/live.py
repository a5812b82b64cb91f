"""Live pages: computed styles of every visible element, read in one ``page.evaluate`` round trip.

Chromium reports most computed colours as ``rgb()``/``rgba()`` but keeps ``lab()``, ``oklch()``
and ``color()`` as written, so every value goes through the same CSS Color 4 parser.
"""

from __future__ import annotations

from typing import Any

from .scan import Scan

#: Runs in the page; returns [[selector, {property: value}], ...] for visible elements.
COLLECT_JS = r"""
() => {
  const selectorOf = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (node.id && /^[A-Za-z][\w-]*$/.test(node.id)) { parts.unshift('#' + node.id); break; }
      if (node.localName === 'body') { parts.unshift('body'); break; }
      let part = node.localName;
      const parent = node.parentElement;
      if (parent) {
        const same = Array.from(parent.children).filter((c) => c.localName === node.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const out = [];
  for (const el of document.querySelectorAll('body, body *')) {
    if (['script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link'].includes(el.localName)) continue;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const s = getComputedStyle(el);
    const props = {'font-family': s.fontFamily};
    const text = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (text) props['color'] = s.color;
    props['background-color'] = s.backgroundColor;
    for (const side of ['top', 'right', 'bottom', 'left']) {
      if (s.getPropertyValue('border-' + side + '-style') !== 'none' &&
          parseFloat(s.getPropertyValue('border-' + side + '-width')) > 0) {
        props['border-' + side + '-color'] = s.getPropertyValue('border-' + side + '-color');
      }
    }
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) props['outline-color'] = s.outlineColor;
    if (s.boxShadow !== 'none') props['box-shadow'] = s.boxShadow;
    if (el instanceof SVGElement && el.localName !== 'svg') {
      if (s.fill !== 'none' && !s.fill.startsWith('url(')) props['fill'] = s.fill;
      if (s.stroke !== 'none' && !s.stroke.startsWith('url(')) props['stroke'] = s.stroke;
    }
    if (!text) delete props['font-family'];
    out.push([selectorOf(el), props]);
  }
  return out;
}
"""


def scan_page(scan: Scan, page: Any) -> int:
    """Check a Playwright (sync) page; returns how many elements were read."""
    elements = page.evaluate(COLLECT_JS)
    for selector, props in elements:
        for prop, value in props.items():
            if value:
                scan.value(prop, str(value), None, None, str(selector))
    return len(elements)

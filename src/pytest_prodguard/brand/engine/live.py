"""Live pages: computed styles of every visible element, read in one ``page.evaluate`` round trip.

Chromium reports most computed colours as ``rgb()``/``rgba()`` but keeps ``lab()``, ``oklch()``
and ``color()`` as written, so every value goes through the same CSS Color 4 parser.

The walk enters every open shadow root and every same-origin ``iframe``/``frame`` document, so a
page built from web components is checked, not passed unread. What it cannot enter:

* closed shadow roots (``attachShadow({mode: 'closed'})``) and the browser's own shadow roots
  (inside ``<input>``, ``<video>``): they are hidden from every script but the one that made them;
* cross-origin frames, including sandboxed frames without ``allow-same-origin``: each visible one
  becomes an ``unreachable-frame`` warning, so a check never passes silently over content it could
  not read.

Selectors name the scope an element lives in. Each part is a plain CSS selector for
``querySelector`` in its scope, built the same way everywhere (an id, else a path of
``:nth-of-type`` steps), and the parts are joined by a separator between spaces:

* ``>>>``: inside the shadow root of the element on the left. A path from the root's top starts
  at ``:host``, as a document path starts at ``body``: ``x-card >>> :host > p:nth-of-type(2)``;
* ``|>``: inside the document of the frame on the left: ``#checkout |> body > form > button``.
"""

from __future__ import annotations

from typing import Any

from ...findings import Severity
from .scan import Scan

#: Runs in the page; returns {elements: [[selector, {property: value}], ...], unreachable: [[selector, src], ...]}.
COLLECT_JS = r"""
() => {
  const SKIP = ['script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link'];
  const SVG = 'http://www.w3.org/2000/svg';
  // Stops at the top of the element's own scope: a shadow root's top-level element has no
  // parentElement, so a path never climbs out into the host's tree.
  const selectorOf = (el) => {
    const parts = [];
    for (let node = el; node; node = node.parentElement) {
      if (node.id && /^[A-Za-z][\w-]*$/.test(node.id)) { parts.unshift('#' + node.id); break; }
      if (node === node.ownerDocument.body) { parts.unshift(node.localName); break; }
      let part = node.localName;
      const parent = node.parentNode;
      if (parent) {
        const same = Array.from(parent.children).filter((c) => c.localName === node.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
      }
      parts.unshift(part);
      // The top of a shadow root: anchored at :host, as a document path is anchored at body.
      if (parent && parent.nodeType === 11) { parts.unshift(':host'); break; }
    }
    return parts.join(' > ');
  };
  // A document is read from its body, which is the <frameset> of a frameset document: its <frame>s are reached too.
  const elementsOf = (root) => {
    if (root.nodeType !== 9) return root.querySelectorAll('*');
    return root.body ? [root.body, ...root.body.querySelectorAll('*')] : [];
  };
  const out = [];
  const unreachable = [];
  // Scopes are read one after another, the page's own document first: its elements keep the order
  // (and so the occurrence numbers in their baseline keys) they had before other scopes were read.
  const scopes = [[document, '']];
  for (let i = 0; i < scopes.length; i++) {
    const [root, prefix] = scopes[i];
    for (const el of elementsOf(root)) {
      // Before the visibility filter: a host with `display: contents` has no box, but its shadow content does.
      if (el.shadowRoot) scopes.push([el.shadowRoot, prefix + selectorOf(el) + ' >>> ']);
      if (SKIP.includes(el.localName)) continue;
      if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
      const selector = prefix + selectorOf(el);
      if (el.localName === 'iframe' || el.localName === 'frame') {
        let doc = null;
        try { doc = el.contentDocument; } catch (e) { /* a cross-origin frame may throw instead of giving null */ }
        if (doc) scopes.push([doc, selector + ' |> ']);
        else unreachable.push([selector, el.hasAttribute('srcdoc') ? 'about:srcdoc' : el.src || 'about:blank']);
      }
      // A frame's elements belong to the frame's window: its getComputedStyle, and the SVG test by
      // namespace, as `instanceof SVGElement` is false for another window's elements.
      const s = el.ownerDocument.defaultView.getComputedStyle(el);
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
      if (el.namespaceURI === SVG && el.localName !== 'svg') {
        if (s.fill !== 'none' && !s.fill.startsWith('url(')) props['fill'] = s.fill;
        if (s.stroke !== 'none' && !s.stroke.startsWith('url(')) props['stroke'] = s.stroke;
      }
      if (!text) delete props['font-family'];
      out.push([selector, props]);
    }
  }
  return {elements: out, unreachable};
}
"""


def scan_page(scan: Scan, page: Any) -> int:
    """Check a Playwright (sync) page; returns how many elements were read.

    Each visible frame that could not be read is an ``unreachable-frame`` warning on the scan.
    """
    found = page.evaluate(COLLECT_JS)
    for selector, props in found["elements"]:
        for prop, value in props.items():
            if value:
                scan.value(prop, str(value), None, None, str(selector))
    for selector, src in found["unreachable"]:
        shown = src if len(src) <= 100 else src[:99] + "…"  # a data: URL can be a whole document
        scan.problem(
            "unreachable-frame",
            f"frame {shown} is cross-origin, so its content was not checked",
            target=str(selector),
            severity=Severity.WARNING,
            src=shown,
        )
    return len(found["elements"])

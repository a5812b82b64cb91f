"""What runs inside the page: observers installed before any page script, and the read-out after load.

The init script keeps Largest Contentful Paint, layout shifts and long tasks as they are
reported (``buffered`` catches those reported before it ran). The read-out returns the
navigation timing, those observations, and the images with their rendered and natural sizes.
"""

from __future__ import annotations

INIT_SCRIPT = """
(() => {
  if (window.__prodguard) return;
  const seen = window.__prodguard = {lcp: 0, shifts: [], longtasks: [], observers: []};
  const watch = (type, take) => {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(take));
      observer.observe({type, buffered: true});
      seen.observers.push([observer, take]);
    } catch (e) { /* an entry type this browser does not report */ }
  };
  watch('largest-contentful-paint', (e) => { seen.lcp = Math.max(seen.lcp, e.startTime); });
  watch('layout-shift', (e) => { if (!e.hadRecentInput) seen.shifts.push([e.startTime, e.value]); });
  watch('longtask', (e) => { seen.longtasks.push([e.startTime, e.duration]); });
})();
"""

# An async function. A small page fires its load event before its first paint, and LCP is reported
# only once that paint is on screen: wait for first-contentful-paint (at most 1 s, for a page that
# paints nothing), then one more frame for the paint's entries.
READ_SCRIPT = """
async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const until = performance.now() + 1000;
  while (!performance.getEntriesByName('first-contentful-paint').length && performance.now() < until) await frame();
  await frame();
  const seen = window.__prodguard || {lcp: 0, shifts: [], longtasks: [], observers: []};
  for (const [observer, take] of seen.observers) observer.takeRecords().forEach(take);
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const viewport = {width: innerWidth, height: innerHeight, dpr: devicePixelRatio};
  const images = [...document.images].map((img) => {
    const rect = img.getBoundingClientRect();
    return {
      url: img.currentSrc || img.src, loading: (img.getAttribute('loading') || '').toLowerCase(),
      natural: [img.naturalWidth, img.naturalHeight], shown: [rect.width, rect.height],
      top: rect.top + scrollY, left: rect.left + scrollX,
    };
  });
  return {
    ttfb: nav.responseStart || 0, dcl: nav.domContentLoadedEventEnd || 0, load: nav.loadEventEnd || 0,
    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime,
    lcp: seen.lcp, shifts: seen.shifts, longtasks: seen.longtasks, viewport, images,
  };
}
"""

"""The HTML report's stylesheet, inlined into the page (the report loads nothing from anywhere)."""

CSS = """
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de;
  --bg: #ffffff; --panel: #f6f8fa; --ink: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 14px 0 4px; word-break: break-all; }
.verdict { padding: 14px 16px; border-radius: 6px; color: #fff; }
.verdict.pass { background: var(--ok); }
.verdict.fail { background: var(--bad); }
.verdict p { margin: 2px 0 0; opacity: .92; }
.tallies { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.tally { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
.tally b { display: block; font-size: 13px; }
.tally.failed { border-color: var(--bad); }
.muted { color: var(--muted); }
.status { font-weight: 600; }
.status.failed { color: var(--bad); }
.status.passed { color: var(--ok); }
.status.known, .status.warned { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.wrap { overflow-x: auto; }
code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, monospace; word-break: break-all; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.card.failed { border-left: 4px solid var(--bad); }
.card.regressed { background: #fff8c5; }
svg.plot { width: 100%; height: auto; display: block; max-width: 760px; }
.swatches { display: inline-flex; gap: 4px; vertical-align: middle; }
.swatch { display: inline-block; width: 22px; height: 22px; border-radius: 4px; border: 1px solid var(--line); }
.impact-critical { color: var(--bad); font-weight: 600; }
.impact-serious { color: #bc4c00; font-weight: 600; }
.impact-moderate { color: var(--warn); }
.shot { max-width: 240px; max-height: 120px; border: 1px solid var(--line); display: block; margin: 4px 0; }
ul.nodes { margin: 4px 0; padding-left: 18px; }
footer { margin: 32px 0 8px; color: var(--muted); font-size: 12px; }
@media (max-width: 640px) {
  main { padding: 8px; }
  th, td { padding: 3px 4px; }
  .hide-narrow { display: none; }
}
"""

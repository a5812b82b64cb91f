"""The web part's engines without a browser: throttling, resource budgets, budgets.json, CLS/TBT, sizes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from pytest_prodguard.budgets.spec import SpecError, build_spec
from pytest_prodguard.units import UnitError
from pytest_prodguard.web.bundles import BundleError, grown, parse_bundle_budgets, sizes
from pytest_prodguard.web.resources import ResourceError, budget_for, parse_resources, read_budgets_file
from pytest_prodguard.web.rounds import Response, Round, blocking_time, layout_shift
from pytest_prodguard.web.throttle import PROFILES, parse_profile


def test_throttling_profiles() -> None:
    assert parse_profile("Slow-4G") is PROFILES["slow-4g"]
    assert "CPU 4x slower" in PROFILES["slow-4g"].describe()
    custom = parse_profile("latency=150ms, down=1.6Mbps, up=750kbps, cpu=4x")
    assert (custom.latency_ms, custom.down_bps, custom.up_bps, custom.cpu) == (150, 200_000, 93_750, 4)
    assert PROFILES["off"].is_off
    assert PROFILES["off"].describe() == "no throttling"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("turbo", "unknown throttling profile 'turbo'"),
        ("speed=3", "throttling entry 'speed=3': expected latency=, down=, up= or cpu="),
        ("down=fast", "throttling down='fast': expected a rate such as 750kbps"),
        ("cpu=0.5", "expected a factor of at least 1"),
    ],
)
def test_bad_throttling_says_what_is_expected(text: str, message: str) -> None:
    with pytest.raises(UnitError, match=message):
        parse_profile(text)


def test_layout_shift_takes_the_worst_session_window() -> None:
    # Two bursts 2 s apart: 0.1 + 0.05 and 0.08; CLS is the larger window, not the sum.
    assert layout_shift([(0, 0.1), (500, 0.05), (2600, 0.08)]) == pytest.approx(0.15)
    assert layout_shift([]) == 0
    assert blocking_time([(0, 120), (300, 40), (400, 51)]) == pytest.approx(71)
    # After first contentful paint only: a task straddling FCP counts from FCP on.
    assert blocking_time([(0, 120), (300, 40), (400, 151)], since=50) == pytest.approx(20 + 101)


def _round(*responses: Response) -> Round:
    return Round("http://127.0.0.1:1/a.html", 0.1, 0.2, 0.3, 0.25, 0.0, 0.0, list(responses))


def test_resource_totals_and_limits() -> None:
    loaded = _round(
        Response("a.html", "document", 1000, False),
        Response("a.js", "script", 180_000, False),
        Response("b.js", "script", 1000, True),
    )
    assert loaded.bytes_by_type()["script"] == 181_000
    assert loaded.bytes_by_type()["total"] == 182_000
    assert loaded.counts_by_type()["script"] == 2
    assert loaded.cache_hits == 1
    limits = parse_resources("script <= 170KB, total <= 1MB, requests <= 50, script_requests < 2")
    from pytest_prodguard.web.resources import PageBudget, breaches

    broken = [(t.stat, shown) for t, _, shown in breaches([loaded], PageBudget(limits))]
    assert broken == [("script", "181KB"), ("script_requests", "2")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("scripts <= 1KB", "unknown resource type 'scripts'"),
        ("script <= 170", "expected a size such as 170KB, got '170' .say KB or KiB."),
        ("requests <= 1KB", "expected a number of requests such as 50"),
        ("script >= 1KB", "a resource budget is an upper limit"),
    ],
)
def test_bad_resource_budget_is_one_line(text: str, message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_resources(text)


def test_budgets_json_round_trip(tmp_path: Path) -> None:
    data = [
        {"path": "/*", "resourceSizes": [{"resourceType": "total", "budget": 100}]},
        {
            "path": "/shop/*.html$",
            "resourceSizes": [{"resourceType": "script", "budget": 125}],
            "resourceCounts": [{"resourceType": "third-party", "budget": 0}, {"resourceType": "image", "budget": 5}],
            "timings": [
                {"metric": "largest-contentful-paint", "budget": 2500},
                {"metric": "cumulative-layout-shift", "budget": 0.1},
            ],
        },
    ]
    path = tmp_path / "budgets.json"
    path.write_text(json.dumps(data))
    budgets = read_budgets_file(path)
    shop = budget_for("http://127.0.0.1:5/shop/cart.html", budgets)
    assert shop is not None
    assert shop.origin == "budgets.json path /shop/*.html$"
    assert [(str(t.stat), t.limit.value) for t in shop.resources] == [("script", 128_000), ("image_requests", 5)]
    assert [(t.stat, t.limit.value) for t in shop.timings] == [("lcp_max", 2.5), ("cls_max", 0.1)]
    other = budget_for("http://127.0.0.1:5/shop/cart.html?x=1", budgets)  # '$' anchors the end
    assert other is not None
    assert other.origin == "budgets.json path /*"
    assert budget_for("http://127.0.0.1:5/", [("/shop/*", shop)]) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "is not valid JSON"),
        ('{"path": "/*"}', "expected a JSON array of budgets, got dict"),
        ('[{"path": "shop"}]', r"budgets.json\[0\]: 'path' must be a string starting with '/'"),
        ('[{"resourceSizes": [{"resourceType": "script"}]}]', r"resourceSizes\[0\]: 'budget' must be a number >= 0"),
    ],
)
def test_bad_budgets_json_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "budgets.json"
    path.write_text(content)
    with pytest.raises(ResourceError, match=message):
        read_budgets_file(path)


def test_page_statistics_in_budget_markers() -> None:
    spec = build_spec([(None, None, {"lcp_p95": "2.5s", "cls_max": "0.1", "tbt_median": 0.2})], {})
    assert [str(rule.threshold) for rule in spec.rules] == ["lcp_p95 <= 2.5s", "cls_max <= 0.1", "tbt_median <= 200ms"]
    with pytest.raises(SpecError, match=r"cls_max: expected a number such as 0\.1, got '2s'"):
        build_spec([(None, None, {"cls_max": "2s"})], {})
    with pytest.raises(SpecError, match="a series takes min, max, mean, median or pN"):
        build_spec([(None, None, {"lcp_error_rate": "1%"})], {})


def test_bundle_sizes_and_budgets(tmp_path: Path) -> None:
    path = tmp_path / "app.js"
    path.write_bytes(b"const answer = 42;\n" * 500)
    measured = sizes(path)
    assert measured["raw"] == 9500
    assert measured["gzip"] == len(gzip.compress(path.read_bytes(), 9, mtime=0)) < 200
    assert 0 < measured["brotli"] < measured["gzip"]
    (budget,) = parse_bundle_budgets("dist/**/*.js: gzip <= 50KB, brotli < 45KiB")
    assert budget.pattern == "dist/**/*.js"
    assert [t.stat for t in budget.limits] == ["gzip", "brotli"]
    assert grown(1100, 1000, 0.05) == "1.1KB vs baseline 1KB (+10.0%, tolerance +5%)"
    assert grown(1040, 1000, 0.05) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dist/*.js gzip <= 1KB", "expected 'glob: gzip <= 50KB"),
        ("dist/*.js: zstd <= 1KB", "'zstd' is not one of raw, gzip, brotli"),
        ("dist/*.js: gzip <= 1s", "gzip needs a size such as 50KB"),
    ],
)
def test_bad_bundle_budget_is_one_line(text: str, message: str) -> None:
    with pytest.raises(BundleError, match=message):
        parse_bundle_budgets(text)


def test_image_savings_follow_lighthouse_thresholds() -> None:
    from pytest_prodguard.web.audits import image_savings

    loaded = _round(
        Response("http://h/big.png", "image", 100_000, False), Response("http://h/lazy.png", "image", 9000, False)
    )
    loaded.viewport = {"width": 1000, "height": 800, "dpr": 2}
    image = {
        "url": "http://h/big.png",
        "loading": "",
        "natural": [1000, 1000],
        "shown": [100, 100],
        "top": 0,
        "left": 0,
    }
    below = {**image, "top": 900}
    lazy = {**image, "url": "http://h/lazy.png", "loading": "lazy", "top": 5000, "shown": [500, 500]}
    loaded.images = [image, below, lazy]
    found = [(s.audit, s.url, s.wasted) for s in image_savings(loaded)]
    # shown at 200x200 device pixels of 1000x1000: 96 % of 100 000 bytes wasted, twice; the lazy one is fine.
    assert found == [
        ("uses-responsive-images", "http://h/big.png", 96_000),
        ("uses-responsive-images", "http://h/big.png", 96_000),
        ("offscreen-images", "http://h/big.png", 100_000),
    ]


def test_unused_script_bytes_from_block_coverage() -> None:
    from pytest_prodguard.web.audits import Coverage, coverage_savings

    coverage = Coverage(scripts={"1": ("http://h/app.js", 100_000)})
    coverage.js = [
        {
            "scriptId": "1",
            "functions": [
                {"ranges": [{"startOffset": 0, "endOffset": 100_000, "count": 1}]},
                {"ranges": [{"startOffset": 10_000, "endOffset": 90_000, "count": 0}]},
                {"ranges": [{"startOffset": 20_000, "endOffset": 30_000, "count": 2}]},
            ],
        }
    ]
    assert coverage.unused_js() == {"http://h/app.js": (70_000, 100_000)}
    loaded = _round(Response("http://h/app.js", "script", 50_000, False))
    (saving,) = coverage_savings(loaded, coverage)
    assert (saving.audit, saving.wasted, saving.total) == ("unused-javascript", 35_000, 50_000)  # scaled to the wire

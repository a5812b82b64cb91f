"""Hostile pages: a script that never yields, a page that navigates away, dotfiles under the root.

Inner runs are in-process and reuse this session's browser. Deadlines are short (1 s, +1 s grace),
so a hung page costs about two seconds (its renderer spinning a core all along), not Playwright's 30
or forever. The good page's scan takes about a tenth of its 1 s.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

GOOD = '<!doctype html><html lang="en"><head><title>ok</title></head><body><main><p>fine</p></main></body></html>'
SPIN_AFTER_LOAD = (
    '<!doctype html><html lang="en"><head><title>spin</title></head><body><main><p>x</p></main>'
    '<script>addEventListener("load",()=>setTimeout(()=>{while(true){}},0))</script></body></html>'
)
NAVIGATES = (
    '<!doctype html><html lang="en"><head><title>away</title></head><body><main><p>x</p></main>'
    '<script>addEventListener("load",()=>location.replace("b_good.html"))</script></body></html>'
)


@pytest.fixture(autouse=True)
def _keep_browser(prodguard_browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold the process-wide browser open so inner runs reuse it instead of relaunching."""
    monkeypatch.setenv("COLUMNS", "400")


def _site(pytester: pytest.Pytester, **pages: str) -> None:
    for name, text in pages.items():
        (pytester.path / name).write_text(text, encoding="utf-8")
    pytester.makeini(
        "[pytest]\nprodguard_a11y_pages = *.html\nprodguard_a11y_timeout = 1s\nprodguard_a11y_preload = off\n"
    )


def _run(pytester: pytest.Pytester) -> tuple[pytest.RunResult, dict[str, Any], float]:
    started = time.perf_counter()
    result = pytester.runpytest("-p", "no:hypothesispytest", "-p", "no:randomly", "--prodguard-json=r.json", "-rA")
    elapsed = time.perf_counter() - started
    assert "INTERNALERROR" not in result.stdout.str()
    return result, json.loads((pytester.path / "r.json").read_text(encoding="utf-8")), elapsed


def test_hung_and_wandering_pages_fail_in_time_and_never_take_the_next_page_down(pytester: pytest.Pytester) -> None:
    """One inner run (the browser is the costly part): a page that spins, one that leaves, then a good page.

    A page that spins before its load event (an inline ``while(true){}``) is in benchmarks/hostile_slow.py.
    """
    landing = GOOD.replace("<p>fine</p>", '<img src="x.png">')  # an image-alt violation, if it were judged
    (pytester.path / "elsewhere").mkdir()
    (pytester.path / "elsewhere" / "land.html").write_text(landing, encoding="utf-8")
    _site(
        pytester,
        **{
            "a_spins_after_load.html": SPIN_AFTER_LOAD,
            "c_goes_away.html": NAVIGATES.replace("b_good.html", "elsewhere/land.html"),
            "d_good.html": GOOD,
        },
    )
    result, report, elapsed = _run(pytester)
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["PASSED d_good.html::a11y*"])
    result.stdout.fnmatch_lines(
        [
            # On a busy machine the load event itself may miss the 1 s deadline; either way, in time.
            "FAILED a_spins_after_load.html::a11y - prodguard: *a_spins_after_load.html*",
            # Gone before the scan ("navigated away to ..."), while axe loaded ("... a navigation"), or
            # on a machine too busy to load it within the 1 s deadline: never judged as the other page.
            "FAILED c_goes_away.html::a11y - prodguard: *c_goes_away.html*",
        ]
    )
    # The landing page's violation was not recorded under the page that navigated there.
    assert [f for f in report["findings"] if f["rule"] == "image-alt"] == []
    assert elapsed < 30  # deadlines of 1 s (+1 s grace), not Playwright's 30 s per operation


def test_the_page_server_does_not_serve_dotfiles(tmp_path: Path) -> None:
    from pytest_prodguard.browser.server import PageServer

    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[secret]\n")
    (tmp_path / ".env").write_text("TOKEN=x\n")
    (tmp_path / "index.html").write_text(GOOD)
    server = PageServer(tmp_path)
    try:
        with urllib.request.urlopen(server.origin + "/index.html") as response:
            assert response.status == 200
        for path in ("/.git/config", "/.env", "/%2Egit/config", "/sub/../.env"):
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(server.origin + path)
            info.value.close()
            assert info.value.code == 404, path
            assert server.why_blocked(server.origin + path) is not None, path
    finally:
        server.close()


def test_brand_live_check_of_a_hung_page_is_closed_after_its_deadline(prodguard_page: Any) -> None:
    from pytest_prodguard.brand.fixture import read_live_page
    from pytest_prodguard.browser.deadline import DeadlineExceeded

    prodguard_page.set_content(SPIN_AFTER_LOAD)
    started = time.perf_counter()
    with pytest.raises(DeadlineExceeded, match="did not finish within 500ms; the page was closed"):
        read_live_page(None, prodguard_page, timeout=0.5)
    assert time.perf_counter() - started < 6
    assert prodguard_page.is_closed()  # by the deadline itself, not later by the fixture

import pytest


@pytest.mark.budget("page", lcp_p95="2.5s", cls_max="0.1")  # load event p95 < 2s
def test_home_page(page_timing, base_url):
    page_timing.load(f"{base_url}/index.html", rounds=20, cold=False)


@pytest.mark.budget(load_max="2s", tbt_max="200ms")
def test_home_page_first_visit(page_timing, base_url):
    run = page_timing.load(f"{base_url}/index.html", rounds=3)  # a fresh browser context per round
    assert run.rounds[0].cache_hits == 0

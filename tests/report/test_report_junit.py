"""JUnit XML, read back with a real JUnit parser: every failing rule is named, file cases read as paths."""

from __future__ import annotations

import pytest
from junitparser import Failure, JUnitXml

# A collected "page" per .html file; each records one finding per element for 30 rules, so the
# finding lines are cut long before the last rule.
PAGES_CONFTEST = """
import pytest
from pytest_prodguard import Finding, mark_checked, record_finding

IMPACTS = ["critical", "serious", "moderate", "minor"]

class Page(pytest.Item):
    def runtest(self):
        mark_checked(self, "a11y")
        for n in range(30):
            for element in range(n % 3 + 1):
                record_finding(self, Finding(
                    gate="a11y", rule=f"rule-{n:02d}", message=f"problem {n}", path=self.path.name,
                    target=f"#el-{element}", key=f"#el-{element}", details={"impact": IMPACTS[n % 4]},
                ))

    def reportinfo(self):
        return self.path, None, self.path.name

class PageFile(pytest.File):
    def collect(self):
        yield Page.from_parent(self, name="a11y")

def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".html":
        return PageFile.from_parent(parent, path=file_path)
"""


@pytest.mark.parametrize("family", ["xunit1", "xunit2"])
def test_every_failing_rule_is_named_with_count_and_impact(pytester: pytest.Pytester, family: str) -> None:
    pytester.makeconftest(PAGES_CONFTEST)
    pytester.mkdir("site")
    pytester.path.joinpath("site", "login.html").write_text("<html></html>")
    pytester.makepyfile("def test_plain(): pass")
    result = pytester.runpytest("--junitxml=junit.xml", "-o", f"junit_family={family}")
    result.assert_outcomes(passed=1, failed=1)

    xml = JUnitXml.fromfile(str(pytester.path / "junit.xml"))
    cases = {case.classname + "::" + case.name: case for suite in xml for case in suite}
    assert set(cases) == {"site/login.html::a11y", "test_every_failing_rule_is_named_with_count_and_impact::test_plain"}
    page = cases["site/login.html::a11y"]
    (failure,) = [r for r in page.result if isinstance(r, Failure)]
    assert failure.message == "prodguard a11y: 60 new findings"
    text = failure.text or ""
    assert "... and 40 more" in text
    # 20 finding lines, one example of each of the first 20 rules (most findings first)
    examples = {line.split("]")[0] for line in text.splitlines() if line.startswith("  [a11y:")}
    assert len(examples) == 20
    for n in range(30):
        count = n % 3 + 1
        impact = ["critical", "serious", "moderate", "minor"][n % 4]
        assert f"  a11y:rule-{n:02d} x{count} ({impact})" in text

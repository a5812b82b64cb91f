"""Brand on real design systems: each system's tokens checked against themselves, and its own stylesheet.

Fetches each design system's published packages from the npm registry (``npm pack``, pinned
versions) into ``benchmarks/.cache/design-systems`` (git-ignored) on first run, then for each system:

* reads its token files (every format it ships that we read) and counts the tokens;
* checks each CSS token file against the tokens (a token file checked against itself: 0 expected);
* checks the system's own shipped stylesheet against its tokens: findings by rule;
* writes a seeded sample of 20 stylesheet findings to ``<cache>/<system>-sample.txt`` for checking
  by hand (the precision in docs/brand.md comes from reading those samples).

Usage: ``python benchmarks/brand_design_systems.py [--only polaris] [--sample 20] [--seed 13]``
"""

from __future__ import annotations

import argparse
import random
import subprocess
import tarfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pytest_prodguard.brand.engine import BrandError, Engine, Issue, Profile, Tolerance, scan_file

CACHE = Path(__file__).resolve().parent / ".cache" / "design-systems"


@dataclass(frozen=True)
class System:
    key: str
    name: str
    packages: tuple[str, ...]  # npm specs, pinned
    tokens: tuple[str, ...]  # globs under the cache directory, <package dir>/<path in package>
    stylesheet: str  # the system's own stylesheet, checked against ``tokens``
    stylesheet_tokens: tuple[str, ...] = ()  # when the stylesheet names tokens by another file's names
    #: Custom properties the system documents as set by its users or by script (prodguard_brand_runtime_vars).
    runtime_vars: tuple[str, ...] = ()


SYSTEMS = (
    System(
        "polaris",
        "Shopify Polaris",
        ("@shopify/polaris-tokens@9.4.2", "@shopify/polaris@13.9.5"),
        ("shopify-polaris-tokens-9.4.2/dist/css/styles.css",),
        "shopify-polaris-13.9.5/build/esm/styles.css",
        runtime_vars=("--pc-range-slider-progress",),  # set by the RangeSlider component's script
    ),
    System(
        "spectrum",
        "Adobe Spectrum",
        ("@adobe/spectrum-tokens@15.4.1", "@spectrum-css/tokens@16.0.2", "@spectrum-css/button@14.2.0"),
        ("adobe-spectrum-tokens-15.4.1/src/*.json",),
        "spectrum-css-button-14.2.0/dist/index.css",
        # Spectrum CSS names the same tokens with a --spectrum- prefix: its CSS build is the token source here.
        stylesheet_tokens=("spectrum-css-tokens-16.0.2/dist/css/index.css",),
        runtime_vars=("--mod-*",),  # Spectrum CSS's modifier hooks: set by the teams using it
    ),
    System(
        "salesforce",
        "Salesforce Lightning (SLDS)",
        ("@salesforce-ux/design-system@2.264.1",),
        (
            "salesforce-ux-design-system-2.264.1/design-tokens/dist/*.custom-props.scss",
            # The icon background colours ship only in the Theo builds (a flat JSON map per set).
            "salesforce-ux-design-system-2.264.1/design-tokens/dist/bg-*.json",
        ),
        "salesforce-ux-design-system-2.264.1/assets/styles/salesforce-lightning-design-system.css",
        runtime_vars=("--slds-c-*", "--sds-c-*"),  # styling hooks: set by the teams using SLDS
    ),
    System(
        "carbon",
        "IBM Carbon",
        ("@carbon/themes@11.78.0", "@carbon/styles@1.116.0"),
        ("carbon-themes-11.78.0/src/dtcg/*.json", "carbon-themes-11.78.0/src/dtcg/components/*.json"),
        "carbon-styles-1.116.0/css/styles.css",
    ),
    System(
        "primer",
        "GitHub Primer",
        ("@primer/primitives@11.10.0", "@primer/css@22.3.2"),
        (
            "primer-primitives-11.10.0/dist/css/functional/themes/*.css",
            "primer-primitives-11.10.0/dist/css/base/*/*.css",
            "primer-primitives-11.10.0/dist/css/functional/motion/*.css",
            "primer-primitives-11.10.0/dist/css/functional/size/*.css",
            "primer-primitives-11.10.0/dist/css/functional/spacing/*.css",
            "primer-primitives-11.10.0/dist/css/functional/typography/*.css",
            "primer-primitives-11.10.0/dist/css/primitives.css",
        ),
        "primer-css-22.3.2/dist/primer.css",
    ),
)


def fetch(system: System) -> None:
    """``npm pack`` each package once and unpack it as ``<name>-<version>/`` (npm's own file name)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for spec in system.packages:
        name, version = spec.rsplit("@", 1)
        folder = CACHE / f"{name.lstrip('@').replace('/', '-')}-{version}"
        if folder.is_dir():
            continue
        done = subprocess.run(
            ["npm", "pack", spec, "--silent"], cwd=CACHE, capture_output=True, text=True, check=True, timeout=300
        )
        archive = CACHE / done.stdout.strip().splitlines()[-1]
        folder.mkdir()
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.startswith("package/"):
                    member.name = member.name.removeprefix("package/")
                    tar.extract(member, folder, filter="data")
        archive.unlink()


def profile(tokens: tuple[str, ...], system: System, *, configured: bool = True) -> Profile:
    return Profile(tokens, Tolerance(), "allow", (), (), (), "error", system.runtime_vars if configured else ())


def check(
    engine: Engine, tokens: tuple[str, ...], system: System, path: Path, *, configured: bool = True
) -> list[Issue]:
    return scan_file(engine, profile(tokens, system, configured=configured), path).issues


def run(system: System, sample_size: int, seed: int) -> dict[str, object]:
    fetch(system)
    engine = Engine(CACHE)
    row: dict[str, object] = {"system": system.name}
    started = time.perf_counter()
    try:
        palette = engine.palette(profile(system.tokens, system))
    except BrandError as exc:
        row["error"] = str(exc)
        return row
    row["tokens"] = f"{len(palette.tokens)} ({palette.describe()})"
    row["load_s"] = round(time.perf_counter() - started, 2)
    source = system.stylesheet_tokens or system.tokens
    self_found: Counter[str] = Counter()
    self_files = 0
    for tokens in dict.fromkeys((system.tokens, source)):
        for file in engine.token_files(profile(tokens, system)):
            if file.suffix in {".css", ".scss"}:
                self_files += 1
                self_found.update(issue.rule for issue in check(engine, tokens, system, file))
    row["self_css_files"] = self_files
    row["self_findings"] = dict(self_found) or 0
    sheet = CACHE / system.stylesheet
    engine.learn([sheet])
    if system.runtime_vars:
        plain = check(engine, source, system, sheet, configured=False)
        row["sheet_findings_default"] = dict(Counter(f"{i.rule} ({i.severity.value})" for i in plain))
        row["runtime_vars"] = ", ".join(system.runtime_vars)
    started = time.perf_counter()
    issues = check(engine, source, system, sheet)
    row["sheet_s"] = round(time.perf_counter() - started, 2)
    row["sheet_findings"] = dict(Counter(f"{i.rule} ({i.severity.value})" for i in issues))
    # Findings on a custom property the token files define: a token definition the stylesheet repeats.
    declared = engine.palette(profile(source, system)).declared
    row["on_token_declarations"] = sum(1 for issue in issues if issue.prop in declared)
    sample = random.Random(seed).sample(issues, min(sample_size, len(issues)))
    out = CACHE / f"{system.key}-sample.txt"
    out.write_text(
        "".join(f"{i.line}:{i.col} {i.target}: {i.message} [{i.rule}] fix={i.fix}\n" for i in sample), encoding="utf-8"
    )
    row["sample"] = str(out)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", action="append", choices=[s.key for s in SYSTEMS])
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    arguments = parser.parse_args()
    for system in SYSTEMS:
        if arguments.only and system.key not in arguments.only:
            continue
        row = run(system, arguments.sample, arguments.seed)
        print(" | ".join(f"{key}: {value}" for key, value in row.items()), flush=True)


if __name__ == "__main__":
    main()

"""The brand engine: design tokens -> palette, documents -> issues -> findings. No pytest in here.

The command line (``prodguard-brand``) and the pytest glue (the ``brand`` fixture, file items,
markers) both run it; everything they use is exported here.
"""

from __future__ import annotations

from .checking import (
    GATE,
    MARKUP_SUFFIXES,
    BrandError,
    Checked,
    Engine,
    Profile,
    check_file,
    scan_file,
    scan_text,
    shown,
    to_findings,
)
from .issues import Issue
from .matching import Matcher, Policy
from .palette import Palette
from .scan import Scan
from .tokens import TokenError, load_palette
from .tolerance import Tolerance, parse_tolerance

__all__ = [
    "GATE",
    "MARKUP_SUFFIXES",
    "BrandError",
    "Checked",
    "Engine",
    "Issue",
    "Matcher",
    "Palette",
    "Policy",
    "Profile",
    "Scan",
    "TokenError",
    "Tolerance",
    "check_file",
    "load_palette",
    "parse_tolerance",
    "scan_file",
    "scan_text",
    "shown",
    "to_findings",
]

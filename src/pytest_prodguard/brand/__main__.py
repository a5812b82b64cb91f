"""``python -m pytest_prodguard.brand``: the same as the ``prodguard-brand`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())

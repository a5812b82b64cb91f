"""A real local HTTP server with pages of known weight and a deliberately slow resource."""

from __future__ import annotations

import os
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SLOW_SECONDS = 0.6
SCRIPT_BYTES = 40_000  # big.js: one used function and many never called


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if "slow" in urlsplit(self.path).query:
            time.sleep(SLOW_SECONDS)
        super().do_GET()


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1; a query containing ``slow`` (``slow.js?slow=1``) answers after SLOW_SECONDS.

    Only the resource is slow, not slow.html itself: one wait is enough to prove a slow load is measured.
    """
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=partial(httpd.serve_forever, poll_interval=0.02), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def png(width: int, height: int) -> bytes:
    """An incompressible PNG (random pixels): its bytes are about width * height * 3."""
    raw = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _script() -> str:
    body = "".join(f"function unused{i}() {{ return '{'x' * 180}'; }}\n" for i in range(SCRIPT_BYTES // 210))
    return "function used() { return 1; }\n" + body + "used();\n"


PAGE = '<!doctype html><html lang="en"><head><title>{title}</title>{head}</head><body>{body}</body></html>'


def site(root: Path) -> Path:
    """Pages of known weight: fast.html (tiny), slow.html (waits on a slow script), heavy.html, shift.html."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "big.js").write_text(_script(), encoding="utf-8")
    (root / "slow.js").write_text("document.title = 'slow';\n", encoding="utf-8")
    (root / "photo.png").write_bytes(png(300, 200))
    pages = {
        "fast.html": ("Fast", "", "<h1>Hello</h1><p>A small page.</p>"),
        "slow.html": ("Slow", '<script src="slow.js?slow=1"></script>', "<h1>Slow</h1>"),
        "heavy.html": (
            "Heavy",
            '<script src="big.js"></script>',
            '<h1>Heavy</h1><img src="photo.png" width="30" height="20" alt="a">'
            '<div style="height:3000px"></div><img src="photo.png?below" alt="b">',
        ),
        # The text paints first; the slow image without a size then pushes it down before the load event.
        "shift.html": (
            "Shift",
            "",
            '<img src="photo.png?slow" alt=""><div style="height:400px;font-size:40px">Text that moves</div>',
        ),
    }
    for name, (title, head, body) in pages.items():
        (root / name).write_text(PAGE.format(title=title, head=head, body=body), encoding="utf-8")
    return root

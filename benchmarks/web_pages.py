"""Pages for the web benchmarks, served on 127.0.0.1 with a deliberately slow resource.

Shared by ``web_vs_lighthouse.py`` and ``web_timing_cost.py``; the bundles in ``bundles()`` feed
``web_vs_size_limit.py``.
"""

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

SLOW_SECONDS = 0.5
PAGE = '<!doctype html><html lang="en"><head><title>{0}</title>{1}</head><body>{2}</body></html>'


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if "slow" in self.path:
            time.sleep(SLOW_SECONDS)
        super().do_GET()


@contextmanager
def serve(root: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    httpd.daemon_threads = True
    threading.Thread(target=partial(httpd.serve_forever, poll_interval=0.02), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def png(width: int, height: int) -> bytes:
    raw = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def script(functions: int) -> str:
    body = "".join(f"function f{i}(x) {{ return x * {i} + '{'ab' * (i % 40)}'; }}\n" for i in range(functions))
    return body + "f1(2);\n"


def site(root: Path) -> dict[str, str]:
    """Writes the pages; returns name -> what it is there to show."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.js").write_text(script(1500), encoding="utf-8")
    (root / "photo.png").write_bytes(png(400, 300))
    busy = "const end = performance.now() + 250; while (performance.now() < end) {}"
    pages = {
        "fast.html": ("a tiny page", "", "<h1>Hello</h1><p>Small.</p>"),
        "heavy.html": (
            "a 122 KB script and a 360 KB image",
            '<script src="app.js"></script>',
            '<h1>Heavy</h1><img src="photo.png" width="400" height="300" alt="a">',
        ),
        "slow.html": ("a script answered after 0.5 s", '<script src="app.js?slow=1"></script>', "<h1>Slow</h1>"),
        "shift.html": (
            "a late image without a size pushes text down",
            "",
            '<h1>Shift</h1><img src="photo.png?slow" alt=""><div style="height:400px;font-size:40px">Moves</div>',
        ),
        "busy.html": (
            "a 250 ms task after the first paint, before the load event",
            "",
            f'<h1>Busy</h1><img src="photo.png?slow2" width="40" height="30" alt="">'
            # Started once first contentful paint is reported, so the paint never waits for the task.
            "<script>new PerformanceObserver((list) => { if (list.getEntriesByName('first-contentful-paint')"
            f".length) setTimeout(() => {{ {busy} }}, 0); }}).observe({{type: 'paint', buffered: true}});</script>",
        ),
    }
    for name, (_, head, body) in pages.items():
        (root / name).write_text(PAGE.format(name, head, body), encoding="utf-8")
    return {name: what for name, (what, _, _) in pages.items()}


def bundles(root: Path) -> list[Path]:
    """Files of different compressibility for the size comparison."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "app.js": script(3000),
        "vendor.js": "".join(f"var v{i}={i * 7919 % 10007};" for i in range(20000)),
        "site.css": "".join(f".c{i}{{color:#{i * 4111 % 0xFFFFFF:06x};margin:{i % 17}px}}\n" for i in range(5000)),
        "tiny.js": "export const a = 1;\n",
        "data.json": os.urandom(30000).hex(),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return [root / name for name in files]

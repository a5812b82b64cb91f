"""The corner shop: static pages, a small JSON API and a SQLite database, served on 127.0.0.1.

``start_server`` returns the base URL of a running server (a free port, a daemon thread), so any
test or script can reuse it; ``stop_server`` shuts it down again.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PRODUCTS = [
    ("Sourdough loaf", "bakery", 420),
    ("Rye bread", "bakery", 380),
    ("Croissant", "bakery", 190),
    ("Flat white", "coffee", 310),
    ("Espresso", "coffee", 220),
    ("Filter coffee", "coffee", 250),
]
_SERVERS: dict[str, ThreadingHTTPServer] = {}


def create_db(path: Path | str) -> sqlite3.Connection:
    """A fresh database at ``path`` (``":memory:"`` works too) with the shop's products."""
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.executescript(
        """
        DROP TABLE IF EXISTS products; DROP TABLE IF EXISTS categories;
        CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
        CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, category_id INTEGER, price_cents INTEGER);
        """
    )
    for name in sorted({category for _, category, _ in PRODUCTS}):
        connection.execute("INSERT INTO categories (name) VALUES (?)", (name,))
    connection.executemany(
        "INSERT INTO products (name, category_id, price_cents) SELECT ?, id, ? FROM categories WHERE name = ?",
        [(name, price, category) for name, category, price in PRODUCTS],
    )
    connection.commit()
    return connection


def catalog(connection: Any) -> list[dict[str, Any]]:
    """Every product with its category: one query."""
    sql = (
        "SELECT products.id, products.name, categories.name, price_cents FROM products "
        "JOIN categories ON categories.id = products.category_id ORDER BY products.id"
    )
    return [
        {"id": pid, "name": name, "category": category, "price_cents": price}
        for pid, name, category, price in connection.execute(sql).fetchall()
    ]


def catalog_by_category(connection: Any) -> dict[str, list[str]]:
    """Products per category, one query per category (1 + N): fine for two, a budget keeps it so."""
    result = {}
    for cid, category in connection.execute("SELECT id, name FROM categories ORDER BY name").fetchall():
        rows = connection.execute("SELECT name FROM products WHERE category_id = ? ORDER BY id", (cid,)).fetchall()
        result[category] = [name for (name,) in rows]
    return result


@functools.lru_cache(maxsize=64)
def price_label(price_cents: int) -> str:
    return f"{price_cents // 100}.{price_cents % 100:02d}"


class ShopHandler(SimpleHTTPRequestHandler):
    """``/api/products`` and ``/api/products/<id>`` from the database; anything else from the site folder."""

    database: sqlite3.Connection
    lock: threading.Lock

    def do_GET(self) -> None:
        if not self.path.startswith("/api/"):
            super().do_GET()
            return
        with self.lock:
            products = catalog(self.database)
        parts = self.path.rstrip("/").split("/")
        if parts[2:] == ["products"]:
            self._json(200, [{**p, "price": price_label(p["price_cents"])} for p in products])
            return
        if len(parts) == 4 and parts[2] == "products" and parts[3].isdigit():
            found = [p for p in products if p["id"] == int(parts[3])]
            self._json(200 if found else 404, found[0] if found else {"error": "no such product"})
            return
        self._json(404, {"error": "no such endpoint"})

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


def start_server(site: Path, database: Path) -> str:
    """Serve ``site`` and the API over ``database`` on a free port of 127.0.0.1; returns the base URL."""
    connection = create_db(database)
    handler = type(
        "BoundShopHandler",
        (ShopHandler,),
        {"database": connection, "lock": threading.Lock()},
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    _SERVERS[base_url] = server
    return base_url


def stop_server(base_url: str) -> None:
    server = _SERVERS.pop(base_url)
    server.shutdown()
    server.server_close()


if __name__ == "__main__":  # python shop.py: browse the shop
    import tempfile

    url = start_server(Path(__file__).parent / "site", Path(tempfile.mkdtemp()) / "shop.db")
    print(f"corner shop at {url}/index.html (Ctrl-C stops it)")
    threading.Event().wait()

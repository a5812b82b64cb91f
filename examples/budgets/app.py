"""A tiny user service: a real HTTP server on 127.0.0.1 backed by sqlite, with a cached lookup."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def create_db(connection: Any, users: int = 50) -> None:
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, team_id INTEGER)")
    connection.execute("CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT)")
    connection.executemany("INSERT INTO teams (id, name) VALUES (?, ?)", [(1, "core"), (2, "web")])
    connection.executemany(
        "INSERT INTO users (name, team_id) VALUES (?, ?)", [(f"user{i}", 1 + i % 2) for i in range(users)]
    )


def team_names_n_plus_one(connection: Any) -> list[tuple[str, str]]:
    """One query for the users, then one per user: the N+1 pattern a max_queries budget catches."""
    rows = connection.execute("SELECT name, team_id FROM users ORDER BY id").fetchall()
    result = []
    for name, team_id in rows:
        (team,) = connection.execute("SELECT name FROM teams WHERE id = ?", (team_id,)).fetchone()
        result.append((name, team))
    return result


def team_names_joined(connection: Any) -> list[tuple[str, str]]:
    sql = "SELECT users.name, teams.name FROM users JOIN teams ON teams.id = users.team_id ORDER BY users.id"
    return [tuple(row) for row in connection.execute(sql).fetchall()]


@functools.lru_cache(maxsize=128)
def user_profile(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "name": f"user{user_id}"}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if not self.path.startswith("/users/"):
            self.send_error(404)
            return
        body = json.dumps(user_profile(int(self.path.rsplit("/", 1)[1]))).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
        pass


@contextmanager
def serve() -> Iterator[str]:
    """Run the service on a free port of 127.0.0.1; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

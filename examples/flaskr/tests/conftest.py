from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flaskr import create_app
from flaskr.db import get_db, init_db

DATA = """
INSERT INTO user (username) VALUES ('test'), ('other');
INSERT INTO post (title, body, author_id, created) VALUES
  ('test title', 'test body', 1, '2018-01-01 00:00:00'),
  ('second', 'more', 2, '2018-01-02 00:00:00'),
  ('third', 'even more', 1, '2018-01-03 00:00:00');
"""


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "flaskr.sqlite")})
    with app.app_context():
        init_db()
        get_db().executescript(DATA)
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def connection(app: Flask) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(app.config["DATABASE"])
    yield conn
    conn.close()

"""The blog's pages: the index lists posts with their authors, in one statement or (on purpose) in 1 + N."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from .db import get_db

bp = Blueprint("blog", __name__)


@bp.route("/")
def index() -> str:
    posts = (
        get_db()
        .execute(
            "SELECT p.id, title, body, created, author_id, username"
            " FROM post p JOIN user u ON p.author_id = u.id ORDER BY created DESC"
        )
        .fetchall()
    )
    return render_template("index.html", posts=posts)


@bp.route("/slow")
def slow_index() -> str:
    """The same page written the N+1 way: one statement for the posts, one per post for its author."""
    db = get_db()
    posts = []
    for row in db.execute("SELECT id, title, body, created, author_id FROM post ORDER BY created DESC").fetchall():
        author = db.execute("SELECT username FROM user WHERE id = ?", (row["author_id"],)).fetchone()
        posts.append({**dict(row), "username": author["username"]})
    return render_template("index.html", posts=posts)


@bp.route("/<int:id>")
def post(id: int) -> str:
    found = get_db().execute("SELECT title, body FROM post WHERE id = ?", (id,)).fetchone()
    if found is None:
        abort(404, f"Post id {id} doesn't exist.")
    return render_template("post.html", post=found)


@bp.route("/create", methods=("POST",))
def create() -> tuple[str, int]:
    title, body = request.form.get("title", ""), request.form.get("body", "")
    if not title:
        return "Title is required.", 400
    db = get_db()
    db.execute("INSERT INTO post (title, body, author_id) VALUES (?, ?, ?)", (title, body, 1))
    db.commit()
    return "created", 201

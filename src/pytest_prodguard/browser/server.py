"""The local page server and the request guard: what pages from files are loaded through.

Pages from files are served over HTTP on 127.0.0.1 (``file://`` changes how frames, scripts and
fonts behave) from ``prodguard_a11y_root``. Every request outside that root and every request to
the network is blocked, and listed by :func:`blocked_requests`.

Imported on first use (a fixture, a scan, a collected page), never at start-up.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class RequestGuard:
    """Blocks what a page must not load and remembers it."""

    server: PageServer
    blocked: list[str] = field(default_factory=list)

    def handle(self, route: Route) -> None:
        url = route.request.url
        reason = self.server.why_blocked(url)
        if reason is None:
            route.continue_()
            return
        self.blocked.append(f"{url} ({reason})")
        route.abort("blockedbyclient")


_GUARDS: weakref.WeakKeyDictionary[Any, RequestGuard] = weakref.WeakKeyDictionary()


def guard_context(context: BrowserContext, server: PageServer) -> RequestGuard:
    """Block what pages of ``context`` request outside ``server``'s root or from the network."""
    guard = _GUARDS[context] = RequestGuard(server)
    context.route("**/*", guard.handle)
    return guard


def blocked_requests(page: Page) -> list[str]:
    """Requests of ``page``'s context that were blocked (``url (reason)``); empty when unguarded."""
    guard = _GUARDS.get(page.context)
    return list(guard.blocked) if guard else []


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # the pages' requests are not the user's business unless blocked

    def send_head(self) -> Any:
        root = Path(self.directory).resolve()
        resolved = Path(self.translate_path(self.path)).resolve()
        if resolved != root and root not in resolved.parents:
            # A symlink leading out of the root: serve nothing rather than a file outside it.
            self.send_error(HTTPStatus.NOT_FOUND, "outside the served root")
            return None
        if is_hidden(unquote(urlsplit(self.path).path)) or is_hidden(resolved.relative_to(root).as_posix()):
            # .git/config, .env: the root is usually the project, whose dotfiles are not pages.
            self.send_error(HTTPStatus.NOT_FOUND, "hidden files are not served")
            return None
        return super().send_head()


def is_hidden(path: str) -> bool:
    """Whether a root-relative path has a segment starting with a dot (``.git/config``, ``.env``)."""
    return any(part.startswith(".") and part not in {".", ".."} for part in path.replace("\\", "/").split("/"))


class PageServer:
    """A static file server on 127.0.0.1 for one directory, running in a daemon thread."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(self.root)))
        self._httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        # A short poll interval: shutdown() waits for the loop's next poll, 0.5 s by default.
        serve = partial(self._httpd.serve_forever, poll_interval=0.02)
        self._thread = threading.Thread(target=serve, name="prodguard-pages", daemon=True)
        self._thread.start()

    def url_for(self, path: str | Path) -> str:
        """URL of a file under the root (absolute, or relative to the root)."""
        target = Path(path)
        target = (target if target.is_absolute() else self.root / target).resolve()
        if target != self.root and self.root not in target.parents:
            raise ValueError(f"{path} is outside the served root {self.root}")
        relative = target.relative_to(self.root).as_posix()
        return f"{self.origin}/{relative}"

    def page_id(self, url: str) -> str:
        """Root-relative path for served URLs (stable across runs), else the URL without its fragment."""
        if url.startswith(self.origin + "/"):
            return unquote(urlsplit(url).path).lstrip("/") or "/"
        return url.split("#", 1)[0]

    def why_blocked(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return None
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return "network request blocked"
        resolved = (self.root / unquote(parts.path).lstrip("/")).resolve()
        if resolved != self.root and self.root not in resolved.parents:
            return f"outside the served root {self.root}"
        if is_hidden(unquote(parts.path)) or is_hidden(resolved.relative_to(self.root).as_posix()):
            return "hidden file (a name starting with a dot) not served"
        return None

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

"""Deadlines for browser operations, enforced from outside the page.

A JavaScript timer cannot fire while the page's own script spins (``while(true){}``), and a
pending ``evaluate`` is not always rejected when its page dies. So the deadline runs in
Playwright's event loop, which turns while the sync API waits: when it expires it closes the
page's browser context (ending whatever the page runs) and cancels the pending call, which then
raises :class:`DeadlineExceeded` in the caller. The page is gone afterwards: callers that reuse
a tab must open a fresh one (:meth:`BrowserSession.discard_tab`).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import weakref
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

#: How long closing a hung page's context may take before the pending call is cancelled anyway.
CLOSE_GRACE = 2.0


class DeadlineExceeded(Exception):
    """The operation did not finish in time; the page was closed."""


class _Watch:
    def __init__(self) -> None:
        self.expired = False


_CDP: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def _devtools(page: Any) -> Any:
    """A DevTools session on ``page`` (Chromium only), opened before it is needed: a hung page
    cannot be attached to, but a V8 isolate stuck in a loop can still be told to stop."""
    if page not in _CDP:
        try:
            _CDP[page] = page.context.new_cdp_session(page)
        except Exception:  # another browser, or the page is gone: closing the context still works
            _CDP[page] = None
    return _CDP[page]


def close_page(page: Any, seconds: float) -> None:
    """Close ``page``'s context, first ending any script it runs; never waits longer than ``seconds``."""
    with contextlib.suppress(Exception), deadline(page, seconds, "closing the page"):
        devtools = _CDP.get(page)
        if devtools is not None:
            devtools.send("Runtime.terminateExecution")
        page.context.close()


def _call(method: Callable[..., Awaitable[Any]], *args: Any, **optional: Any) -> Awaitable[Any]:
    """Call one of Playwright's internal async methods with the optional arguments it takes: newer
    releases made ``timeout`` (CDP ``send``) and ``reason`` (``close``) required, older ones lack them."""
    accepted = inspect.signature(method).parameters
    return method(*args, **{name: value for name, value in optional.items() if name in accepted})


async def _quietly(send: Callable[..., Awaitable[Any]], method: str, params: Any, timeout: Any) -> None:
    with contextlib.suppress(Exception):
        await _call(send, method, params=params, timeout=timeout)


async def _stop(context: Any, devtools: Any, watch: _Watch) -> None:
    watch.expired = True
    # The calls waiting now are the ones waiting for the dead page; taken before the awaits below,
    # because a caller may go on (its call failed as the page closed) and start calls of its own.
    waiting = [
        task
        for task in asyncio.all_tasks()
        if hasattr(task, "__pw_caller_frame__") and not task.done() and task is not asyncio.current_task()
    ]
    terminate = None
    if devtools is not None:
        # Ends the page's running script, so its renderer (which other pages may share) is free. Not
        # waited for: a session attached once the page already spun never answers, and closing the
        # context ends the script anyway.
        terminate = asyncio.ensure_future(_quietly(devtools.send, "Runtime.terminateExecution", None, None))
        await asyncio.sleep(0)  # sent before the close
    with contextlib.suppress(Exception):
        await asyncio.wait_for(_call(context.close, reason=None), CLOSE_GRACE)
    if terminate is not None:
        terminate.cancel()
    # The sync API waits on a task per call; the one waiting for the dead page is cancelled.
    for task in waiting:
        if not task.done():
            task.cancel()


@contextlib.contextmanager
def deadline(page: Any, seconds: float, what: str) -> Iterator[None]:
    """Run the block's Playwright calls on ``page`` with a deadline of ``seconds``.

    ``what`` names the operation in the error (``axe scan of index.html``).
    """
    loop = getattr(page, "_loop", None)
    impl = getattr(getattr(page, "context", None), "_impl_obj", None)
    if not isinstance(loop, asyncio.AbstractEventLoop) or impl is None:
        yield  # not a Playwright sync page (a test double): nothing to guard
        return
    watch = _Watch()
    devtools = getattr(_devtools(page), "_impl_obj", None)
    handle = loop.call_later(seconds, lambda: loop.create_task(_stop(impl, devtools, watch)))
    try:
        yield
    except BaseException:
        if watch.expired:
            raise DeadlineExceeded(_message(what, seconds)) from None
        raise
    finally:
        handle.cancel()
    if watch.expired:
        raise DeadlineExceeded(_message(what, seconds))


def _message(what: str, seconds: float) -> str:
    from ..units import format_duration

    return (
        f"{what} did not finish within {format_duration(seconds)}; the page was closed "
        "(its script may loop forever: a page that never yields cannot be scanned)"
    )

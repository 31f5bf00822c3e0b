"""Reading a URL: one deadline for the whole download and the size limit, each a `Rejected` when hit.

The deadline is `limits.FETCH_TIMEOUT_S`, or the seconds in $VERIFY_FETCH_TIMEOUT; the size limit is
`limits.MAX_FILE_BYTES`. The page is then read like an .html file.
"""

from __future__ import annotations

import os
import queue
import socket
import threading
import time

from verify.errors import InputError
from verify.ingest import limits
from verify.ingest.articles import Rejected, article_from_html, content_hash, rejection_reason
from verify.ingest.decode import decode_bytes
from verify.records import Article

FETCH_CHUNK = 64 * 1024  # bytes asked of one read: the deadline is checked between reads


def read_url(url: str) -> Article | Rejected:
    """The article of the page at `url`, or a `Rejected` naming why not (a limit hit, no network, no text)."""
    try:
        data, charset = fetch_url(url)
    except InputError as err:  # a limit was hit
        return Rejected(url, rejection_reason(err))
    except Exception as err:  # URLError, HTTP errors, refused connections: all say "could not fetch"
        return Rejected(url, _fetch_failure(err))
    if len(data) > limits.MAX_FILE_BYTES:
        return Rejected(url, too_large(limits.MAX_FILE_BYTES))
    try:
        html = data.decode(charset) if charset else decode_bytes(data)
    except (UnicodeDecodeError, LookupError):
        try:
            html = decode_bytes(data)
        except InputError as err:
            return Rejected(url, rejection_reason(err))
    except InputError as err:
        return Rejected(url, rejection_reason(err))
    try:
        return article_from_html(html, source=url, id="url-" + content_hash(url)[:16], url=url)
    except InputError as err:
        return Rejected(url, rejection_reason(err))


def _fetch_failure(err: Exception) -> str:
    """One line for a fetch that failed: the server's answer when there was one, else the network's."""
    from urllib.error import HTTPError

    if isinstance(err, HTTPError):
        # A redirect loop's message runs over several lines: keep the first.
        first = str(err.reason or err.msg or "").strip().splitlines()[0] if (err.reason or err.msg) else ""
        return f"could not fetch URL: the server answered HTTP {err.code}" + (f" ({first})" if first else "")
    reason = getattr(err, "reason", None) or err
    text = " ".join(str(reason).split())
    return f"could not fetch URL (no network?): {text}"


def _fetch_timeout() -> float:
    """The download deadline in seconds: $VERIFY_FETCH_TIMEOUT when set, else `limits.FETCH_TIMEOUT_S`."""
    raw = os.environ.get(limits.FETCH_TIMEOUT_ENV, "").strip()
    if not raw:
        return limits.FETCH_TIMEOUT_S
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):  # NaN fails too
        raise InputError(f"{limits.FETCH_TIMEOUT_ENV} must be a number of seconds above 0, got {raw!r}")
    return seconds


def _too_slow(seconds: float) -> str:
    return (f"took longer than {seconds:g} s to download; nothing was added from it "
            f"(set {limits.FETCH_TIMEOUT_ENV} to wait longer)")


def too_large(limit: int) -> str:
    size = f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit:,} bytes"
    return f"page is larger than {size}, the limit for one article; nothing was added from it"


def fetch_url(url: str) -> tuple[bytes, str | None]:
    """Download `url`; return its bytes and declared charset.

    Raise `InputError` when the deadline (`_fetch_timeout`) or the size limit (`limits.MAX_FILE_BYTES`) is hit;
    OSError or http.client's errors when the fetch fails. The download runs on a daemon thread and
    the caller stops waiting at the deadline, whatever the thread is doing: a socket timeout bounds
    each read, not their sum, and does not bound a DNS lookup at all. Giving up shuts the thread's
    sockets, so a read it is blocked in (a server trickling its headers) returns and the thread ends.
    """
    seconds = _fetch_timeout()
    deadline = time.monotonic() + seconds
    limit = limits.MAX_FILE_BYTES
    connections: list = []  # the thread's http.client connections, to shut on giving up
    outcome: queue.Queue = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            outcome.put((_download(url, deadline, limit, connections), None))
        except Exception as err:  # raised again on the caller's thread
            outcome.put((None, err))

    threading.Thread(target=work, name="verify-fetch", daemon=True).start()
    try:
        result, error = outcome.get(timeout=max(0.0, deadline - time.monotonic()))
    except queue.Empty:
        _shut(connections)
        raise InputError(_too_slow(seconds)) from None
    if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
        raise InputError(_too_slow(seconds)) from None
    if error is not None:
        raise error
    return result


def _download(url: str, deadline: float, limit: int, connections: list) -> tuple[bytes, str | None]:
    """`url`'s body and charset, read in chunks; TimeoutError past `deadline` (monotonic), InputError
    past `limit` bytes.

    The socket timeout is what is left of the deadline, so connecting or any one read gives up by
    then; between chunks the deadline itself is checked, since a server that sends a byte every few
    seconds never trips a socket timeout. `read1` returns what one read got, never waits for more.
    Each connection opened (redirects open more) is appended to `connections`.
    """
    import urllib.request

    class Listed(urllib.request.AbstractHTTPHandler):
        def do_open(self, http_class, req, **kwargs):
            def connection(*args, **kw):
                connections.append(http_class(*args, **kw))
                return connections[-1]

            return super().do_open(connection, req, **kwargs)

    class HTTP(Listed, urllib.request.HTTPHandler):
        pass

    class HTTPS(Listed, urllib.request.HTTPSHandler):
        pass

    request = urllib.request.Request(url, headers={"User-Agent": "verify/0.1 (+newsroom fact-checking)"})
    left = max(0.001, deadline - time.monotonic())
    with urllib.request.build_opener(HTTP, HTTPS).open(request, timeout=left) as response:
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise InputError(too_large(limit))
        chunks, size = [], 0
        while chunk := response.read1(FETCH_CHUNK):
            size += len(chunk)
            if size > limit:
                raise InputError(too_large(limit))
            if time.monotonic() > deadline:
                raise TimeoutError("download deadline passed")
            chunks.append(chunk)
        return b"".join(chunks), response.headers.get_content_charset()


def _shut(connections: list) -> None:
    """Shut the connections' sockets: a read blocked on one returns at once (closing does not do that)."""
    for connection in connections:
        sock = getattr(connection, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed

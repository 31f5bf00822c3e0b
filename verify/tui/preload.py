"""Read the index in a thread while Textual is imported and starts up (no Textual import here).

SQLite releases the GIL while it steps through rows, so reading 20k link rows overlaps with
importing and starting Textual, and the first paint comes sooner. A shared PostgreSQL index
(a `postgresql://` URL) is read the same way, over its connection.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from verify.errors import VerifyError
from verify.store.index import DB_NAME
from verify.store.postgres import is_postgres_url, open_store, redact
from verify.tui.model import BrowseModel


class Preload:
    """Opens the index at `path` and loads its rows in a daemon thread; `result()` waits for them.

    The result is a dict with one of: "model" (a loaded `BrowseModel`), "empty" (no index or no
    articles yet), or "error" (a one-line reason the index cannot be read).
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = path if is_postgres_url(path) else Path(path)
        self._result: dict = {}
        self._thread = threading.Thread(target=self._run, name="verify-preload", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._result = load_model(self.path)

    def result(self) -> dict:
        self._thread.join()
        return self._result


def index_exists(path: str | os.PathLike) -> bool:
    """Whether there may be an index to open: a URL always (its database says), a folder when it holds one."""
    return is_postgres_url(path) or (Path(path) / DB_NAME).is_file()


def _no_store_error() -> tuple[type[Exception], ...]:
    """The error of a database without verify's schema, if psycopg is there (else opening says what to install)."""
    try:
        from verify.store.postgres.migrations import NoStoreError
    except ImportError:
        return ()
    return (NoStoreError,)


def load_model(path: str | os.PathLike) -> dict:
    """What `Preload` computes, synchronously."""
    if is_postgres_url(path):
        shown = redact(path)
    else:
        path = Path(path)
        shown = str(path / DB_NAME)
        if path.exists() and not path.is_dir():
            return {"error": f"{path}: is a file, not an index directory"}
        if not index_exists(path):
            return {"empty": True}
    no_store = _no_store_error() if is_postgres_url(path) else ()
    try:
        index = open_store(path)
        if index.stats().articles == 0:
            index.close()
            return {"empty": True}
        model = BrowseModel(index)
        model.load()
        return {"model": model}
    except no_store:  # a new database: the empty screen says how to add articles (which makes the store)
        return {"empty": True}
    except VerifyError as exc:
        return {"error": str(exc)}
    except sqlite3.DatabaseError as exc:
        return {"error": f"{shown}: not a readable verify index ({exc})"}
    except Exception as exc:  # damaged rows (bad JSON, unknown enum values): a message, not a traceback
        return {"error": f"{shown}: not a readable verify index ({type(exc).__name__}: {exc})"}

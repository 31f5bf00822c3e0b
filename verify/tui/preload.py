"""Read the index in a thread while Textual is imported and starts up (no Textual import here).

SQLite releases the GIL while it steps through rows, so reading 20k link rows overlaps with
importing and starting Textual, and the first paint comes sooner.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from verify.errors import VerifyError
from verify.store.index import DB_NAME, ClaimIndex
from verify.tui.model import BrowseModel


class Preload:
    """Opens the index at `path` and loads its rows in a daemon thread; `result()` waits for them.

    The result is a dict with one of: "model" (a loaded `BrowseModel`), "empty" (no index or no
    articles yet), or "error" (a one-line reason the index cannot be read).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._result: dict = {}
        self._thread = threading.Thread(target=self._run, name="verify-preload", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._result = load_model(self.path)

    def result(self) -> dict:
        self._thread.join()
        return self._result


def load_model(path: Path) -> dict:
    """What `Preload` computes, synchronously."""
    if path.exists() and not path.is_dir():
        return {"error": f"{path}: is a file, not an index directory"}
    if not (path / DB_NAME).is_file():
        return {"empty": True}
    try:
        index = ClaimIndex.open(path)
        if index.stats().articles == 0:
            index.close()
            return {"empty": True}
        model = BrowseModel(index)
        model.load()
        return {"model": model}
    except VerifyError as exc:
        return {"error": str(exc)}
    except sqlite3.DatabaseError as exc:
        return {"error": f"{path / DB_NAME}: not a readable verify index ({exc})"}
    except Exception as exc:  # damaged rows (bad JSON, unknown enum values): a message, not a traceback
        return {"error": f"{path / DB_NAME}: not a readable verify index ({type(exc).__name__}: {exc})"}

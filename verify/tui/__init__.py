"""`verify browse`: the Textual browser. Only the CLI's `browse` command imports this package."""

from __future__ import annotations


def make_app(index_path, **options):
    """The browser app (see `verify.tui.app.make_app`).

    Starts reading the index first, then imports Textual: the two overlap (SQLite releases the GIL).
    """
    from verify.tui.preload import Preload

    options.setdefault("preload", Preload(index_path))
    from verify.tui.app import make_app as _make_app

    return _make_app(index_path, **options)

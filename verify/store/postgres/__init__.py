"""The claim index on a shared PostgreSQL database (team mode, issue #12); needs the `team` extra.

`open_store(spec, ...)` opens whichever store `spec` names: a `postgresql://` / `postgres://` URL
gives a `PostgresClaimIndex`, anything else the SQLite `ClaimIndex` folder. psycopg is imported
only when a PostgreSQL store is opened, so the embedded default works without it.
"""

from __future__ import annotations

import os
import re

from verify.errors import IndexError_

__all__ = ["PostgresClaimIndex", "Change", "open_store", "is_postgres_url", "redact"]

URL_SCHEMES = ("postgresql://", "postgres://")
# The password of `scheme://user:PASSWORD@host` (up to the last @: an unencoded @ in it is masked too)
# and of `?password=...` / `&password=...`.
_PASSWORD = re.compile(r"(://[^:/@\s]*):\S*@")
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&\s]*", re.IGNORECASE)


def is_postgres_url(spec) -> bool:
    """True for a PostgreSQL URL (postgresql:// or postgres://), False for an index folder."""
    return isinstance(spec, str) and spec.startswith(URL_SCHEMES)


def redact(spec: str | os.PathLike) -> str:
    """`spec` as it may be shown: any password in a URL replaced by ***; a folder as it is."""
    text = os.fspath(spec)
    return _PASSWORD_PARAM.sub(r"\1***", _PASSWORD.sub(r"\1:***@", text))


_MISSING = ("PostgreSQL support is not installed: pip install 'verify[team]' (or: pip install 'psycopg[binary]')")


def open_store(spec: str | os.PathLike, *, create: bool = False, writable: bool = False, user: str | None = None):
    """The index `spec` names, opened as asked: PostgreSQL for a postgresql:// URL, else the SQLite folder.
    `user` (who made a verdict or rating) is recorded by the PostgreSQL store only."""
    if is_postgres_url(spec):
        try:
            from verify.store.postgres.store import PostgresClaimIndex
        except ModuleNotFoundError as exc:
            if (exc.name or "").startswith("psycopg"):
                raise IndexError_(f"{redact(spec)}: {_MISSING}") from None
            raise
        return PostgresClaimIndex.open(spec, create=create, writable=writable, user=user)
    from verify.store import ClaimIndex

    return ClaimIndex.open(spec, create=create, writable=writable)


def __getattr__(name: str):
    if name == "PostgresClaimIndex":
        from verify.store.postgres.store import PostgresClaimIndex

        return PostgresClaimIndex
    if name == "Change":
        from verify.store.postgres.rows import Change

        return Change
    raise AttributeError(name)

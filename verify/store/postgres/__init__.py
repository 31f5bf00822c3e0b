"""The claim index on a shared PostgreSQL database (team mode, issue #12); needs the `team` extra.

`open_store(spec, ...)` opens whichever store `spec` names: a `postgresql://` / `postgres://` URL
gives a `PostgresClaimIndex`, anything else the SQLite `ClaimIndex` folder. psycopg is imported
only when a PostgreSQL store is opened, so the embedded default works without it.
"""

from __future__ import annotations

import os
import re

from verify.errors import IndexError_

__all__ = ["PostgresClaimIndex", "Change", "open_store", "is_postgres_url"]


def is_postgres_url(spec) -> bool:
    """True for a PostgreSQL URL (postgresql:// or postgres://), False for an index folder."""
    return isinstance(spec, str) and spec.startswith(("postgresql://", "postgres://"))


_MISSING = ("PostgreSQL support is not installed: pip install 'verify[team]' (or: pip install 'psycopg[binary]')")


def open_store(spec: str | os.PathLike, *, create: bool = False, writable: bool = False, user: str | None = None):
    """The index `spec` names, opened as asked: PostgreSQL for a postgresql:// URL, else the SQLite folder.
    `user` (who made a verdict or rating) is recorded by the PostgreSQL store only."""
    if is_postgres_url(spec):
        try:
            from verify.store.postgres.store import PostgresClaimIndex
        except ModuleNotFoundError as exc:
            if (exc.name or "").startswith("psycopg"):
                shown = re.sub(r"(://[^:/@\s]*):[^@\s]*@", r"\1:***@", spec)
                raise IndexError_(f"{shown}: {_MISSING}") from None
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

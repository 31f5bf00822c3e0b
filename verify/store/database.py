"""Opening the index's SQLite database: the schema (made, or migrated from an older version), the
`.open` lock of a writing process, and the one-line refusals of a missing, read-only, foreign or
damaged index.

A writable open creates the schema in one transaction, so a process killed while creating an index
leaves no half-made schema; a read-only open first rolls back a journal a killed writer left.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from importlib import resources
from pathlib import Path
from typing import IO, NamedTuple

from verify.errors import IndexError_

SCHEMA_VERSION = 2
# Schema 1 lacks claims.side_spans: opened writable it gains the column, read-only it reads as before.
_READABLE_SCHEMAS = (1, 2)
DB_NAME = "verify.sqlite"
OPEN_LOCK = ".open"


class OpenDatabase(NamedTuple):
    """What `open_database` hands `ClaimIndex`: the connection, whether it may write, and the shared
    `.open` lock a writing process holds until it closes the index (None when read-only)."""

    db: sqlite3.Connection
    writable: bool
    open_lock: IO | None


def open_database(path: Path, *, create: bool, writable: bool) -> OpenDatabase:
    """Connect to the index database in `path`; with `create`, make the folder and schema if missing.

    `create` implies `writable`. Raises `IndexError_` with a one-line reason for a missing, read-only,
    foreign or corrupt index, or a schema this verify cannot read.
    """
    db_path = path / DB_NAME
    _prepare_folder(path, db_path, create=create)
    open_lock = None
    if writable or create:
        open_lock = _open_for_writing(path, db_path)
        writable = True
    else:
        _roll_back_hot_journal(path)
    try:
        db = _connect(db_path, writable=writable)
        if writable:
            _create_or_migrate(db)
        version = _schema_version(db, path, db_path)
    except sqlite3.DatabaseError as exc:
        if open_lock is not None:
            open_lock.close()
        if "readonly" in str(exc) and (path / f"{DB_NAME}-journal").exists():
            raise IndexError_(f"{path}: a write was interrupted and its journal must be rolled back, which "
                              "needs write access to the index folder; the last committed state is intact: "
                              "run `verify check` as a user who can write there") from None
        raise IndexError_(f"{db_path}: not a readable verify index ({exc}); run `verify check --index {path}`, "
                          "or restore a backup") from None
    if version is None or not version[0].isdigit() or int(version[0]) not in _READABLE_SCHEMAS:
        found = version[0] if version else "none"
        if open_lock is not None:
            open_lock.close()
        if found.isdigit() and int(found) > SCHEMA_VERSION:
            # A newer verify wrote it: a rebuild by this one would have to read it first, and cannot.
            raise IndexError_(f"{db_path}: index schema version {found} was written by a newer verify (this one "
                              f"reads up to {SCHEMA_VERSION}); upgrade verify to open it")
        raise IndexError_(f"{db_path}: index schema version {found}, this verify reads {SCHEMA_VERSION}; "
                          "it is not an index this verify can open or rebuild: restore a backup, or add the "
                          "articles again into a new index")
    return OpenDatabase(db, writable, open_lock)


def _prepare_folder(path: Path, db_path: Path, *, create: bool) -> None:
    """Refuse a path that is a file or holds no index; with `create`, make the folder."""
    if path.exists() and not path.is_dir():
        raise IndexError_(f"{path}: is a file, not an index directory; give a folder with --index")
    if not db_path.exists():
        if not create:
            raise IndexError_(f"{path}: no verify index here; create one with `verify add FILES --index {path}`")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexError_(f"{path}: cannot create the index directory: {exc.strerror}") from None


def _open_for_writing(path: Path, db_path: Path) -> IO:
    """The `.open` lock of a writing process, after refusing a read-only folder or database."""
    if not os.access(path, os.W_OK) or (db_path.exists() and not os.access(db_path, os.W_OK)):
        raise IndexError_(f"{path}: the index directory is read-only; nothing was changed")
    try:
        return _hold_open_lock(path)
    except OSError as exc:
        raise IndexError_(f"{path}: cannot open the index for writing: {exc.strerror}") from None


def _connect(db_path: Path, *, writable: bool) -> sqlite3.Connection:
    if writable:
        db = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    else:
        db = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    return db


def _create_or_migrate(db: sqlite3.Connection) -> None:
    """Make the schema if missing (one transaction: a process killed while creating the index leaves
    no half-made schema), and bring a schema 1 index to the current version."""
    schema = resources.files("verify.store").joinpath("schema.sql").read_text()
    db.executescript(f"BEGIN IMMEDIATE;\n{schema}\nINSERT OR IGNORE INTO meta VALUES "
                     f"('schema_version', '{SCHEMA_VERSION}');\nCOMMIT;")
    cur = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if cur[0] == "1":
        # Claims stored before have no side clauses (NULL); `verify rebuild` parses them anew.
        with db:
            db.execute("ALTER TABLE claims ADD COLUMN side_spans TEXT")
            db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))


def _schema_version(db: sqlite3.Connection, path: Path, db_path: Path) -> sqlite3.Row | None:
    """The `meta` row of the schema version; `IndexError_` for a database that is not a verify index."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        db.close()
        if tables:
            raise IndexError_(f"{db_path}: not a readable verify index (a SQLite database without "
                              f"verify's tables: {', '.join(sorted(tables)[:3])})")
        raise IndexError_(f"{path}: no verify index here (its creation was interrupted before anything "
                          f"was stored); create one with `verify add FILES --index {path}`")
    return db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()


def _roll_back_hot_journal(path: Path) -> None:
    """A write that died mid-commit leaves a hot journal, which a read-only connection cannot roll
    back ("attempt to write a readonly database"): nothing is corrupt, the last commit is intact.
    Roll it back with a short writable connection when the folder allows it, else say what it is."""
    journal = path / f"{DB_NAME}-journal"
    try:
        if journal.stat().st_size == 0:
            return
    except FileNotFoundError:
        return
    if not (os.access(path, os.W_OK) and os.access(path / DB_NAME, os.W_OK)):
        return  # a live writer's journal, or one we cannot roll back: the read-only open tells which
    try:
        db = sqlite3.connect(path / DB_NAME, isolation_level=None, timeout=10)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # the first read rolls a hot journal back
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise IndexError_(f"{path / DB_NAME}: not a readable verify index ({exc}); run `verify check --index "
                          f"{path}`, or restore a backup") from None


def _hold_open_lock(path: Path):
    """A shared flock on `path/.open`, held while this process has the index open for writing.

    A discarding process (`ClaimIndex.discard_if_unused`) takes it exclusively and unlinks it; if
    that happened between our open() and our flock(), the file we hold is no longer the one at the
    path, and we start again on a fresh one (the usual lock-file-with-unlink pattern).
    """
    lock_path = path / OPEN_LOCK
    while True:
        path.mkdir(parents=True, exist_ok=True)
        try:
            fh = open(lock_path, "a+")
        except FileNotFoundError:  # the folder went away between mkdir and open: make it again
            continue
        fcntl.flock(fh, fcntl.LOCK_SH)
        try:
            current = os.stat(lock_path).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(fh.fileno()).st_ino:
            return fh
        fh.close()

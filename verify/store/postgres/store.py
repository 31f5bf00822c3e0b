"""`PostgresClaimIndex`: the claim index on a shared PostgreSQL database, for a desk of many people.

The same interface as `ClaimIndex` (the SQLite store), so the pipeline, reports and TUI use either.
What differs is how many processes share it:

- `batch()` is one database transaction. Writers serialise on a transaction-level advisory lock
  (as SQLite writers do on their flock), taken by the batch's first read or write, so an ingest job
  sees every batch committed before its own: two jobs never add the same article twice nor lose a
  link. Verdicts and ratings need no such lock (row locks and foreign keys keep them right), so
  fact-checkers do not wait for ingest. Each committed batch bumps `store_state.generation` and
  sends `NOTIFY verify_changed`.
- Readers see each committed batch whole; `refresh()` costs one tiny query when nothing changed.
- Vector search stays FAISS: the process keeps a mirror of the database's vectors (`mirror.py`),
  loaded on first use and then brought up to date with new and removed rows only.
- Verdicts and ratings record who (`user`, by default the login name) and when; every change is
  kept (`verdict_history`, `rating_history`, `changes`).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import threading
from collections.abc import Iterator

import numpy as np
import psycopg

from verify.errors import IndexError_
from verify.store.index import ModelInfo, Stats
from verify.store.postgres.connect import SCHEMA, connect, db_errors, display_name
from verify.store.postgres.migrations import WRITE_LOCK, prepare
from verify.store.postgres.mirror import VectorMirror
from verify.store.postgres.reads import Reads
from verify.store.postgres.rows import first
from verify.store.postgres.writes import Writes

NOTIFY_CHANNEL = "verify_changed"


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no USER variable and no passwd entry (a bare container)
        return "unknown"


class PostgresClaimIndex(Reads, Writes):
    """Articles, claims, their vectors and links in a PostgreSQL database shared by many processes.

    Open with `PostgresClaimIndex.open("postgresql://USER@HOST/DB", writable=..., create=..., user=...)`;
    read freely; write inside `with index.batch():`. `path` is the URL without its password.
    """

    def __init__(self, url: str, display: str, conn: psycopg.Connection, *, writable: bool, user: str):
        self._url = url
        self.path = display
        self.writable = writable
        self.user = user
        self._conn = conn
        self._lock = threading.RLock()  # one thread at a time on the connection; a batch holds it throughout
        self._in_batch = False
        self._deleted_in_batch = False
        self._writer_locked = False  # this batch holds the writer lock
        self._lock_free = False  # running a write that needs no writer lock (verdicts, ratings)
        self._mirror: VectorMirror | None = None
        self._model: ModelInfo | None = None
        self._listener: psycopg.Connection | None = None
        self._role = conn.info.user  # the database role, named in permission errors
        self._generation = self._read_generation()

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, url: str | os.PathLike, *, create: bool = False, writable: bool = False,
             user: str | None = None) -> PostgresClaimIndex:
        """Connect; with `create`, make the store's tables if the database has none. Writable opens apply
        pending schema migrations. Raises `IndexError_` with a one-line reason for anything a user can fix."""
        url = os.fspath(url)
        display = display_name(url)
        writable = writable or create
        user = user or login_name()
        conn = connect(url, display, user=user, read_only=not writable)
        try:
            prepare(conn, display, create=create, writable=writable)
            return cls(url, display, conn, writable=writable, user=user)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        for conn in (self._conn, self._listener):
            if conn is not None:
                conn.close()
        self._listener = None

    def discard_if_unused(self, *, keep_dir: bool) -> bool:
        """A shared database is never removed: close it, and say nothing was discarded."""
        self.close()
        return False

    def __enter__(self) -> PostgresClaimIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------- the connection
    @contextlib.contextmanager
    def _db(self) -> Iterator[psycopg.Connection]:
        """The connection, for this thread alone, with user-caused errors as one-line `IndexError_`s.
        A connection lost between batches (a server restart) is made again."""
        with self._lock, db_errors(self.path, self._role):
            if self._conn.closed and not self._in_batch:
                self._conn = connect(self._url, self.path, user=self.user, read_only=not self.writable)
            if self._in_batch and not (self._writer_locked or self._lock_free):
                self._take_writer_lock(self._conn)
            yield self._conn

    def _take_writer_lock(self, conn: psycopg.Connection) -> None:
        """A batch's first read or write (other than verdicts and ratings) waits for the writers before it,
        then starts from their state, as the SQLite store's batches do."""
        self._writer_locked = True
        conn.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", WRITE_LOCK)
        if self._mirror is not None:
            if int(first(conn.execute("SELECT generation FROM store_state").fetchone())) != self._generation:
                self._mirror.catch_up(conn)

    @contextlib.contextmanager
    def _without_writer_lock(self) -> Iterator[None]:
        """For writes that need no writer lock: verdicts and ratings touch no vectors and hand out no
        ids, and row locks and foreign keys keep them right, so a fact-checker never waits for an
        ingest batch to finish linking."""
        previous, self._lock_free = self._lock_free, True
        try:
            yield
        finally:
            self._lock_free = previous

    def _all(self, sql: str, args=None) -> list[tuple]:
        with self._db() as conn:
            return conn.execute(sql, args).fetchall()

    def _one(self, sql: str, args=None) -> tuple | None:
        with self._db() as conn:
            return conn.execute(sql, args).fetchone()

    def _many(self, sql: str, rows: list) -> None:
        if rows:
            with self._db() as conn, conn.cursor() as cur:
                cur.executemany(sql, rows)

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[psycopg.Connection]:
        """Several reads that see one committed state (inside a batch: the batch's own state)."""
        with self._db() as conn:
            if self._in_batch or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                yield conn  # already inside one
                return
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                yield conn
            except BaseException:
                _rollback_quietly(conn)
                raise
            conn.execute("COMMIT")

    # ------------------------------------------------------------------- state
    @property
    def model(self) -> ModelInfo | None:
        """Which encoder made the vectors (bound once, by the first batch that stores any)."""
        if self._model is None:
            meta = dict(self._all("SELECT key, value FROM meta"
                                  " WHERE key IN ('model_name', 'model_fingerprint', 'model_dim')"))
            if "model_name" in meta:
                self._model = ModelInfo(meta["model_name"], meta.get("model_fingerprint", ""),
                                        int(meta.get("model_dim") or 0))
        return self._model

    def _read_generation(self) -> int:
        return int(first(self._one("SELECT generation FROM store_state")))

    @property
    def generation(self) -> int:
        """Bumped by every committed write batch, by any process; a fresh read each time."""
        return self._read_generation()

    def refresh(self) -> bool:
        """Catch up with batches other processes committed; True if there were any.

        One small query when nothing changed; otherwise the FAISS mirror (if loaded) takes the new
        and removed vectors only."""
        if self._read_generation() == self._generation:
            return False
        with self._snapshot() as conn:
            generation = int(first(conn.execute("SELECT generation FROM store_state").fetchone()))
            if self._mirror is not None:
                self._mirror.catch_up(conn)
        self._generation = generation  # only once caught up: a failure half-way is retried next time
        return True

    def wait_for_change(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for another process's commit (LISTEN verify_changed); True if the
        store may have changed since the last `refresh()` (then call it)."""
        with db_errors(self.path):
            if self._listener is None:
                self._listener = connect(self._url, self.path, user=self.user, read_only=True)
                self._listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
            if self._read_generation() != self._generation:
                return True
            for _ in self._listener.notifies(timeout=timeout, stop_after=1):
                return True
        return False

    def check_model(self, requested: str | None) -> None:
        """Refuse to use this store with another model than the one that made its vectors."""
        model = self.model
        if model is not None and requested is not None and requested != model.name:
            raise IndexError_(f"{self.path}: this index was built with model '{model.name}', not '{requested}'; "
                              f"use --model {model.name}")

    def bind_model(self, name: str, fingerprint: str, dim: int) -> None:
        """Record the encoder for a new store, or check it against the one recorded."""
        model = self.model
        if model is None:
            self._require_batch()
            self._many("INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = "
                       "EXCLUDED.value", [("model_name", name), ("model_fingerprint", fingerprint),
                                          ("model_dim", str(int(dim)))])
            self._model = ModelInfo(name, fingerprint, int(dim))
            return
        self.check_model(name)
        if model.fingerprint != fingerprint or model.dim != dim:
            raise IndexError_(f"{self.path}: model '{name}' has changed since this index was built (fingerprint "
                              f"{fingerprint} != {model.fingerprint}); build a new database with it")

    # ------------------------------------------------------------------ vectors
    @property
    def vectors(self):
        """The FAISS mirror of the database's vectors (a `VectorStore`), loaded on first use."""
        if self._mirror is None:
            model = self.model
            if model is None:
                raise IndexError_(f"{self.path}: the index has no model yet; add articles first")
            with self._snapshot() as conn:
                self._mirror = VectorMirror.load(conn, model.dim)
        return self._mirror.store

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """k nearest claims for each query vector: (scores, claim ids), -1 where fewer exist."""
        if self.model is None:
            return (np.zeros((len(vectors), k), np.float32), np.full((len(vectors), k), -1, np.int64))
        return self.vectors.search(vectors, k)

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def batch(self) -> Iterator[PostgresClaimIndex]:
        """All writes inside land together, in one transaction, or not at all.

        The batch's first read or write takes the writer lock (held until it commits), except for
        verdicts and ratings, which need none."""
        if not self.writable:
            raise IndexError_(f"{self.path}: index opened read-only")
        with self._lock:
            if self._in_batch:
                raise RuntimeError("index batches do not nest")
            with self._db() as conn:
                conn.execute("BEGIN")
            self._in_batch, self._deleted_in_batch, self._writer_locked = True, False, False
            try:
                yield self
                generation = self._commit()
            except BaseException:
                self._abort()
                raise
            finally:
                self._in_batch = False
            self._generation = generation

    def _commit(self) -> int:
        with self._without_writer_lock(), self._db() as conn:
            generation = int(first(conn.execute(
                "WITH g AS (UPDATE store_state SET generation = generation + 1 RETURNING generation)"
                " SELECT generation, pg_notify(%s, generation::text) FROM g", (NOTIFY_CHANNEL,)).fetchone()))
            if self._mirror is not None and self._deleted_in_batch:
                # Our own removals are in the mirror already; under the lock nobody else logged any.
                self._mirror.last_deletion = int(
                    first(conn.execute("SELECT coalesce(max(id), 0) FROM claim_deletions").fetchone()))
            conn.execute("COMMIT")
        return generation

    def _abort(self) -> None:
        """Roll the transaction back and forget in-memory changes: the mirror reloads when next needed."""
        self._mirror = None
        self._model = None
        if not self._conn.closed:
            _rollback_quietly(self._conn)

    # ------------------------------------------------------------------ safety
    def backup(self, dest) -> None:
        raise IndexError_(f"{self.path}: a PostgreSQL index is backed up with pg_dump, not `verify backup`: "
                          "pg_dump --format=custom --file=verify.dump DBNAME (see docs/TEAM.md)")

    def check(self) -> list[str]:
        """Problems found, each naming the way out; [] for a sound store."""
        problems = []
        model = self.model
        with self._snapshot() as conn:
            claims = first(conn.execute("SELECT count(*) FROM claims").fetchone())
            if model is None and claims:
                problems.append(f"{self.path}: {claims} claims but no model recorded; build a new database")
            if model is not None:
                bad = first(conn.execute("SELECT count(*) FROM claims WHERE length(vector) <> %s",
                                         (model.dim * 4,)).fetchone())
                if bad:
                    problems.append(f"{self.path}: {bad} claims hold vectors of another size than the model's "
                                    f"{model.dim} dimensions; add their articles again")
            holder = conn.execute(
                "SELECT l.pid, a.usename, date_trunc('second', now() - a.xact_start) FROM pg_locks l"
                " LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                " AND l.classid = %s::bigint::oid AND l.objid = %s::bigint::oid AND l.objsubid = 2 AND l.granted"
                " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                WRITE_LOCK).fetchone()
        if holder is not None:
            pid, who, since = holder
            problems.append(f"{self.path}: a writer holds the lock now (server pid {pid}, role {who}, for {since});"
                            " check again when it ends; if it never does, end it with SELECT "
                            f"pg_terminate_backend({pid})")
        return problems

    def stats(self) -> Stats:
        with self._snapshot() as conn:
            one = lambda q, args=None: first(conn.execute(q, args).fetchone())  # noqa: E731
            links = dict(conn.execute("SELECT relation, count(*) FROM links GROUP BY relation").fetchall())
            versions = dict(conn.execute("SELECT version, count(*) FROM links GROUP BY version").fetchall())
            size = one("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n"
                       " ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'", (SCHEMA,))
            return Stats(articles=one("SELECT count(*) FROM articles"), claims=one("SELECT count(*) FROM claims"),
                         links=links, model=self.model, index_bytes=int(size), path=self.path,
                         link_versions=versions)


def _rollback_quietly(conn: psycopg.Connection) -> None:
    with contextlib.suppress(psycopg.Error):
        conn.execute("ROLLBACK")

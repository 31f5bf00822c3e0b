"""The on-disk claim index: a SQLite metadata store plus a vector store, kept in step.

Layout of an index directory:

    verify.sqlite            articles, claims, entities, aliases, links, verdicts, meta
    vectors-000042.faiss     the vector store of generation 42 (the one `meta.vectors_file` names)
    .lock                    taken (flock) by the one process that writes at a time
    .open                    held shared (flock) by every process that has the index open for writing,
                             so a failed add only removes a new index that nobody else is using

Atomicity: a write batch first saves the vector store under a *new* generation's file name
(temp file, fsync, rename), then commits the SQLite transaction that names that file. A crash
before the commit leaves the database naming the previous file, which is still there; a crash
after it leaves an orphan file that the next writer deletes. So the database and the FAISS file
it names always agree, whatever moment the process dies.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import fcntl
import json
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Sequence

import numpy as np

from verify.errors import IndexError_
from verify.records import Article, Claim, Entity, Link, OffsetMap, Polarity, QuoteKind, Relation

SCHEMA_VERSION = 2
# Schema 1 lacks claims.side_spans: opened writable it gains the column, read-only it reads as before.
_READABLE_SCHEMAS = (1, 2)
DB_NAME = "verify.sqlite"
OPEN_LOCK = ".open"


_VECTORS_NAME = re.compile(r"vectors-\d{6}\.faiss")


def _checked_vectors_name(path: Path, name: str) -> str:
    """The vector file name the database gives, if it is one verify writes: never a path elsewhere."""
    if not _VECTORS_NAME.fullmatch(name or ""):
        raise IndexError_(f"{path}: the database names {name!r} as its vector file, which verify never writes; "
                          f"the index is damaged: restore a backup or run `verify rebuild --index {path}`")
    return name


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


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """Which encoder made the vectors: an index only ever holds vectors of one model."""

    name: str
    fingerprint: str
    dim: int


class LinkSummary(NamedTuple):
    """One link with just what a list row shows: no entities, no article text (cheap for 20k rows).

    A named tuple rather than a frozen dataclass: building 20k of them is 3x faster.
    """

    a: int
    b: int
    relation: str
    score: float
    verdict: str | None
    created_at: str
    a_article: str
    b_article: str
    a_speaker: str | None
    b_speaker: str | None
    a_side: str | None
    b_side: str | None
    a_text: str
    b_text: str
    a_date: str | None  # the articles' dates, for "newest story first"
    b_date: str | None


class ClaimSummary(NamedTuple):
    """One claim with just what a list row shows, plus how many links it has."""

    id: int
    article_id: str
    speaker: str | None
    side: str | None
    polarity: str
    text: str
    date: str | None
    links: int


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    claims: int
    links: dict[str, int]
    model: ModelInfo | None
    index_bytes: int
    path: str
    link_versions: dict[str, int] = field(default_factory=dict)  # matcher version -> links it made


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class ClaimIndex:
    """Articles, claims, their vectors and links, under one directory.

    Open with `ClaimIndex.open(path)`; read freely; write inside `with index.batch():` so that all
    changes of the batch land together or not at all.
    """

    def __init__(self, path: Path, db: sqlite3.Connection, writable: bool, open_lock=None):
        self.path = path
        self._db = db
        self.writable = writable
        self._open_lock = open_lock
        self._vectors = None  # loaded on first use: listing claims needs no FAISS
        self._vectors_file: str | None = self._meta("vectors_file")
        self._lock_fh = None
        self._dirty_vectors = False

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, writable: bool = False) -> "ClaimIndex":
        """Open the index at `path`; with `create`, make it if it does not exist.

        Raises `IndexError_` with a one-line reason for a missing, read-only, foreign or corrupt index.
        """
        path = Path(path)
        db_path = path / DB_NAME
        if path.exists() and not path.is_dir():
            raise IndexError_(f"{path}: is a file, not an index directory; give a folder with --index")
        if not db_path.exists():
            if not create:
                raise IndexError_(f"{path}: no verify index here; create one with `verify add FILES --index {path}`")
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise IndexError_(f"{path}: cannot create the index directory: {exc.strerror}") from None
        open_lock = None
        if writable or create:
            if not os.access(path, os.W_OK) or (db_path.exists() and not os.access(db_path, os.W_OK)):
                raise IndexError_(f"{path}: the index directory is read-only; nothing was changed")
            writable = True
            try:
                open_lock = _hold_open_lock(path)
            except OSError as exc:
                raise IndexError_(f"{path}: cannot open the index for writing: {exc.strerror}") from None
        if not writable:
            _roll_back_hot_journal(path)
        try:
            if writable:
                db = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
            else:
                db = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                     check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 10000")
            if writable:
                # One transaction: a process killed while creating the index leaves no half-made schema.
                schema = resources.files("verify.store").joinpath("schema.sql").read_text()
                db.executescript(f"BEGIN IMMEDIATE;\n{schema}\nINSERT OR IGNORE INTO meta VALUES "
                                 f"('schema_version', '{SCHEMA_VERSION}');\nCOMMIT;")
                cur = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                if cur[0] == "1":
                    # Claims stored before have no side clauses (NULL); `verify rebuild` parses them anew.
                    with db:
                        db.execute("ALTER TABLE claims ADD COLUMN side_spans TEXT")
                        db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "meta" not in tables:
                db.close()
                if tables:
                    raise IndexError_(f"{db_path}: not a readable verify index (a SQLite database without "
                                      f"verify's tables: {', '.join(sorted(tables)[:3])})")
                raise IndexError_(f"{path}: no verify index here (its creation was interrupted before anything "
                                  f"was stored); create one with `verify add FILES --index {path}`")
            version = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
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
            raise IndexError_(f"{db_path}: index schema version {found}, this verify reads {SCHEMA_VERSION}; "
                              "rebuild it with `verify rebuild`")
        return cls(path, db, writable, open_lock)

    def close(self) -> None:
        self._db.close()
        self._release_lock()
        if self._open_lock is not None:
            self._open_lock.close()
            self._open_lock = None

    def discard_if_unused(self, *, keep_dir: bool) -> bool:
        """Remove this index if it holds nothing and no other process has it open; close it either way.

        For an add that created the index and then stored nothing (every input rejected): it leaves
        nothing behind, yet never removes an index another process has opened in the meantime or
        committed to. The folder itself stays when `keep_dir` (it was there before). True if removed.
        """
        if self._open_lock is None:
            self.close()
            return False
        try:
            fcntl.flock(self._open_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another process has it open: it is theirs now
            self.close()
            return False
        try:
            unused = self.generation == 0 and self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
            self._db.close()
            self._release_lock()
            if not unused:
                return False
            for name in (DB_NAME, f"{DB_NAME}-journal", f"{DB_NAME}-wal", f"{DB_NAME}-shm", ".lock", OPEN_LOCK):
                with contextlib.suppress(FileNotFoundError):
                    (self.path / name).unlink()
            for vectors in self.path.glob("vectors-*.faiss*"):
                vectors.unlink(missing_ok=True)
            if not keep_dir:
                with contextlib.suppress(OSError):  # not empty: someone else's files arrived; leave them
                    self.path.rmdir()
            return True
        finally:
            self._open_lock.close()
            self._open_lock = None

    def __enter__(self) -> "ClaimIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------- meta
    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def model(self) -> ModelInfo | None:
        name = self._meta("model_name")
        if name is None:
            return None
        return ModelInfo(name, self._meta("model_fingerprint") or "", int(self._meta("model_dim") or 0))

    @property
    def generation(self) -> int:
        """Bumped by every committed write batch; readers poll it to notice another process's add."""
        return int(self._meta("generation") or 0)

    def refresh(self) -> bool:
        """Re-read state written by another process; True if something changed."""
        current = self._meta("vectors_file")
        if current != self._vectors_file:
            self._vectors_file = current
            self._vectors = None
            return True
        return False

    def check_model(self, requested: str | None) -> None:
        """Refuse to use this index with another model than the one that made its vectors."""
        model = self.model
        if model is not None and requested is not None and requested != model.name:
            raise IndexError_(
                f"{self.path}: this index was built with model '{model.name}', not '{requested}'; "
                f"use --model {model.name}, or rebuild it with `verify rebuild --model {requested} --index {self.path}`")

    def bind_model(self, name: str, fingerprint: str, dim: int) -> None:
        """Record the encoder for a new index, or check it against the one recorded."""
        model = self.model
        if model is None:
            self._require_batch()
            self._set_meta("model_name", name)
            self._set_meta("model_fingerprint", fingerprint)
            self._set_meta("model_dim", str(dim))
            return
        self.check_model(name)
        if model.fingerprint != fingerprint or model.dim != dim:
            raise IndexError_(
                f"{self.path}: model '{name}' has changed since this index was built "
                f"(fingerprint {fingerprint} != {model.fingerprint}); rebuild it with `verify rebuild --index {self.path}`")

    # ------------------------------------------------------------------ vectors
    @property
    def vectors(self):
        """The vector store (FAISS behind the `VectorStore` protocol), loaded on first use."""
        if self._vectors is None:
            from verify.store.vectors import FaissFlatStore

            model = self.model
            if self._vectors_file is None:
                if model is None:
                    raise IndexError_(f"{self.path}: the index has no model yet; add articles first")
                self._vectors = FaissFlatStore(model.dim)
            else:
                self._vectors = self._load_vectors(model.dim)
        return self._vectors

    def _load_vectors(self, dim: int, attempts: int = 5):
        """Load the generation the database names. A writer may commit a newer one (and delete this
        file) between our read of its name and our open: then read the name again and load that."""
        from verify.store.vectors import FaissFlatStore

        for attempt in range(attempts):
            name, expected = self._vectors_file, int(self._meta("vectors_count") or 0)
            file = self.path / _checked_vectors_name(self.path, name)
            try:
                vectors = FaissFlatStore.load(file, dim)
            except (RuntimeError, ValueError, OSError) as exc:
                problem = f"cannot read the vector file ({exc})"
            else:
                if len(vectors) == expected:
                    return vectors
                problem = f"holds {len(vectors)} vectors, the database expects {expected}"
            self._vectors_file = self._meta("vectors_file")
            if self._vectors_file == name and attempt > 0:
                break  # the same generation failed twice: damage, not a race
        raise IndexError_(f"{file}: {problem}; run `verify check --index {self.path}`, then "
                          f"`verify rebuild --index {self.path}` or restore a backup")

    # ------------------------------------------------------------------ writing
    def _take_lock(self) -> None:
        if self._lock_fh is None:
            self._lock_fh = open(self.path / ".lock", "a+")
            fcntl.flock(self._lock_fh, fcntl.LOCK_EX)

    def _release_lock(self) -> None:
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None

    def _require_batch(self) -> None:
        if not self._db.in_transaction:
            raise RuntimeError("index writes must happen inside `with index.batch():`")

    @contextlib.contextmanager
    def batch(self) -> Iterator["ClaimIndex"]:
        """All writes inside land together: vectors saved under a new generation, then one commit."""
        if not self.writable:
            raise IndexError_(f"{self.path}: index opened read-only")
        self._take_lock()
        try:
            # Another writer may have committed since we opened: start from its state.
            self._db.execute("BEGIN IMMEDIATE")
            self.refresh()
            new_file = None
            try:
                yield self
                if self._dirty_vectors:
                    generation = self.generation + 1
                    new_file = f"vectors-{generation:06d}.faiss"
                    self.vectors.save(self.path / new_file)
                    self._set_meta("vectors_file", new_file)
                    self._set_meta("vectors_count", str(len(self.vectors)))
                self._set_meta("generation", str(self.generation + 1))
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                self._vectors = None  # drop in-memory changes; reload the committed file when needed
                self._dirty_vectors = False
                if new_file is not None:  # a half-written generation (disk full, I/O error) goes
                    for leftover in (self.path / new_file, self.path / f"{new_file}.tmp"):
                        leftover.unlink(missing_ok=True)
                if _is_storage_error(exc):
                    raise IndexError_(f"{self.path}: cannot write the index ({_storage_reason(exc)}); nothing of "
                                      "this batch was stored and the index is as it was: free space and run "
                                      "the command again") from None
                raise
            if new_file is not None:
                self._vectors_file = new_file
                self._dirty_vectors = False
            self._remove_orphans()
        finally:
            self._release_lock()

    def _remove_orphans(self) -> None:
        for file in self.path.glob("vectors-*.faiss*"):
            if file.name != self._vectors_file:
                with contextlib.suppress(OSError):
                    file.unlink()

    def article_hash(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT content_hash FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def remove_article(self, article_id: str) -> int:
        """Drop an article with its claims, vectors and links; returns the number of claims removed."""
        self._require_batch()
        ids = np.array([r[0] for r in self._db.execute("SELECT id FROM claims WHERE article_id=?", (article_id,))],
                       dtype=np.int64)
        if len(ids):
            self.vectors.remove(ids)
            self._dirty_vectors = True
        self._db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        return len(ids)

    def add_article(self, article: Article, claims: Sequence[Claim], vectors: np.ndarray) -> list[Claim]:
        """Store an article, its claims and their vectors; returns the claims with their new ids."""
        self._require_batch()
        if len(claims) != len(vectors):
            raise ValueError("one vector per claim")
        self._db.execute(
            "INSERT INTO articles (id, title, source, outlet, date, url, language, dateline, credit,"
            " content_hash, text, original_text, offsets, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.title, article.source, article.outlet, article.date, article.url, article.language,
             article.dateline, article.credit, article.content_hash, article.text, article.original_text,
             json.dumps(article.offsets.to_json()), _now()))
        stored: list[Claim] = []
        for claim in claims:
            cur = self._db.execute(
                "INSERT INTO claims (article_id, start, end, text, checkworthiness, speaker, side, cue, quote,"
                " polarity, language, side_spans) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, claim.start, claim.end, claim.text, float(claim.checkworthiness), claim.speaker,
                 claim.side, claim.cue, str(claim.quote), str(claim.polarity), claim.language,
                 json.dumps([list(span) for span in claim.side_spans])))
            claim_id = int(cur.lastrowid)
            self._db.executemany(
                "INSERT INTO claim_entities (claim_id, canonical, surface, kind) VALUES (?,?,?,?)",
                [(claim_id, e.canonical, e.surface, e.kind) for e in claim.entities])
            stored.append(_with_id(claim, claim_id, article.id))
        if stored:
            self.vectors.add(np.array([c.id for c in stored], dtype=np.int64), vectors)
            self._dirty_vectors = True
        return stored

    def add_links(self, links: Iterable[Link]) -> int:
        """Store links (replacing an older link between the same two claims)."""
        self._require_batch()
        rows = [(l.a, l.b, str(l.relation), float(l.score), l.reason, float(l.similarity), l.version, _now())
                for l in links]
        self._db.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def rename_entities(self, renames: Iterable[tuple[str, str]]) -> None:
        """Move stored claims' entities from old canonical names to new ones, in the order given."""
        self._require_batch()
        self._db.executemany("UPDATE claim_entities SET canonical=? WHERE canonical=?",
                             [(new, old) for old, new in renames])

    def save_aliases(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Store (surface, canonical, kind) rows of the alias table."""
        self._require_batch()
        self._db.executemany("INSERT OR REPLACE INTO aliases (surface, canonical, kind) VALUES (?,?,?)", rows)

    def save_sides(self, rows: Iterable[tuple[str, str]]) -> None:
        self._require_batch()
        self._db.executemany("INSERT OR REPLACE INTO speaker_sides (speaker, side) VALUES (?,?)", rows)

    def set_link_verdict(self, a: int, b: int, verdict: str, note: str | None = None) -> None:
        self._require_batch()
        a, b = min(a, b), max(a, b)
        self._db.execute("INSERT OR REPLACE INTO link_verdicts VALUES (?,?,?,?,?)", (a, b, verdict, note, _now()))

    def set_claim_rating(self, claim_id: int, rating: str, note: str | None = None) -> None:
        self._require_batch()
        self._db.execute("INSERT OR REPLACE INTO claim_ratings VALUES (?,?,?,?)", (claim_id, rating, note, _now()))

    # ------------------------------------------------------------------ reading
    def aliases(self) -> list[tuple[str, str, str]]:
        """The store-wide alias table as (surface, canonical, kind) rows."""
        return [tuple(r) for r in self._db.execute("SELECT surface, canonical, kind FROM aliases")]

    def sides(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self._db.execute("SELECT speaker, side FROM speaker_sides")]

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self) -> list[Article]:
        return [_article(r) for r in self._db.execute("SELECT * FROM articles ORDER BY id")]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def claims(self, article_id: str | None = None, ids: Sequence[int] | None = None) -> list[Claim]:
        """Claims of one article, of given ids (in that order), or all, with their entities."""
        if ids is not None:
            ids = [int(i) for i in ids]  # numpy integers would not bind as SQLite parameters
            found = {}
            for chunk in _chunks(ids, 500):
                q = f"SELECT * FROM claims WHERE id IN ({','.join('?' * len(chunk))})"
                for row in self._db.execute(q, chunk):
                    found[row["id"]] = row
            rows = [found[i] for i in ids if i in found]
        elif article_id is not None:
            rows = list(self._db.execute("SELECT * FROM claims WHERE article_id=? ORDER BY start", (article_id,)))
        else:
            rows = list(self._db.execute("SELECT * FROM claims ORDER BY article_id, start"))
        entities = self._entities_of([r["id"] for r in rows])
        return [_claim(r, entities.get(r["id"], ())) for r in rows]

    def claim(self, claim_id: int) -> Claim | None:
        found = self.claims(ids=[claim_id])
        return found[0] if found else None

    def _entities_of(self, claim_ids: list[int]) -> dict[int, tuple[Entity, ...]]:
        out: dict[int, list[Entity]] = {}
        for chunk in _chunks(claim_ids, 500):
            q = f"SELECT claim_id, canonical, surface, kind FROM claim_entities WHERE claim_id IN ({','.join('?' * len(chunk))})"
            for cid, canonical, surface, kind in self._db.execute(q, chunk):
                out.setdefault(cid, []).append(Entity(surface, canonical, kind))
        return {k: tuple(v) for k, v in out.items()}

    def claims_sharing_entities(self, canonicals: Sequence[str], *, limit: int = 50) -> list[int]:
        """Claim ids that mention any of these entities, rarest entity first (bounded, for candidates)."""
        if not canonicals:
            return []
        q = (f"SELECT canonical, COUNT(*) FROM claim_entities WHERE canonical IN ({','.join('?' * len(canonicals))})"
             " GROUP BY canonical ORDER BY COUNT(*)")
        out: list[int] = []
        for canonical, _count in self._db.execute(q, list(canonicals)).fetchall():
            for (cid,) in self._db.execute("SELECT claim_id FROM claim_entities WHERE canonical=? LIMIT ?",
                                           (canonical, limit)):
                if cid not in out:
                    out.append(cid)
            if len(out) >= limit:
                break
        return out[:limit]

    def links(self, *, claim_id: int | None = None, article_id: str | None = None,
              relation: str | None = None, min_score: float = 0.0, verdict: str | None = None) -> list[Link]:
        """Stored links, strongest first, filtered."""
        where, args = ["l.score >= ?"], [min_score]
        if claim_id is not None:
            where.append("(l.a = ? OR l.b = ?)")
            args += [claim_id, claim_id]
        if article_id is not None:
            where.append("(l.a IN (SELECT id FROM claims WHERE article_id=?) OR "
                         "l.b IN (SELECT id FROM claims WHERE article_id=?))")
            args += [article_id, article_id]
        if relation is not None and relation != "all":
            where.append("l.relation = ?")
            args.append(relation)
        if verdict is not None:
            where.append("v.verdict = ?")
            args.append(verdict)
        q = ("SELECT l.* FROM links l LEFT JOIN link_verdicts v ON v.a = l.a AND v.b = l.b WHERE "
             + " AND ".join(where) + " ORDER BY l.score DESC, l.a, l.b")
        return [_link(r) for r in self._db.execute(q, args)]

    def link_summaries(self) -> list[LinkSummary]:
        """Every link as a light `LinkSummary`, strongest first (no entities, no article text).

        For lists that show thousands of links at once (the TUI): building full `Claim`s and
        `Article`s for 20k links costs seconds, these rows cost tens of milliseconds.
        """
        # Article dates and verdicts come in their own small queries: joining them per link row
        # costs 40k index lookups into the (wide) articles table, three times the whole rest.
        dates = dict(self._db.execute("SELECT id, date FROM articles"))
        verdicts = {(a, b): v for a, b, v in self._db.execute("SELECT a, b, verdict FROM link_verdicts")}
        q = ("SELECT l.a, l.b, l.relation, l.score, l.created_at, ca.article_id, cb.article_id,"
             " ca.speaker, cb.speaker, ca.side, cb.side, ca.text, cb.text"
             " FROM links l JOIN claims ca ON ca.id = l.a JOIN claims cb ON cb.id = l.b")
        cursor = self._db.cursor()
        cursor.row_factory = None  # plain tuples: sqlite3.Row objects cost more than the query
        make = LinkSummary._make
        rows = [make((a, b, rel, score, verdicts.get((a, b)), created, aa, ab, sa, sb, da, db, ta, tb,
                      dates.get(aa), dates.get(ab)))
                for a, b, rel, score, created, aa, ab, sa, sb, da, db, ta, tb in cursor.execute(q)]
        # Sorting here rather than in SQL: SQLite's sorter would copy every wide row once more.
        rows.sort(key=lambda r: (-r[3], r[0], r[1]))
        return rows

    def claim_summaries(self, *, ids: Sequence[int] | None = None, article_id: str | None = None,
                        entities: Sequence[str] | None = None) -> list[ClaimSummary]:
        """Claims as light `ClaimSummary` rows with their link counts: all, or of these ids, this
        article, or mentioning any of these canonical entity names. Ordered by article, then position."""
        where, args = [], []
        if ids is not None:
            ids = list(ids)
            if not ids:
                return []
            where.append(f"c.id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(ids))
        if article_id is not None:
            where.append("c.article_id = ?")
            args.append(article_id)
        if entities is not None:
            where.append("c.id IN (SELECT claim_id FROM claim_entities WHERE canonical IN"
                         " (SELECT value FROM json_each(?)))")
            args.append(json.dumps(list(entities)))
        q = ("SELECT c.id, c.article_id, c.speaker, c.side, c.polarity, c.text, a.date,"
             " (SELECT COUNT(*) FROM links WHERE links.a = c.id) + (SELECT COUNT(*) FROM links WHERE links.b = c.id)"
             " FROM claims c LEFT JOIN articles a ON a.id = c.article_id"
             + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.article_id, c.start")
        cursor = self._db.cursor()
        cursor.row_factory = None
        return [ClaimSummary._make(row) for row in cursor.execute(q, args)]

    def entity_names(self) -> list[tuple[str, int]]:
        """Canonical entity names with how many claims mention each, commonest first."""
        return [(r[0], r[1]) for r in self._db.execute(
            "SELECT canonical, COUNT(*) FROM claim_entities GROUP BY canonical ORDER BY COUNT(*) DESC, canonical")]

    # ------------------------------------------------------------------ safety
    def backup(self, dest: str | os.PathLike) -> Path:
        """A consistent copy of the index in `dest` (a new or empty folder), while others read and write.

        SQLite's online backup API copies one committed state; the writer lock, held meanwhile, keeps
        the vector file of that same generation from being replaced. Written into a temporary sibling
        folder and renamed into place, so a failed backup leaves nothing that looks like one.
        """
        dest = Path(dest)
        if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
            raise IndexError_(f"{dest}: exists and is not an empty folder; give a new folder for the backup")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
        except OSError as exc:
            raise IndexError_(f"{dest}: cannot write the backup there ({exc.strerror})") from None
        try:
            self._take_lock()
            try:
                target = sqlite3.connect(tmp / DB_NAME)
                try:
                    self._db.backup(target)
                    name = target.execute("SELECT value FROM meta WHERE key='vectors_file'").fetchone()
                finally:
                    target.close()
                if name is not None:
                    shutil.copy2(self.path / _checked_vectors_name(self.path, name[0]), tmp / name[0])
            finally:
                self._release_lock()
            if dest.exists():
                dest.rmdir()
            tmp.rename(dest)
        except OSError as exc:
            raise IndexError_(f"{dest}: cannot write the backup ({exc.strerror or exc}); nothing was kept") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return dest

    def check(self) -> list[str]:
        """Problems found, each naming the way out; [] for a sound index.

        SQLite's integrity check, the vector file against the claims table (name, count, ids), a
        writer lock nobody releases, and half-written files a crash left.
        """
        problems = []
        rows = [r[0] for r in self._db.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.append(f"{self.path / DB_NAME}: the database is damaged ({'; '.join(rows[:3])}); restore a "
                            "backup (`verify backup` makes one), or rebuild from the articles it still has")
        claim_ids = np.array([r[0] for r in self._db.execute("SELECT id FROM claims ORDER BY id")], dtype=np.int64)
        if self._vectors_file is None:
            if len(claim_ids):
                problems.append(f"{self.path}: {len(claim_ids)} claims but no vector file; run `verify rebuild`")
        else:
            try:
                stored = np.sort(self.vectors.ids())
                if not np.array_equal(stored, claim_ids):
                    problems.append(f"{self.path / self._vectors_file}: its vectors do not match the claims table "
                                    f"({len(stored)} vectors, {len(claim_ids)} claims); run `verify rebuild`")
            except IndexError_ as exc:
                problems.append(str(exc))
        try:
            with open(self.path / ".lock", "a+") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(fh, fcntl.LOCK_UN)
        except BlockingIOError:
            problems.append(f"{self.path / '.lock'}: a writer holds the lock now (a running `verify add`?); "
                            "check again when it ends: a lock dies with its process, none can be stuck")
        except OSError:
            pass  # a read-only folder: nobody can write, so no lock to look at
        for leftover in self.path.glob("vectors-*.faiss.tmp"):
            problems.append(f"{leftover}: half-written by a write that died; the next `verify add` removes it")
        return problems

    def link_verdicts(self) -> dict[tuple[int, int], tuple[str, str | None]]:
        return {(r[0], r[1]): (r[2], r[3]) for r in self._db.execute("SELECT a, b, verdict, note FROM link_verdicts")}

    def claim_ratings(self) -> dict[int, tuple[str, str | None, str]]:
        return {r[0]: (r[1], r[2], r[3]) for r in self._db.execute(
            "SELECT claim_id, rating, note, updated_at FROM claim_ratings")}

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """k nearest claims for each query vector: (scores, claim ids), -1 where fewer exist."""
        if self.model is None or self._vectors_file is None:
            return (np.zeros((len(vectors), k), np.float32), np.full((len(vectors), k), -1, np.int64))
        return self.vectors.search(vectors, k)

    def stats(self) -> Stats:
        links = {r[0]: r[1] for r in self._db.execute("SELECT relation, COUNT(*) FROM links GROUP BY relation")}
        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        return Stats(
            articles=self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            claims=self._db.execute("SELECT COUNT(*) FROM claims").fetchone()[0],
            links=links, model=self.model, index_bytes=size, path=str(self.path),
            link_versions={r[0]: r[1] for r in self._db.execute("SELECT version, COUNT(*) FROM links GROUP BY version")})


def _is_storage_error(exc: BaseException) -> bool:
    """Disk full, file too large, I/O error: the OS refused a write (FAISS reports it as RuntimeError)."""
    if isinstance(exc, OSError):
        return True
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError):
        return "disk" in text or "full" in text or "I/O" in text
    return isinstance(exc, RuntimeError) and ("No space left" in text or "Error writing" in text
                                               or "fwrite" in text or "File too large" in text)


def _storage_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    for known in ("No space left on device", "File too large", "database or disk is full", "disk I/O error"):
        if known in str(exc):
            return known
    return str(exc).splitlines()[-1][:120]


def _chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _with_id(claim: Claim, claim_id: int, article_id: str) -> Claim:
    from dataclasses import replace

    return replace(claim, id=claim_id, article_id=article_id)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], source=row["source"], content_hash=row["content_hash"], title=row["title"],
        outlet=row["outlet"], date=row["date"], url=row["url"], language=row["language"], dateline=row["dateline"],
        credit=row["credit"], original_text=row["original_text"],
        offsets=OffsetMap.from_json(json.loads(row["offsets"]) if row["offsets"] else None))


def _claim(row: sqlite3.Row, entities: tuple[Entity, ...]) -> Claim:
    return Claim(
        id=row["id"], article_id=row["article_id"], text=row["text"], start=row["start"], end=row["end"],
        checkworthiness=row["checkworthiness"], speaker=row["speaker"], side=row["side"], cue=row["cue"],
        quote=QuoteKind(row["quote"]), polarity=Polarity(row["polarity"]), entities=entities,
        language=row["language"], side_spans=_spans(row))


def _spans(row: sqlite3.Row) -> tuple[tuple[int, int], ...]:
    raw = row["side_spans"] if "side_spans" in row.keys() else None
    return tuple((int(a), int(b)) for a, b in json.loads(raw)) if raw else ()


def _link(row: sqlite3.Row) -> Link:
    return Link(a=row["a"], b=row["b"], relation=Relation(row["relation"]), score=row["score"],
                reason=row["reason"], similarity=row["similarity"], version=row["version"])

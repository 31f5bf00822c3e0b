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

Modules: `database` opens the SQLite file (schema, migration, the `.open` lock), `generations` names
and cleans up the vector files, `queries` holds the read side of `ClaimIndex`, `rows` the records it
hands out; this one the writing, the vectors and the safety commands (backup, check).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from verify.errors import IndexError_
from verify.protocols import VectorStore
from verify.records import Article, Claim, Link

# DB_NAME, SCHEMA_VERSION, the summaries and ModelInfo / Stats are imported from here by the CLI and the TUI.
from verify.store.database import DB_NAME, OPEN_LOCK, SCHEMA_VERSION, open_database
from verify.store.generations import (
    checked_vectors_name,
    remove_generation,
    remove_orphans,
    storage_failure,
    vectors_file,
)
from verify.store.queries import ClaimQueries
from verify.store.rows import ClaimSummary, LinkSummary, ModelInfo, Stats, utc_now, with_id

__all__ = ["DB_NAME", "OPEN_LOCK", "SCHEMA_VERSION", "ClaimIndex", "ClaimSummary", "LinkSummary", "ModelInfo",
           "Stats"]


class ClaimIndex(ClaimQueries):
    """Articles, claims, their vectors and links, under one directory.

    Open with `ClaimIndex.open(path)`; read freely; write inside `with index.batch():` so that all
    changes of the batch land together or not at all.
    """

    def __init__(self, path: Path, db: sqlite3.Connection, writable: bool, open_lock=None):
        self.path = path
        self._db = db
        self.writable = writable
        self._open_lock = open_lock
        self._vectors: VectorStore | None = None  # loaded on first use: listing claims needs no FAISS
        self._vectors_file: str | None = self._meta("vectors_file")
        self._lock_fh: IO[str] | None = None
        self._dirty_vectors = False

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, writable: bool = False) -> ClaimIndex:
        """Open the index at `path`; with `create`, make it if it does not exist.

        Raises `IndexError_` with a one-line reason for a missing, read-only, foreign or corrupt index.
        """
        path = Path(path)
        db, writable, open_lock = open_database(path, create=create, writable=writable)
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

    def __enter__(self) -> ClaimIndex:
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
                f"use --model {model.name}, or rebuild it with "
                f"`verify rebuild --model {requested} --index {self.path}`")

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
                f"(fingerprint {fingerprint} != {model.fingerprint}); "
                f"rebuild it with `verify rebuild --index {self.path}`")

    # ------------------------------------------------------------------ vectors
    @property
    def vectors(self) -> VectorStore:
        """The vector store (FAISS behind the `VectorStore` protocol), loaded on first use."""
        if self._vectors is None:
            from verify.store.vectors import FaissFlatStore

            model = self.model
            if model is None:
                raise IndexError_(f"{self.path}: the index has no model yet; add articles first")
            if self._vectors_file is None:
                self._vectors = FaissFlatStore(model.dim)
            else:
                self._vectors = self._load_vectors(model.dim)
        return self._vectors

    def _load_vectors(self, dim: int, attempts: int = 5) -> VectorStore:
        """Load the generation the database names. A writer may commit a newer one (and delete this
        file) between our read of its name and our open: then read the name again and load that."""
        from verify.store.vectors import FaissFlatStore

        for attempt in range(attempts):
            name, expected = self._vectors_file, int(self._meta("vectors_count") or 0)
            file = self.path / checked_vectors_name(self.path, name)
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
    def batch(self) -> Iterator[ClaimIndex]:
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
                    new_file = vectors_file(generation)
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
                    remove_generation(self.path, new_file)
                failure = storage_failure(self.path, exc)
                if failure is not None:
                    raise failure from None
                raise
            if new_file is not None:
                self._vectors_file = new_file
                self._dirty_vectors = False
            remove_orphans(self.path, self._vectors_file)
        finally:
            self._release_lock()

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
             json.dumps(article.offsets.to_json()), utc_now()))
        stored: list[Claim] = []
        for claim in claims:
            cur = self._db.execute(
                "INSERT INTO claims (article_id, start, end, text, checkworthiness, speaker, side, cue, quote,"
                " polarity, language, side_spans) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, claim.start, claim.end, claim.text, float(claim.checkworthiness), claim.speaker,
                 claim.side, claim.cue, str(claim.quote), str(claim.polarity), claim.language,
                 json.dumps([list(span) for span in claim.side_spans])))
            if cur.lastrowid is None:  # never after an INSERT
                raise RuntimeError("SQLite gave the new claim no id")
            claim_id = cur.lastrowid
            self._db.executemany(
                "INSERT INTO claim_entities (claim_id, canonical, surface, kind) VALUES (?,?,?,?)",
                [(claim_id, e.canonical, e.surface, e.kind) for e in claim.entities])
            stored.append(with_id(claim, claim_id, article.id))
        if stored:
            self.vectors.add(np.array([c.id for c in stored], dtype=np.int64), vectors)
            self._dirty_vectors = True
        return stored

    def add_links(self, links: Iterable[Link]) -> int:
        """Store links (replacing an older link between the same two claims)."""
        self._require_batch()
        rows = [(l.a, l.b, str(l.relation), float(l.score), l.reason, float(l.similarity), l.version, utc_now())
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
        if self._db.execute("SELECT 1 FROM links WHERE a=? AND b=?", (a, b)).fetchone() is None:
            # Not the foreign key's IntegrityError: the TUI shows this line (the shared store says the same).
            raise IndexError_(f"{self.path}: there is no link between claims {a} and {b} (gone since: its article "
                              "was added again?); reload and look again")
        self._db.execute("INSERT OR REPLACE INTO link_verdicts VALUES (?,?,?,?,?)", (a, b, verdict, note, utc_now()))

    def set_claim_rating(self, claim_id: int, rating: str, note: str | None = None) -> None:
        self._require_batch()
        if self._db.execute("SELECT 1 FROM claims WHERE id=?", (claim_id,)).fetchone() is None:
            raise IndexError_(f"{self.path}: there is no claim {claim_id} (gone since: its article was added "
                              "again?); reload and look again")
        self._db.execute("INSERT OR REPLACE INTO claim_ratings VALUES (?,?,?,?)", (claim_id, rating, note, utc_now()))

    # ------------------------------------------------------------------ reading: `ClaimQueries`
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
                    shutil.copy2(self.path / checked_vectors_name(self.path, name[0]), tmp / name[0])
            finally:
                self._release_lock()
            if dest.exists():
                dest.rmdir()
            tmp.rename(dest)
        except (OSError, sqlite3.Error) as exc:  # disk full reaches the backup API as "disk I/O error"
            reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
            raise IndexError_(f"{dest}: cannot write the backup ({reason}); nothing was kept") from None
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

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """k nearest claims for each query vector: (scores, claim ids), -1 where fewer exist."""
        # Not "no vector file yet": a new index's first batch holds its vectors in memory until it
        # commits, and its claims must find each other as a later batch's would.
        if self.model is None or (self._vectors is None and self._vectors_file is None):
            return (np.zeros((len(vectors), k), np.float32), np.full((len(vectors), k), -1, np.int64))
        return self.vectors.search(vectors, k)

    def stats(self) -> Stats:
        links = {r[0]: r[1] for r in self._db.execute("SELECT relation, COUNT(*) FROM links GROUP BY relation")}
        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        return Stats(
            articles=self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            claims=self._db.execute("SELECT COUNT(*) FROM claims").fetchone()[0],
            links=links, model=self.model, index_bytes=size, path=str(self.path),
            link_versions={r[0]: r[1]
                           for r in self._db.execute("SELECT version, COUNT(*) FROM links GROUP BY version")})

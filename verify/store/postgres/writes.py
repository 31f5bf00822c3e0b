"""Writing to the PostgreSQL store: every method here runs inside `with index.batch():`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from psycopg import errors as pg_errors

from verify.errors import IndexError_
from verify.records import Article, Claim, Link
from verify.store.postgres import rows as R
from verify.store.postgres.mirror import to_bytes

if TYPE_CHECKING:
    import psycopg

    from verify.store.postgres.mirror import VectorMirror
    from verify.store.rows import ModelInfo

_UPSERT_VERDICT = (
    "INSERT INTO link_verdicts (a, b, verdict, note, updated_at, updated_by) VALUES (%s, %s, %s, %s, now(), %s)"
    " ON CONFLICT (a, b) DO UPDATE SET verdict = EXCLUDED.verdict, note = EXCLUDED.note,"
    " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")
_UPSERT_RATING = (
    "INSERT INTO claim_ratings (claim_id, rating, note, updated_at, updated_by) VALUES (%s, %s, %s, now(), %s)"
    " ON CONFLICT (claim_id) DO UPDATE SET rating = EXCLUDED.rating, note = EXCLUDED.note,"
    " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")


# Claim columns after (id, article_id), as `rows.claim_row` gives them, with their array types.
_CLAIM_TYPES = ("text", "int", "int", "float8", "text", "text", "text", "text", "text", "text", "text", "bytea")
_CLAIM_FIELDS = 'text, start, "end", checkworthiness, speaker, side, cue, quote, polarity, language, side_spans, vector'
_ENTITY_TYPES = ("int", "int", "text", "text", "text")
_ADD_ARTICLE = (
    f"WITH art AS (INSERT INTO articles ({R.ARTICLE_COLUMNS}) VALUES ({', '.join(['%s'] * 13)})),"
    " ids AS (SELECT nextval(pg_get_serial_sequence('claims', 'id')) AS id, n FROM generate_series(1, %s) AS n),"
    f" cl AS (INSERT INTO claims ({R.CLAIM_COLUMNS}, vector) SELECT ids.id, %s, {_CLAIM_FIELDS} FROM unnest("
    + ", ".join(f"%s::{t}[]" for t in _CLAIM_TYPES) + f") WITH ORDINALITY AS u({_CLAIM_FIELDS}, n)"
    " JOIN ids ON ids.n = u.n),"
    " en AS (INSERT INTO claim_entities (claim_id, position, canonical, surface, kind)"
    " SELECT ids.id, e.position, e.canonical, e.surface, e.kind FROM unnest("
    + ", ".join(f"%s::{t}[]" for t in _ENTITY_TYPES) + ") AS e(n, position, canonical, surface, kind)"
    " JOIN ids ON ids.n = e.n)"
    " SELECT id FROM ids ORDER BY n")
# Replacing a link drops its verdict first, as SQLite's INSERT OR REPLACE does (its delete cascades).
_ADD_LINKS = (
    "WITH new AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::float8[], %s::text[],"
    " %s::float8[], %s::text[]) AS t(a, b, relation, score, reason, similarity, version)),"
    " gone AS (DELETE FROM link_verdicts v USING new WHERE v.a = new.a AND v.b = new.b)"
    " INSERT INTO links (a, b, relation, score, reason, similarity, version) SELECT * FROM new"
    " ON CONFLICT (a, b) DO UPDATE SET relation = EXCLUDED.relation, score = EXCLUDED.score,"
    " reason = EXCLUDED.reason, similarity = EXCLUDED.similarity, version = EXCLUDED.version, created_at = now()")


class Writes:
    """Mixin of `PostgresClaimIndex`: articles, claims, links, tables, verdicts and ratings."""

    if TYPE_CHECKING:  # what it uses of `PostgresClaimIndex`
        path: str
        user: str
        _in_batch: bool
        _deleted_in_batch: bool
        _mirror: VectorMirror | None

        @property
        def model(self) -> ModelInfo | None: ...

        def _one(self, sql: str, args: Any = None) -> tuple | None: ...

        def _many(self, sql: str, rows: list) -> None: ...

        def _db(self) -> AbstractContextManager[psycopg.Connection]: ...

        def _without_writer_lock(self) -> AbstractContextManager[None]: ...

    def _require_batch(self) -> None:
        if not self._in_batch:
            raise RuntimeError("index writes must happen inside `with index.batch():`")

    def article_hash(self, article_id: str) -> str | None:
        row = self._one("SELECT content_hash FROM articles WHERE id = %s", (article_id,))
        return row[0] if row else None

    def remove_article(self, article_id: str) -> int:
        """Drop an article with its claims, vectors and links; returns the number of claims removed."""
        self._require_batch()
        with self._db() as conn:
            ids = [r[0] for r in conn.execute("DELETE FROM claims WHERE article_id = %s RETURNING id", (article_id,))]
            conn.execute("DELETE FROM articles WHERE id = %s", (article_id,))
        if ids:
            self._deleted_in_batch = True
            if self._mirror is not None:
                self._mirror.remove(np.array(ids, dtype=np.int64))
        return len(ids)

    def add_article(self, article: Article, claims: Sequence[Claim], vectors: np.ndarray) -> list[Claim]:
        """Store an article, its claims and their vectors; returns the claims with their new ids.

        One statement, one round trip: the article, ids from the claims' sequence, the claims and
        their entities (foreign keys are checked at the end of the statement)."""
        self._require_batch()
        if len(claims) != len(vectors):
            raise ValueError("one vector per claim")
        vectors = np.asarray(vectors, dtype=np.float32)
        model = self.model
        if len(claims) and model is not None and vectors.shape[1:] != (model.dim,):
            raise ValueError(f"expected vectors of dimension {model.dim}, got shape {vectors.shape}")
        claim_rows = [R.claim_row(c, 0, article.id, to_bytes(v))[2:] for c, v in zip(claims, vectors)]
        entity_rows = [(n, position, e.canonical, e.surface, e.kind)
                       for n, c in enumerate(claims, 1) for position, e in enumerate(c.entities)]
        columns = [list(col) for col in zip(*claim_rows)] if claim_rows else [[] for _ in _CLAIM_TYPES]
        entities = [list(col) for col in zip(*entity_rows)] if entity_rows else [[] for _ in _ENTITY_TYPES]
        with self._db() as conn:
            ids = [r[0] for r in conn.execute(_ADD_ARTICLE, (*R.article_row(article), len(claims), article.id,
                                                             *columns, *entities))]
        stored = [replace(claim, id=int(claim_id), article_id=article.id) for claim, claim_id in zip(claims, ids)]
        if stored and self._mirror is not None:
            self._mirror.add(np.array(ids, dtype=np.int64), vectors)
        return stored

    def add_links(self, links: Iterable[Link]) -> int:
        """Store links, replacing an older link between the same two claims (and, as the SQLite store
        does, the verdict on that older link)."""
        self._require_batch()
        rows = [R.link_row(l) for l in links]
        latest = {(r[0], r[1]): r for r in rows}  # of duplicates the last wins, as INSERT OR REPLACE
        if latest:
            with self._db() as conn:
                conn.execute(_ADD_LINKS, [list(col) for col in zip(*latest.values())])
        return len(rows)

    def rename_entities(self, renames: Iterable[tuple[str, str]]) -> None:
        """Move stored claims' entities from old canonical names to new ones, in the order given."""
        self._require_batch()
        self._many("UPDATE claim_entities SET canonical = %s WHERE canonical = %s",
                   [(new, old) for old, new in renames])

    def save_aliases(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Store (surface, canonical, kind) rows of the alias table."""
        self._require_batch()
        self._many("INSERT INTO aliases (surface, canonical, kind) VALUES (%s, %s, %s) ON CONFLICT (surface, kind)"
                   " DO UPDATE SET canonical = EXCLUDED.canonical, seq = nextval('table_rows')", list(rows))

    def save_sides(self, rows: Iterable[tuple[str, str]]) -> None:
        self._require_batch()
        self._many("INSERT INTO speaker_sides (speaker, side) VALUES (%s, %s) ON CONFLICT (speaker)"
                   " DO UPDATE SET side = EXCLUDED.side, seq = nextval('table_rows')", list(rows))

    def set_link_verdict(self, a: int, b: int, verdict: str, note: str | None = None) -> None:
        """Record this user's verdict on the link a-b (the change is kept in `verdict_history`)."""
        self._require_batch()
        a, b = int(min(a, b)), int(max(a, b))
        gone = IndexError_(f"{self.path}: there is no link between claims {a} and {b} (gone since: its article "
                           "was added again?); reload and look again")
        with self._without_writer_lock(), self._db() as conn:
            if conn.execute("SELECT 1 FROM links WHERE a = %s AND b = %s", (a, b)).fetchone() is None:
                raise gone
            try:
                conn.execute(_UPSERT_VERDICT, (a, b, str(verdict), note, self.user))
            except pg_errors.ForeignKeyViolation:  # removed by an ingest batch that committed meanwhile
                raise gone from None

    def set_claim_rating(self, claim_id: int, rating: str, note: str | None = None) -> None:
        """Record this user's rating of a claim (the change is kept in `rating_history`)."""
        self._require_batch()
        gone = IndexError_(f"{self.path}: there is no claim {claim_id} (gone since: its article was added again?); "
                           "reload and look again")
        with self._without_writer_lock(), self._db() as conn:
            if conn.execute("SELECT 1 FROM claims WHERE id = %s", (int(claim_id),)).fetchone() is None:
                raise gone
            try:
                conn.execute(_UPSERT_RATING, (int(claim_id), str(rating), note, self.user))
            except pg_errors.ForeignKeyViolation:
                raise gone from None

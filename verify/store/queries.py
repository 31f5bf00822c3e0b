"""The read side of `ClaimIndex`: queries over the SQLite tables, which need no lock and no vectors.

A mixin of `ClaimIndex` rather than a class of its own: every query reads the connection the index
opened (`self._db`), inside a write batch too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from verify.records import Article, Claim, Entity, Link
from verify.store.rows import ClaimSummary, LinkSummary, article_from_row, chunks, claim_from_row, link_from_row


class ClaimQueries:
    """Reads of articles, claims, links, entities and the reviewers' verdicts and ratings."""

    _db: sqlite3.Connection

    def article_hash(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT content_hash FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def aliases(self) -> list[tuple[str, str, str]]:
        """The store-wide alias table as (surface, canonical, kind) rows."""
        return [tuple(r) for r in self._db.execute("SELECT surface, canonical, kind FROM aliases")]

    def sides(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self._db.execute("SELECT speaker, side FROM speaker_sides")]

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        return article_from_row(row) if row else None

    def articles(self) -> list[Article]:
        return [article_from_row(r) for r in self._db.execute("SELECT * FROM articles ORDER BY id")]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def claims(self, article_id: str | None = None, ids: Sequence[int] | None = None) -> list[Claim]:
        """Claims of one article, of given ids (in that order), or all, with their entities."""
        if ids is not None:
            ids = [int(i) for i in ids]  # numpy integers would not bind as SQLite parameters
            found = {}
            for chunk in chunks(ids, 500):
                q = f"SELECT * FROM claims WHERE id IN ({','.join('?' * len(chunk))})"
                for row in self._db.execute(q, chunk):
                    found[row["id"]] = row
            rows = [found[i] for i in ids if i in found]
        elif article_id is not None:
            rows = list(self._db.execute("SELECT * FROM claims WHERE article_id=? ORDER BY start", (article_id,)))
        else:
            rows = list(self._db.execute("SELECT * FROM claims ORDER BY article_id, start"))
        entities = self._entities_of([r["id"] for r in rows])
        return [claim_from_row(r, entities.get(r["id"], ())) for r in rows]

    def claim(self, claim_id: int) -> Claim | None:
        found = self.claims(ids=[claim_id])
        return found[0] if found else None

    def _entities_of(self, claim_ids: list[int]) -> dict[int, tuple[Entity, ...]]:
        out: dict[int, list[Entity]] = {}
        for chunk in chunks(claim_ids, 500):
            q = ("SELECT claim_id, canonical, surface, kind FROM claim_entities"
                 f" WHERE claim_id IN ({','.join('?' * len(chunk))})")
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
        where: list[str] = ["l.score >= ?"]
        args: list[object] = [min_score]
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
        return [link_from_row(r) for r in self._db.execute(q, args)]

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
        where: list[str] = []
        args: list[object] = []
        if ids is not None:
            ids = list(ids)
            if not ids:
                return []
            where.append("c.id IN (SELECT value FROM json_each(?))")
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

    def link_verdicts(self) -> dict[tuple[int, int], tuple[str, str | None]]:
        return {(r[0], r[1]): (r[2], r[3]) for r in self._db.execute("SELECT a, b, verdict, note FROM link_verdicts")}

    def claim_ratings(self) -> dict[int, tuple[str, str | None, str]]:
        return {r[0]: (r[1], r[2], r[3]) for r in self._db.execute(
            "SELECT claim_id, rating, note, updated_at FROM claim_ratings")}

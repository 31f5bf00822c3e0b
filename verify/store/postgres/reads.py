"""Reading the PostgreSQL store: the same answers, in the same order, as the SQLite store gives."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from verify.records import Article, Claim, Entity, Link
from verify.store.index import ClaimSummary, LinkSummary
from verify.store.postgres import rows as R

if TYPE_CHECKING:
    import psycopg

_CHUNK = 50_000  # ids per array parameter


class Reads:
    """Mixin of `PostgresClaimIndex`: articles, claims, links, tables, verdicts, ratings and their history."""

    if TYPE_CHECKING:  # what it uses of `PostgresClaimIndex`
        def _all(self, sql: str, args: Any = None) -> list[tuple]: ...

        def _one(self, sql: str, args: Any = None) -> tuple | None: ...

        def _snapshot(self) -> AbstractContextManager[psycopg.Connection]: ...

    def aliases(self) -> list[tuple[str, str, str]]:
        """The store-wide alias table as (surface, canonical, kind) rows, oldest first."""
        return [tuple(r) for r in self._all("SELECT surface, canonical, kind FROM aliases ORDER BY seq")]

    def sides(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self._all("SELECT speaker, side FROM speaker_sides ORDER BY seq")]

    def article(self, article_id: str) -> Article | None:
        row = self._one(f"SELECT {R.ARTICLE_COLUMNS} FROM articles WHERE id = %s", (article_id,))
        return R.article(row) if row else None

    def articles(self) -> list[Article]:
        return [R.article(r) for r in self._all(f"SELECT {R.ARTICLE_COLUMNS} FROM articles ORDER BY id")]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._all("SELECT id FROM articles ORDER BY id")]

    def claims(self, article_id: str | None = None, ids: Sequence[int] | None = None) -> list[Claim]:
        """Claims of one article, of given ids (in that order), or all, with their entities."""
        with self._snapshot() as conn:
            if ids is not None:
                ids = [int(i) for i in ids]
                found = {}
                for start in range(0, len(ids), _CHUNK):
                    for row in conn.execute(f"SELECT {R.CLAIM_COLUMNS} FROM claims WHERE id = ANY(%s::bigint[])",
                                            (ids[start:start + _CHUNK],)):
                        found[row[0]] = row
                rows = [found[i] for i in ids if i in found]
            elif article_id is not None:
                rows = conn.execute(f"SELECT {R.CLAIM_COLUMNS} FROM claims WHERE article_id = %s ORDER BY start",
                                    (article_id,)).fetchall()
            else:
                rows = conn.execute(f"SELECT {R.CLAIM_COLUMNS} FROM claims ORDER BY article_id, start").fetchall()
            entities = self._entities_of(conn, [r[0] for r in rows])
        return [R.claim(r, entities.get(r[0], ())) for r in rows]

    def claim(self, claim_id: int) -> Claim | None:
        found = self.claims(ids=[claim_id])
        return found[0] if found else None

    @staticmethod
    def _entities_of(conn, claim_ids: list[int]) -> dict[int, tuple[Entity, ...]]:
        out: dict[int, list[Entity]] = {}
        for start in range(0, len(claim_ids), _CHUNK):
            for cid, canonical, surface, kind in conn.execute(
                    "SELECT claim_id, canonical, surface, kind FROM claim_entities WHERE claim_id = ANY(%s::bigint[])"
                    " ORDER BY claim_id, position", (claim_ids[start:start + _CHUNK],)):
                out.setdefault(cid, []).append(Entity(surface, canonical, kind))
        return {k: tuple(v) for k, v in out.items()}

    def claims_sharing_entities(self, canonicals: Sequence[str], *, limit: int = 50) -> list[int]:
        """Claim ids that mention any of these entities, rarest entity first (bounded, for candidates).

        One query: each entity's first `limit` claims (by id), the rarest entity's first."""
        if not canonicals:
            return []
        found = self._all(
            "SELECT c.canonical, e.claim_id FROM (SELECT canonical, count(*) AS n FROM claim_entities"
            " WHERE canonical = ANY(%s::text[]) GROUP BY canonical) c CROSS JOIN LATERAL (SELECT claim_id, position"
            " FROM claim_entities WHERE canonical = c.canonical ORDER BY claim_id, position LIMIT %s) e"
            " ORDER BY c.n, c.canonical, e.claim_id, e.position", (list(canonicals), int(limit)))
        out: list[int] = []
        for i, (canonical, cid) in enumerate(found):
            if cid not in out:
                out.append(cid)
            last_of_entity = i + 1 == len(found) or found[i + 1][0] != canonical
            if last_of_entity and len(out) >= limit:
                break
        return out[:limit]

    def links(self, *, claim_id: int | None = None, article_id: str | None = None,
              relation: str | None = None, min_score: float = 0.0, verdict: str | None = None) -> list[Link]:
        """Stored links, strongest first, filtered."""
        where: list[str] = ["l.score >= %s"]
        args: list[object] = [float(min_score)]
        if claim_id is not None:
            where.append("(l.a = %s OR l.b = %s)")
            args += [int(claim_id), int(claim_id)]
        if article_id is not None:
            where.append("(l.a IN (SELECT id FROM claims WHERE article_id = %s) OR "
                         "l.b IN (SELECT id FROM claims WHERE article_id = %s))")
            args += [article_id, article_id]
        if relation is not None and relation != "all":
            where.append("l.relation = %s")
            args.append(str(relation))
        if verdict is not None:
            where.append("v.verdict = %s")
            args.append(verdict)
        q = (f"SELECT {R.LINK_COLUMNS} FROM links l LEFT JOIN link_verdicts v ON v.a = l.a AND v.b = l.b WHERE "
             + " AND ".join(where) + " ORDER BY l.score DESC, l.a, l.b")
        return [R.link(r) for r in self._all(q, args)]

    def link_summaries(self) -> list[LinkSummary]:
        """Every link as a light `LinkSummary`, strongest first (no entities, no article text)."""
        with self._snapshot() as conn:
            dates: dict[str, str | None] = dict(conn.execute("SELECT id, date FROM articles").fetchall())
            verdicts = {(a, b): v for a, b, v in conn.execute("SELECT a, b, verdict FROM link_verdicts")}
            found = conn.execute(
                f"SELECT l.a, l.b, l.relation, l.score, {R.iso('l.created_at')}, ca.article_id, cb.article_id,"
                " ca.speaker, cb.speaker, ca.side, cb.side, ca.text, cb.text"
                " FROM links l JOIN claims ca ON ca.id = l.a JOIN claims cb ON cb.id = l.b").fetchall()
        make = LinkSummary._make
        out = [make((a, b, rel, score, verdicts.get((a, b)), created, aa, ab, sa, sb, da, db, ta, tb,
                     dates.get(aa), dates.get(ab)))
               for a, b, rel, score, created, aa, ab, sa, sb, da, db, ta, tb in found]
        out.sort(key=lambda r: (-r[3], r[0], r[1]))
        return out

    def claim_summaries(self, *, ids: Sequence[int] | None = None, article_id: str | None = None,
                        entities: Sequence[str] | None = None) -> list[ClaimSummary]:
        """Claims as light `ClaimSummary` rows with their link counts, ordered by article, then position."""
        where: list[str] = []
        args: list[object] = []
        if ids is not None:
            ids = [int(i) for i in ids]
            if not ids:
                return []
            where.append("c.id = ANY(%s::bigint[])")
            args.append(ids)
        if article_id is not None:
            where.append("c.article_id = %s")
            args.append(article_id)
        if entities is not None:
            where.append("c.id IN (SELECT claim_id FROM claim_entities WHERE canonical = ANY(%s::text[]))")
            args.append(list(entities))
        q = ("SELECT c.id, c.article_id, c.speaker, c.side, c.polarity, c.text, a.date,"
             " (SELECT count(*) FROM links WHERE links.a = c.id) + (SELECT count(*) FROM links WHERE links.b = c.id)"
             " FROM claims c LEFT JOIN articles a ON a.id = c.article_id"
             + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.article_id, c.start")
        return [ClaimSummary._make(row) for row in self._all(q, args)]

    def entity_names(self) -> list[tuple[str, int]]:
        """Canonical entity names with how many claims mention each, commonest first."""
        return [(r[0], r[1]) for r in self._all(
            "SELECT canonical, count(*) FROM claim_entities GROUP BY canonical ORDER BY count(*) DESC, canonical")]

    def link_verdicts(self) -> dict[tuple[int, int], tuple[str, str | None]]:
        return {(r[0], r[1]): (r[2], r[3]) for r in self._all(
            "SELECT a, b, verdict, note FROM link_verdicts ORDER BY a, b")}

    def claim_ratings(self) -> dict[int, tuple[str, str | None, str]]:
        return {r[0]: (r[1], r[2], r[3]) for r in self._all(
            f"SELECT claim_id, rating, note, {R.iso('updated_at')} FROM claim_ratings ORDER BY claim_id")}

    # ------------------------------------------------------------- who changed what
    def verdict_history(self, a: int, b: int) -> list[R.Change]:
        """Every verdict set on the link a-b, oldest first, with who set it and when."""
        a, b = int(min(a, b)), int(max(a, b))
        return self._changes("kind = 'verdict' AND a = %s AND b = %s", [a, b], oldest_first=True)

    def rating_history(self, claim_id: int) -> list[R.Change]:
        """Every rating given to a claim, oldest first, with who gave it and when."""
        return self._changes("kind = 'rating' AND a = %s", [int(claim_id)], oldest_first=True)

    def changes(self, *, user: str | None = None, limit: int = 100) -> list[R.Change]:
        """The latest verdict and rating changes by anyone (or by `user`), newest first."""
        if user is None:
            return self._changes("TRUE", [], oldest_first=False, limit=limit)
        return self._changes("changed_by = %s", [user], oldest_first=False, limit=limit)

    def _changes(self, where: str, args: list, *, oldest_first: bool, limit: int | None = None) -> list[R.Change]:
        # One kind: its own sequence orders it exactly. Both kinds: by time.
        order = "id ASC" if oldest_first else "changed_at DESC, id DESC"
        q = ("SELECT kind, a, b, value, note, changed_by, db_role, " + R.iso("changed_at") + " FROM ("
             " SELECT 'verdict' AS kind, a, b, verdict AS value, note, changed_by, db_role, changed_at, id"
             " FROM verdict_history UNION ALL"
             " SELECT 'rating', claim_id, NULL, rating, note, changed_by, db_role, changed_at, id FROM rating_history"
             f") h WHERE {where} ORDER BY {order}"
             + (" LIMIT %s" if limit is not None else ""))
        return [R.Change._make(r) for r in self._all(q, args + ([int(limit)] if limit is not None else []))]

"""Rows of the PostgreSQL store to records and back (its own conversions: it shares no private code)."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from verify.records import Article, Claim, Entity, Link, OffsetMap, Polarity, QuoteKind, Relation


def first(row: tuple[Any, ...] | None) -> Any:
    """The first column of the one row of a query that always has one (count(*), max(), RETURNING)."""
    if row is None:
        raise LookupError("the query returned no row")
    return row[0]


# Timestamps are returned as the SQLite store writes them: ISO 8601, UTC, whole seconds.
def iso(column: str) -> str:
    return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"


ARTICLE_COLUMNS = ("id, text, source, content_hash, title, outlet, date, url, language, dateline, credit,"
                   " original_text, offsets")
CLAIM_COLUMNS = ('id, article_id, text, start, "end", checkworthiness, speaker, side, cue, quote, polarity,'
                 " language, side_spans")
LINK_COLUMNS = "l.a, l.b, l.relation, l.score, l.reason, l.similarity, l.version"


class Change(NamedTuple):
    """One change of a verdict or rating: what, to which value, by whom, when.

    `kind` is "verdict" (on the link `a`-`b`) or "rating" (of claim `a`; `b` is None). `value` is
    None when the verdict or rating went away with its link or claim.
    """

    kind: str
    a: int
    b: int | None
    value: str | None
    note: str | None
    user: str
    db_role: str
    at: str


def article(row: tuple) -> Article:
    (id_, text, source, content_hash, title, outlet, date, url, language, dateline, credit,
     original_text, offsets) = row
    return Article(id=id_, text=text, source=source, content_hash=content_hash, title=title, outlet=outlet,
                   date=date, url=url, language=language, dateline=dateline, credit=credit,
                   original_text=original_text,
                   offsets=OffsetMap.from_json(json.loads(offsets) if offsets else None))


def article_row(a: Article) -> tuple:
    return (a.id, a.text, a.source, a.content_hash, a.title, a.outlet, a.date, a.url, a.language, a.dateline,
            a.credit, a.original_text, json.dumps(a.offsets.to_json()))


def claim(row: tuple, entities: tuple[Entity, ...]) -> Claim:
    (id_, article_id, text, start, end, checkworthiness, speaker, side, cue, quote, polarity, language,
     side_spans) = row
    return Claim(id=id_, article_id=article_id, text=text, start=start, end=end, checkworthiness=checkworthiness,
                 speaker=speaker, side=side, cue=cue, quote=QuoteKind(quote), polarity=Polarity(polarity),
                 entities=entities, language=language,
                 side_spans=tuple((int(a), int(b)) for a, b in json.loads(side_spans)) if side_spans else ())


def claim_row(c: Claim, claim_id: int, article_id: str, vector: bytes) -> tuple:
    return (claim_id, article_id, c.text, c.start, c.end, float(c.checkworthiness), c.speaker, c.side, c.cue,
            str(c.quote), str(c.polarity), c.language, json.dumps([list(span) for span in c.side_spans]), vector)


def link(row: tuple) -> Link:
    a, b, relation, score, reason, similarity, version = row
    return Link(a=a, b=b, relation=Relation(relation), score=score, reason=reason, similarity=similarity,
                version=version)


def link_row(l: Link) -> tuple:
    return (int(l.a), int(l.b), str(l.relation), float(l.score), l.reason, float(l.similarity), l.version)

"""The records the index hands out, and how they are made from its SQLite rows.

`Claim`, `Article` and `Link` (verify.records) come back whole; `LinkSummary` and `ClaimSummary` are
the light rows lists of thousands show; `ModelInfo` and `Stats` describe the index itself.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from verify.records import Article, Claim, Entity, Link, OffsetMap, Polarity, QuoteKind, Relation


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


def utc_now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def with_id(claim: Claim, claim_id: int, article_id: str) -> Claim:
    return replace(claim, id=claim_id, article_id=article_id)


def article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], source=row["source"], content_hash=row["content_hash"], title=row["title"],
        outlet=row["outlet"], date=row["date"], url=row["url"], language=row["language"], dateline=row["dateline"],
        credit=row["credit"], original_text=row["original_text"],
        offsets=OffsetMap.from_json(json.loads(row["offsets"]) if row["offsets"] else None))


def claim_from_row(row: sqlite3.Row, entities: tuple[Entity, ...]) -> Claim:
    return Claim(
        id=row["id"], article_id=row["article_id"], text=row["text"], start=row["start"], end=row["end"],
        checkworthiness=row["checkworthiness"], speaker=row["speaker"], side=row["side"], cue=row["cue"],
        quote=QuoteKind(row["quote"]), polarity=Polarity(row["polarity"]), entities=entities,
        language=row["language"], side_spans=_spans(row))


def _spans(row: sqlite3.Row) -> tuple[tuple[int, int], ...]:
    raw = row["side_spans"] if "side_spans" in row.keys() else None
    return tuple((int(a), int(b)) for a, b in json.loads(raw)) if raw else ()


def link_from_row(row: sqlite3.Row) -> Link:
    return Link(a=row["a"], b=row["b"], relation=Relation(row["relation"]), score=row["score"],
                reason=row["reason"], similarity=row["similarity"], version=row["version"])

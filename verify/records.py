"""Typed records passed between the parts of verify: `Article`, `Claim`, `Entity`, `Link`, and the
vocabularies they and the store share (`Relation`, `Verdict`, `Rating`, `Polarity`, `QuoteKind`).

Raw input is validated once at the edge (ingest, CLI) and from then on only these records travel.
Offsets are character offsets into `Article.text` (the cleaned text); `Article.to_original` maps them
back to the file as it was added, so a claim can always be shown in its original place.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum


class Polarity(StrEnum):
    """How the speaker holds the proposition."""

    ASSERTS = "asserts"
    DENIES = "denies"
    HEDGES = "hedges"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    NONE = "none"


class Relation(StrEnum):
    """How two claims bear on each other (defined for users in the README)."""

    REPEATS = "repeats"
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    UNRELATED = "unrelated"


# What a stored link can be (never UNRELATED), in the order reports and the browser offer them: conflicts first.
LINK_RELATIONS = (Relation.CONTRADICTS, Relation.SUPPORTS, Relation.REPEATS)

class Verdict(StrEnum):
    """A fact-checker's judgement of a link (`verify browse`; `verify report --verdict`)."""

    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    UNSURE = "unsure"


class Rating(StrEnum):
    """A fact-checker's rating of one claim (`verify browse`; exported as ClaimReview)."""

    TRUE = "true"
    FALSE = "false"
    MISLEADING = "misleading"
    UNPROVEN = "unproven"


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions in cleaned text back to positions in the original text.

    Cleaning deletes runs of the original (boilerplate, credits, extra blank lines) and rewrites no
    character but a disguised letter, one for one, so the cleaned text is a concatenation of original
    slices of the same lengths. `anchors` holds, for each slice, (clean_start,
    original_start); positions inside a slice shift by the same amount.
    """

    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def to_original(self, pos: int) -> int:
        starts = [a[0] for a in self.anchors]
        i = max(bisect.bisect_right(starts, pos) - 1, 0)
        clean_start, orig_start = self.anchors[i]
        return orig_start + (pos - clean_start)

    def to_json(self) -> list[list[int]]:
        return [list(a) for a in self.anchors]

    @classmethod
    def from_json(cls, data: list[list[int]] | None) -> OffsetMap:
        if not data:
            return cls()
        return cls(tuple((int(a), int(b)) for a, b in data))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as stored: cleaned text plus provenance."""

    id: str
    text: str  # cleaned text; claim offsets point here
    source: str  # the path or URL it was added from ("-" for stdin)
    content_hash: str  # sha256 of the cleaned text: same hash, same article
    title: str | None = None
    outlet: str | None = None  # who published it (from the export, the URL host, or the credit line)
    date: str | None = None  # ISO 8601 date when found
    url: str | None = None
    language: str | None = None  # ISO 639-1 code, detected per article
    dateline: str | None = None  # "MOSCÚ 29 Nov. (Reuters/EP)": kept as metadata, not as a claim
    credit: str | None = None  # "Con información de Télam": a source credit, kept as metadata
    original_text: str | None = None  # the text before cleaning (None when identical)
    offsets: OffsetMap = field(default_factory=OffsetMap)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span [start, end) of `text` as offsets into `original_text`."""
        last = self.offsets.to_original(max(end - 1, start))
        return self.offsets.to_original(start), last + (1 if end > start else 0)


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place named in a claim, with its store-wide canonical name."""

    surface: str  # as written: "Hifter"
    canonical: str  # merged name: "Khalifa Haftar"
    kind: str  # PER | ORG | LOC | MISC


@dataclass(slots=True)
class Claim:
    """A check-worthy statement and who said it, how, about whom, and where in its article."""

    article_id: str
    text: str
    start: int  # offsets into Article.text
    end: int
    checkworthiness: float  # 0-1
    speaker: str | None = None  # surface name: "Dmitri Peskov", "el portavoz del Kremlin"
    side: str | None = None  # normalised camp: "Kremlin", "United States government"
    cue: str | None = None  # reporting verb: "dijo", "negó"
    quote: QuoteKind = QuoteKind.NONE
    polarity: Polarity = Polarity.ASSERTS
    entities: tuple[Entity, ...] = ()
    language: str | None = None
    id: int | None = None  # assigned by the store
    # Character spans of `text` (offsets into the claim, not the article) that the parser put in side
    # clauses: conditions, relative and other clauses modifying a noun, clausal subjects ("si gana ...",
    # "..., que murieron en 1990", "es inexplicable que ..."). Their words are mentioned, not asserted,
    # and a negation inside them denies nothing the claim states. Empty: none found, or not parsed.
    side_spans: tuple[tuple[int, int], ...] = ()

    def stored_id(self) -> int:
        """`id` of a claim the store has handed out (linking, ratings); an error for one not stored yet."""
        if self.id is None:
            raise ValueError(f"claim {self.text[:40]!r} has no id: the store gives one when it adds the claim")
        return self.id

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "checkworthiness": round(float(self.checkworthiness), 4),
            "speaker": self.speaker,
            "side": self.side,
            "cue": self.cue,
            "quote": str(self.quote),
            "polarity": str(self.polarity),
            "entities": [{"name": e.canonical, "surface": e.surface, "kind": e.kind} for e in self.entities],
            "language": self.language,
            "side_spans": [list(span) for span in self.side_spans],
        }


@dataclass(frozen=True, slots=True)
class Link:
    """A relation found between two claims, with the evidence a person can check."""

    a: int  # claim ids, a < b
    b: int
    relation: Relation
    score: float  # 0-1 confidence in `relation`
    reason: str
    similarity: float  # embedding cosine
    version: str  # which matcher rules / models made it

"""The core's seams, in one place: what the pipeline, the linker, the matcher and the reports ask of a
store, an extractor, an encoder, a judge and a vector store.

    ClaimStore       the claim index: `verify.store.ClaimIndex` (SQLite) and
                     `verify.store.postgres.PostgresClaimIndex` (team mode) are both one
    VectorStore      the vectors behind a store (`verify.store.vectors`: FAISS)
    ClaimExtractor   text -> claims (`verify.extract.Extractor`); `LearningExtractor` is one that also
                     learns entity names and speakers' sides as it reads, for the store to keep
    Encoder          texts -> L2-normalised float32 vectors (`verify.embed`)
    Judge            premise/hypothesis pairs -> NLI probabilities (`verify.judge`)

They are `typing.Protocol`s: a class satisfies one by having its members, with no base class to
inherit, so tests pass small stand-ins. `mypy verify` checks the real ones against them
(`_implementations` below; tests/test_static.py runs it). The pipeline asks `isinstance` of the
`runtime_checkable` ones (an encoder or a function that loads one; an extractor that learns or not),
which looks at member names only. Modules that defined these before (`verify.embed.Encoder`, `verify.judge.Judge`,
`verify.store.vectors.VectorStore`) re-export them from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from verify.extract.entities import AliasTable
    from verify.records import Article, Claim, Link
    from verify.store.rows import ClaimSummary, LinkSummary, ModelInfo, Stats


@runtime_checkable
class Encoder(Protocol):
    """Texts to vectors; `name`, `dim` and `fingerprint` are stored with an index to bind it to the model."""

    name: str  # what the user named: a sentence-transformers id, a folder, or verify.embed.DEFAULT_MODEL
    dim: int
    fingerprint: str  # changes when the weights change; stored with the index

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...


@runtime_checkable
class Judge(Protocol):
    """Anything that scores premise/hypothesis pairs; `name` is stored with every link it made."""

    name: str

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """(n, 3) probabilities, columns in verify.judge.LABELS order."""
        ...


class ClaimExtractor(Protocol):
    """Article text to check-worthy claims, in text order (ids left None for the store)."""

    def extract(self, text: str, *, min_checkworthiness: float = ...) -> list[Claim]:
        """The claims of one text; `min_checkworthiness=0` keeps every sentence (`verify compare`)."""
        ...

    def extract_many(self, texts: Sequence[str], *, languages: Sequence[str | None] | None = None,
                     article_ids: Sequence[str] | None = None) -> list[list[Claim]]:
        """`extract` for many articles at once, one list of claims per text."""
        ...


@runtime_checkable
class LearningExtractor(ClaimExtractor, Protocol):
    """An extractor that learns entity names and speakers' sides as it reads (verify's `Extractor`):
    the pipeline stores what it learned and brings earlier claims in line with renamed entities."""

    aliases: AliasTable

    def refresh_entities(self, claims: Sequence[Claim]) -> list[Claim]:
        """The claims with each entity under its entity's current canonical name."""
        ...


class VectorStore(Protocol):
    """Vectors by claim id (int64); vectors are L2-normalised float32, so inner product is cosine."""

    dim: int

    def __len__(self) -> int: ...

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given claim ids (ids must be new)."""
        ...

    def remove(self, ids: np.ndarray) -> int:
        """Remove the given ids; returns how many were there."""
        ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each (len(queries), k), best first; missing neighbours have id -1."""
        ...

    def get(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of these ids, (len(ids), dim)."""
        ...

    def ids(self) -> np.ndarray:
        """All ids held."""
        ...

    def save(self, path: Path) -> None:
        """Write the whole store to `path` atomically (temp file, fsync, rename)."""
        ...


class ClaimStore(Protocol):
    """The claim index as the core uses it: articles, claims, their vectors, links, verdicts and ratings.

    Read freely; write inside `with store.batch():`, so that all changes of a batch land together or
    not at all. Verdicts and ratings are strings of `verify.records.Verdict` / `Rating`.

    Not `runtime_checkable`: on Python 3.11 `isinstance` would read every property, and `vectors`
    loads the vector store (or raises on a store with no model yet).
    """

    # ------------------------------------------------------------------ state
    @property
    def path(self) -> str | Path:
        """Where the store is: a folder, or a PostgreSQL URL without its password."""
        ...

    @property
    def model(self) -> ModelInfo | None:
        """Which encoder made the vectors (None until the first batch that stores any)."""
        ...

    @property
    def generation(self) -> int:
        """Bumped by every committed write batch."""
        ...

    def refresh(self) -> bool:
        """Catch up with batches other processes committed; True if there were any."""
        ...

    def check_model(self, requested: str | None) -> None:
        """Refuse to use the store with another model than the one that made its vectors."""
        ...

    def bind_model(self, name: str, fingerprint: str, dim: int) -> None:
        """Record the encoder of a new store (inside a batch), or check it against the one recorded."""
        ...

    def stats(self) -> Stats: ...

    def close(self) -> None: ...

    def __enter__(self) -> ClaimStore: ...

    def __exit__(self, *exc: object) -> None: ...

    # ------------------------------------------------------------------ reading
    def article_hash(self, article_id: str) -> str | None: ...

    def article(self, article_id: str) -> Article | None: ...

    def articles(self) -> list[Article]: ...

    def claim(self, claim_id: int) -> Claim | None: ...

    def claims(self, article_id: str | None = None, ids: Sequence[int] | None = None) -> list[Claim]: ...

    def claims_sharing_entities(self, canonicals: Sequence[str], *, limit: int = 50) -> list[int]: ...

    def links(self, *, claim_id: int | None = None, article_id: str | None = None,
              relation: str | None = None, min_score: float = 0.0, verdict: str | None = None) -> list[Link]:
        """Stored links, strongest first, filtered."""
        ...

    def link_summaries(self) -> list[LinkSummary]: ...

    def claim_summaries(self, *, ids: Sequence[int] | None = None, article_id: str | None = None,
                        entities: Sequence[str] | None = None) -> list[ClaimSummary]: ...

    def entity_names(self) -> list[tuple[str, int]]: ...

    def aliases(self) -> list[tuple[str, str, str]]:
        """The store-wide entity alias table: (surface, canonical, kind) rows."""
        ...

    def sides(self) -> list[tuple[str, str]]:
        """The store-wide speakers' sides: (speaker, side) rows."""
        ...

    def link_verdicts(self) -> dict[tuple[int, int], tuple[str, str | None]]: ...

    def claim_ratings(self) -> dict[int, tuple[str, str | None, str]]: ...

    # ------------------------------------------------------------------ vectors
    @property
    def vectors(self) -> VectorStore: ...

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """k nearest claims for each query vector: (scores, claim ids), -1 where fewer exist."""
        ...

    # ------------------------------------------------------------------ writing (inside `batch()`)
    def batch(self) -> AbstractContextManager[ClaimStore]: ...

    def remove_article(self, article_id: str) -> int: ...

    def add_article(self, article: Article, claims: Sequence[Claim], vectors: np.ndarray) -> list[Claim]: ...

    def add_links(self, links: Iterable[Link]) -> int: ...

    def rename_entities(self, renames: Iterable[tuple[str, str]]) -> None: ...

    def save_aliases(self, rows: Iterable[tuple[str, str, str]]) -> None: ...

    def save_sides(self, rows: Iterable[tuple[str, str]]) -> None: ...

    def set_link_verdict(self, a: int, b: int, verdict: str, note: str | None = None) -> None: ...

    def set_claim_rating(self, claim_id: int, rating: str, note: str | None = None) -> None: ...


if TYPE_CHECKING:
    from verify.embed import FakeEncoder, OnnxE5Encoder, SentenceTransformerEncoder
    from verify.extract import Extractor
    from verify.judge import CrossEncoderJudge, ShippedJudge
    from verify.store.index import ClaimIndex
    from verify.store.postgres.store import PostgresClaimIndex
    from verify.store.vectors import FaissFlatStore, FaissHNSWStore

    def _implementations(sqlite: ClaimIndex, postgres: PostgresClaimIndex, flat: FaissFlatStore,
                         hnsw: FaissHNSWStore, extractor: Extractor, fake: FakeEncoder, onnx: OnnxE5Encoder,
                         st: SentenceTransformerEncoder, shipped: ShippedJudge, cross: CrossEncoderJudge,
                         ) -> tuple[ClaimStore, ClaimStore, VectorStore, VectorStore, LearningExtractor,
                                    Encoder, Encoder, Encoder, Judge, Judge]:
        """Never called: `mypy verify` checks here that each implementation satisfies its protocol."""
        return sqlite, postgres, flat, hnsw, extractor, fake, onnx, st, shipped, cross

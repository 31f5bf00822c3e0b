"""`verify add` as a library call: ingest -> extract -> embed -> store -> link, in committed batches.

Each batch of articles lands in one index transaction (`ClaimIndex.batch`), so an interrupted add
keeps every batch committed before the interruption and nothing half-written.

The stateless, expensive work of a batch (parsing, encoding, judging) can run elsewhere: an `Offload`
(`verify.scale.ray_ingest`: Ray actor pools) gets exactly the batches this module would work on, while
everything that depends on order (the extractor's alias learning, storing, candidate search, link
decisions) stays here, in input order, so the result does not depend on where the work ran.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import numpy as np

from verify.protocols import ClaimExtractor, ClaimStore, Encoder, Judge, LearningExtractor
from verify.records import Article, Claim

if TYPE_CHECKING:
    from verify.extract import Extractor
    from verify.ingest import Rejected
    from verify.judge.memo import JudgeMemo

ProgressFn = Callable[[int, int], None]  # (articles done, articles total)
# An encoder, or a function returning one: called only when some article needs encoding.
LazyEncoder = Encoder | Callable[[], Encoder]
AliasRow = tuple[str, str, str]  # (surface, canonical, kind)
SideRow = tuple[str, str]  # (speaker, side)
TableRows = tuple[list[AliasRow], list[SideRow]]  # rows of the store-wide tables
T = TypeVar("T")
# Starts encoding one batch's claim texts and returns the function that waits for their vectors.
StartEncoding = Callable[[list[str]], Callable[[], np.ndarray]]


@dataclass(frozen=True, slots=True)
class Offload:
    """Stateless work `_add_pending` hands to workers elsewhere instead of doing it in this process.

    `plan` is told every batch, in order, before the first is extracted, so that parsing can start
    ahead (the extractor then reads those parses: `verify.scale.ray_ingest.ParsedExtractor`);
    `encode` starts encoding one batch's claim texts as soon as they are extracted, so encoding
    overlaps the storing and linking of the batch before. Both get the very batches the
    single-process path works on: the encoder's results depend on which texts share a batch.
    """

    plan: Callable[[list[Sequence[Article]]], None]
    encode: StartEncoding
    ahead: int = 1  # batches extracted ahead of the one being stored: each starts its encoding when extracted


@dataclass
class AddSummary:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[Rejected] = field(default_factory=list)  # files in folders with extensions verify does not read
    claims: int = 0
    links: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        parts = [f"{self.added} added"]
        if self.replaced:
            parts.append(f"{self.replaced} replaced")
        parts += [f"{self.unchanged} unchanged", f"{len(self.rejected)} rejected"]
        return (f"articles: {', '.join(parts)}; claims: {self.claims}; links: {self.links}; "
                f"time: {self.seconds:.1f} s")


def _batches(items: Sequence[T], n: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def add_sources(index: ClaimStore, sources: Sequence[str], *, encoder: LazyEncoder, extractor: ClaimExtractor,
                stdin: TextIO | None = None, **options: Any) -> AddSummary:
    """Add articles from files, folders, URLs or stdin to `index`; new claims are linked to all others."""
    from verify.ingest import iter_sources

    return add_articles(index, iter_sources(sources, stdin=stdin), encoder=encoder, extractor=extractor, **options)


def add_articles(index: ClaimStore, items: Iterable[Article | Rejected], *, encoder: LazyEncoder,
                 extractor: ClaimExtractor, progress: ProgressFn | None = None, link: bool = True,
                 batch_size: int = 16, judge: Judge | None = None,
                 cancelled: Callable[[], bool] | None = None, offload: Offload | None = None) -> AddSummary:
    """Add `Article`s (and count `Rejected` items) to `index`, in committed batches.

    `encoder` may be an `Encoder` or a function returning one: it is then loaded only if some
    article is new or changed, so re-adding unchanged files never pays for loading a model.
    `offload` runs parsing and encoding elsewhere (see `Offload`); the judge goes with `judge`.
    """
    started = time.perf_counter()
    summary = AddSummary()
    pending = _new_or_changed(index, items, summary)
    total = len(pending)
    if progress:
        progress(0, total)
    if pending:
        loaded = encoder if isinstance(encoder, Encoder) else encoder()
        if index.model is not None:
            index.bind_model(loaded.name, loaded.fingerprint, loaded.dim)  # refuse a foreign model before any work
        _add_pending(index, pending, summary, encoder=loaded, extractor=extractor, progress=progress, link=link,
                     batch_size=batch_size, judge=judge, cancelled=cancelled, offload=offload)
    summary.seconds = time.perf_counter() - started
    return summary


def _add_pending(index: ClaimStore, pending: list[Article], summary: AddSummary, *, encoder: Encoder,
                 extractor: ClaimExtractor, progress: ProgressFn | None, link: bool, batch_size: int,
                 judge: Judge | None, cancelled: Callable[[], bool] | None, offload: Offload | None = None) -> None:
    """Extract, encode, store and link `pending` in committed batches of `batch_size` articles."""
    # Rows of the store-wide tables already in the index: each batch writes only what is new or changed.
    stored_rows = (set(index.aliases()), set(index.sides()))
    batches = list(_batches(pending, batch_size))
    if offload is not None:
        offload.plan(batches)
    # Three stages, each on its own thread, so that on two cores both stay busy: extraction (spaCy,
    # mostly one core, holding the GIL) of the next batch; encoding (the runtime's threads, without
    # the GIL) of the batch extracted before; storing and linking (Python) of the one before that, here.
    # Encoding in line with storing and linking left a core idle while linking held the GIL. An offload
    # extracts and encodes further ahead (its encoders then work on several batches at once).
    # Extraction stays in order, on one thread; so does encoding, here or in the offload's pools.
    ahead = max(1, offload.ahead) if offload is not None else 1
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify-extract") as pool, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify-encode") as encoding:
        encode = offload.encode if offload is not None else partial(_encode_on, encoding, encoder)
        extract = partial(_extract, extractor, stored_rows=stored_rows, encode=encode, link=link)
        upcoming = deque(pool.submit(extract, batch) for batch in batches[:ahead])
        submitted = len(upcoming)
        for batch in batches:
            extracted = upcoming.popleft().result()
            stop = cancelled is not None and cancelled()
            if submitted < len(batches) and not stop:
                upcoming.append(pool.submit(extract, batches[submitted]))
                submitted += 1
            _store_batch(index, extracted, encoder=encoder, summary=summary, link=link, judge=judge)
            done += len(batch)
            if progress:
                progress(done, len(pending))
            if stop:
                for future in upcoming:
                    future.cancel()  # not started yet: dropped; the one running finishes as the pool closes
                break


def _encode_on(pool: ThreadPoolExecutor, encoder: Encoder, texts: list[str]) -> Callable[[], np.ndarray]:
    """Start encoding `texts` on `pool`'s one thread (the only one that calls `encoder`: a runtime's
    inference request serves one caller at a time); returns the wait for their vectors."""
    if not texts:
        empty = np.zeros((0, encoder.dim), np.float32)
        return lambda: empty
    return pool.submit(encoder.encode, texts).result


def _new_or_changed(index: ClaimStore, items: Iterable[Article | Rejected], summary: AddSummary) -> list[Article]:
    """The articles of `items` that `index` does not hold with the same text; counts the rest in `summary`
    (rejected, skipped, unchanged, or an id given twice with different texts)."""
    from verify.ingest import Rejected

    pending: list[Article] = []
    seen: dict[str, tuple[str, str]] = {}  # article id -> (content hash, source) within this add
    for item in items:
        if isinstance(item, Rejected):
            (summary.skipped if getattr(item, "skipped", False) else summary.rejected).append(item)
            continue
        if item.id in seen:
            first_hash, first_source = seen[item.id]
            if first_hash != item.content_hash:
                summary.rejected.append(Rejected(item.source, f"article id '{item.id}' given twice in this add "
                                                               f"with different text (first from {first_source})"))
            continue
        seen[item.id] = (item.content_hash, item.source)
        if index.article_hash(item.id) == item.content_hash:
            summary.unchanged += 1
            continue
        pending.append(item)
    return pending


@dataclass(frozen=True, slots=True)
class ExtractedBatch:
    """One batch of articles and what the extractor made of them, to be stored in one commit."""

    articles: Sequence[Article]
    claims: list[list[Claim]]  # per article, in the articles' order
    tables: TableRows | None  # new rows of the store-wide tables: (aliases, speakers' sides)
    renames: list[tuple[str, str]]  # (old, new) canonical entity names, for claims stored before
    vectors: Callable[[], np.ndarray]  # waits for the claims' vectors (encoded on the encoding thread or an Offload)


def _extract(extractor: ClaimExtractor, articles: Sequence[Article], *,
             stored_rows: tuple[set[AliasRow], set[SideRow]], encode: StartEncoding,
             link: bool = False) -> ExtractedBatch:
    """Extract one batch's claims, with the store-wide table rows and entity renames the batch brought;
    their encoding starts here (`encode`), as soon as their texts are known; with `link`, the matcher
    reads them here too. (Renames change entities, never texts: encoding may start before or after them.)"""
    claims = extractor.extract_many([a.text for a in articles], languages=[a.language for a in articles],
                                    article_ids=[a.id for a in articles])
    tables, renames = None, []
    if isinstance(extractor, LearningExtractor):  # else it learns nothing for the store to keep
        # Read the tables on the extracting thread, the only one that changes them. Entities whose
        # canonical name changed during this batch are brought in line here; claims stored by earlier
        # batches, by the renames `_store_batch` applies.
        renames = extractor.aliases.take_renames()
        if renames:
            claims = [extractor.refresh_entities(c) for c in claims]
        tables = _new_table_rows(extractor, stored_rows)
    vectors = encode([c.text for batch in claims for c in batch])
    if link:
        from verify.match import claim_features

        # The matcher's reading of each new claim (cached by what it reads) is taken here, while the
        # other thread encodes, instead of on the linking path after it: the same reading either way.
        for claim in (c for batch in claims for c in batch):
            claim_features(claim)
    return ExtractedBatch(articles, claims, tables, renames, vectors)


def _store_batch(index: ClaimStore, batch: ExtractedBatch, *, encoder: Encoder, summary: AddSummary, link: bool,
                 judge: Judge | None = None) -> None:
    """Store one batch's claims, with their articles and vectors, and link them: one atomic commit.

    The judge reads the batch's pairs before the transaction opens (`_read_ahead`), so the writer lock,
    which every other writer of a shared index waits for, covers the judge only for pairs that reading
    did not foresee (claims another writer stored meanwhile)."""
    vectors = batch.vectors()
    memo = _read_ahead(index, batch, vectors, judge) if link and judge is not None and len(vectors) else None
    with index.batch():
        if index.model is None:
            index.bind_model(encoder.name, encoder.fingerprint, encoder.dim)
        index.rename_entities(batch.renames)
        new_claims: list[Claim] = []
        offset = 0
        for article, claims in zip(batch.articles, batch.claims):
            if index.article_hash(article.id) is not None:
                index.remove_article(article.id)
                summary.replaced += 1
            else:
                summary.added += 1
            new_claims += index.add_article(article, claims, vectors[offset:offset + len(claims)])
            offset += len(claims)
        summary.claims += len(new_claims)
        if link and new_claims:
            from verify.link import link_claims

            if memo is not None:
                memo.settle(index.generation)  # under the lock now: has another writer committed since?
            summary.links += index.add_links(link_claims(index, new_claims, vectors, judge=memo or judge))
        if batch.tables is not None:
            index.save_aliases(batch.tables[0])
            index.save_sides(batch.tables[1])


def _read_ahead(index: ClaimStore, batch: ExtractedBatch, vectors: np.ndarray, judge: Judge) -> JudgeMemo | None:
    """The judge's readings of the pairs linking this batch will most likely ask about, taken before its
    transaction (`verify.link.read_ahead`): its claims as `_store_batch` will store them, the claims of
    the articles it replaces as gone, its entity renames applied."""
    from verify import link

    claims = [dataclasses.replace(c, article_id=article.id)
              for article, article_claims in zip(batch.articles, batch.claims) for c in article_claims]
    replaced = [c.stored_id() for article in batch.articles if index.article_hash(article.id) is not None
                for c in index.claims(article_id=article.id)]
    return link.read_ahead(index, claims, vectors, judge, replaced=replaced, renames=batch.renames)


def _new_table_rows(extractor: LearningExtractor, stored: tuple[set[AliasRow], set[SideRow]]) -> TableRows:
    """What the extractor learned store-wide (entity aliases, speakers' sides) since `stored`; updates it."""
    aliases = [row for row in extractor.aliases.rows() if row not in stored[0]]
    sides = [row for row in extractor.aliases.side_rows() if row not in stored[1]]
    stored[0].update(aliases)
    stored[1].update(sides)
    return aliases, sides


def make_extractor(index: ClaimStore | None = None) -> Extractor:
    """An Extractor whose alias table starts from the index's store-wide table."""
    from verify.extract import AliasTable, Extractor

    if index is None:
        return Extractor()
    return Extractor(aliases=AliasTable.from_rows(index.aliases(), index.sides()))

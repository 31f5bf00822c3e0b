"""What the browser shows, without any widget: rows of links or claims, filtered and ordered.

Kept apart from Textual so the filtering and ordering can be tested (and timed) on their own. Rows
are the store's light summaries (`LinkSummary`, `ClaimSummary`); full `Claim`s and `Article`s are
fetched only for what is on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from verify.lang import fold_for_search as fold  # "peskov" finds "Peskov", "mexico" finds "México"
from verify.protocols import ClaimStore
from verify.records import LINK_RELATIONS
from verify.store.index import ClaimSummary, LinkSummary

RELATIONS = tuple(r.value for r in LINK_RELATIONS)
UNREVIEWED = "unreviewed"  # a verdict filter value: links nobody has judged yet


@dataclass(frozen=True)
class Filters:
    """The user's current filters; None means "any". Text fields match folded substrings."""

    relation: str | None = None
    verdict: str | None = None  # a `Verdict`, or UNREVIEWED
    side: str | None = None
    speaker: str | None = None
    entity: str | None = None
    article: str | None = None
    min_score: float = 0.0
    find: str | None = None
    claim_id: int | None = None  # links of one claim

    def describe(self) -> str:
        """One short line for the status bar: what is filtered."""
        bits = []
        if self.claim_id is not None:
            bits.append(f"claim #{self.claim_id}")
        for name in ("relation", "verdict", "side", "speaker", "entity", "article"):
            value = getattr(self, name)
            if value:
                bits.append(f"{name}={value}")
        if self.min_score:
            bits.append(f"score≥{self.min_score:g}")
        if self.find:
            bits.append(f"/{self.find}")
        return " · ".join(bits) or "no filters"

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)


@dataclass
class BrowseModel:
    """The index as the browser sees it: all link rows in display order, claim rows on demand."""

    index: ClaimStore
    links: list[LinkSummary] = field(default_factory=list)
    generation: int = -1
    _claims: list[ClaimSummary] | None = None
    _folded: dict[tuple[int, int], str] | None = None
    _entity_claims: dict[str, set[int]] = field(default_factory=dict)

    def load(self) -> None:
        """(Re)read the link rows; claim rows and caches are dropped and rebuilt when next needed."""
        self.generation = self.index.generation
        self.links = order_newest_story_first(self.index.link_summaries())
        self._claims = None
        self._folded = None
        self._entity_claims = {}

    @property
    def claims(self) -> list[ClaimSummary]:
        if self._claims is None:
            self._claims = self.index.claim_summaries()
        return self._claims

    def claims_with_entity(self, text: str) -> set[int]:
        """Ids of claims naming an entity whose canonical name contains `text` (folded)."""
        key = fold(text)
        if key not in self._entity_claims:
            names = [name for name, _ in self.index.entity_names() if key in fold(name)]
            self._entity_claims[key] = {c.id for c in self.index.claim_summaries(entities=names)} if names else set()
        return self._entity_claims[key]

    def filter_links(self, f: Filters) -> list[LinkSummary]:
        """Link rows passing every filter, in display order."""
        rows: Sequence[LinkSummary] = self.links
        if f.claim_id is not None:
            rows = [r for r in rows if f.claim_id in (r.a, r.b)]
        if f.relation:
            rows = [r for r in rows if r.relation == f.relation]
        if f.verdict:
            wanted = None if f.verdict == UNREVIEWED else f.verdict
            rows = [r for r in rows if r.verdict == wanted]
        if f.min_score:
            rows = [r for r in rows if r.score >= f.min_score]
        if f.side:
            key = fold(f.side)
            rows = [r for r in rows if key in fold(r.a_side) or key in fold(r.b_side)]
        if f.speaker:
            key = fold(f.speaker)
            rows = [r for r in rows if key in fold(r.a_speaker) or key in fold(r.b_speaker)]
        if f.article:
            key = fold(f.article)
            rows = [r for r in rows if key in fold(r.a_article) or key in fold(r.b_article)]
        if f.entity:
            ids = self.claims_with_entity(f.entity)
            rows = [r for r in rows if r.a in ids or r.b in ids]
        if f.find:
            key = fold(f.find)
            folded = self._folded_links()
            rows = [r for r in rows if key in folded[(r.a, r.b)]]
        return list(rows)

    def filter_claims(self, f: Filters) -> list[ClaimSummary]:
        """Claim rows passing the filters that apply to a single claim (side, speaker, entity, article, find)."""
        rows: Sequence[ClaimSummary] = self.claims
        if f.claim_id is not None:
            rows = [r for r in rows if r.id == f.claim_id]
        if f.side:
            key = fold(f.side)
            rows = [r for r in rows if key in fold(r.side)]
        if f.speaker:
            key = fold(f.speaker)
            rows = [r for r in rows if key in fold(r.speaker)]
        if f.article:
            key = fold(f.article)
            rows = [r for r in rows if key in fold(r.article_id)]
        if f.entity:
            ids = self.claims_with_entity(f.entity)
            rows = [r for r in rows if r.id in ids]
        if f.find:
            key = fold(f.find)
            rows = [r for r in rows if key in fold(f"{r.text} {r.speaker or ''} {r.side or ''}")]
        return list(rows)

    def _folded_links(self) -> dict[tuple[int, int], str]:
        # Folded once on the first find, not at start-up: most sessions never search.
        if self._folded is None:
            self._folded = {(r.a, r.b): fold(f"{r.a_text} {r.b_text} {r.a_speaker or ''} {r.b_speaker or ''} "
                                             f"{r.a_side or ''} {r.b_side or ''}") for r in self.links}
        return self._folded


def order_newest_story_first(rows: Sequence[LinkSummary]) -> list[LinkSummary]:
    """Group links into stories (claims connected through links) and put the newest story first.

    A story's date is the newest article date among its links (the time the link was stored when
    articles have no date); within a story the strongest link comes first (`rows` must come
    strongest first, as `ClaimIndex.link_summaries` gives them).
    """
    # Union-find over claim ids, inlined: this runs on every load of up to 20k+ links.
    parent: dict[int, int] = {}
    get = parent.get
    for r in rows:
        roots = []
        for x in (r[0], r[1]):
            root = x
            while get(root, root) != root:
                root = parent[root]
            while x != root:  # path compression
                parent[x], x = root, parent[x]
            roots.append(root)
        ra, rb = roots
        if ra != rb:
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb

    def find(x: int) -> int:
        while get(x, x) != x:
            x = parent[x]
        return x

    newest: dict[int, str] = {}
    stories = []
    for r in rows:
        date = max(r.a_date or "", r.b_date or "") or r.created_at
        root = find(r[0])
        stories.append(root)
        if date > newest.get(root, ""):
            newest[root] = date
    # Story order: newest first, then by root id so a story's links stay together; `rows` is
    # already strongest first, and the sort is stable, so that order holds within each story.
    # Dates are ISO strings: sort descending by their rank among the distinct dates.
    rank = {d: i for i, d in enumerate(sorted(set(newest.values()), reverse=True))}
    story_rank = {root: (rank[date], root) for root, date in newest.items()}
    keys = [story_rank[root] for root in stories]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    return [rows[i] for i in order]

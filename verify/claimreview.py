"""Claim ratings as schema.org ClaimReview JSON-LD, the markup fact-checkers publish for search engines.

One `ClaimReview` per rated claim: `claimReviewed` (the claim's text), `itemReviewed` (a `Claim`
whose `author` is the speaker, a Person or an Organization, and whose `appearance` is the article),
`datePublished` (when the rating was given), `reviewRating` (a numeric value on 1-5 with the
rating's name in `alternateName`) and `url` (the article's URL, or its source path when it has none).
See https://schema.org/ClaimReview.
"""

from __future__ import annotations

import json

from verify.protocols import ClaimStore
from verify.records import Article, Claim, Rating

# ratingValue on schema.org's usual 1 (worst) .. 5 (best) scale; alternateName is what readers see.
RATING_SCALE = {Rating.FALSE: 1, Rating.MISLEADING: 2, Rating.UNPROVEN: 3, Rating.TRUE: 5}
RATING_NAMES = {rating: rating.value.capitalize() for rating in Rating}

# Words that make a speaker an organisation rather than a person ("el Kremlin", "el gobierno de Rusia").
_ORG_WORDS = {"gobierno", "kremlin", "ministerio", "ministry", "government", "casa", "blanca", "agencia", "agency",
              "ejército", "ejercito", "army", "fuerzas", "comunicado", "presidencia", "consejo", "onu", "otan",
              "nato", "partido", "oficina", "departamento", "tribunal", "moscú", "moscu", "rusia", "washington",
              "pentágono", "pentagono", "medios", "diario", "periódico", "cancillería", "embajada", "coalición"}


def speaker_type(speaker: str, entity_kinds: dict[str, str] | None = None) -> str:
    """"Person" or "Organization" for a speaker name: the store's alias table first, else the words."""
    kind = (entity_kinds or {}).get(speaker.casefold())
    if kind == "PER":
        return "Person"
    if kind in ("ORG", "LOC"):
        return "Organization"
    words = speaker.replace(",", " ").split()
    if any(w.casefold() in _ORG_WORDS for w in words):
        return "Organization"
    # "Dmitri Peskov", "Lavrov": capitalised names are people; "el portavoz" is a person too.
    return "Person"


def claim_review(claim: Claim, article: Article, rating: Rating | str, note: str | None, rated_at: str,
                 *, entity_kinds: dict[str, str] | None = None, reviewer: str | None = None) -> dict:
    """One ClaimReview object for a rated claim."""
    if rating not in RATING_SCALE:
        raise ValueError(f"unknown rating '{rating}'; use one of: {', '.join(RATING_SCALE)}")
    rating = Rating(rating)
    url = article.url or article.source
    appearance: dict[str, object] = {"@type": "CreativeWork", "url": url}
    if article.title:
        appearance["headline"] = article.title
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.date:
        appearance["datePublished"] = article.date
    item: dict = {"@type": "Claim", "appearance": appearance}
    speaker = claim.speaker or claim.side
    if speaker:
        item["author"] = {"@type": speaker_type(speaker, entity_kinds), "name": speaker}
        if claim.side and claim.side != speaker:
            item["author"]["affiliation"] = {"@type": "Organization", "name": claim.side}
    if article.date:
        item["datePublished"] = article.date
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "datePublished": rated_at[:10],
        "reviewRating": {"@type": "Rating", "ratingValue": RATING_SCALE[rating], "bestRating": 5,
                         "worstRating": 1, "alternateName": RATING_NAMES[rating]},
    }
    if note:
        review["reviewBody"] = note
    if reviewer:
        review["author"] = {"@type": "Organization", "name": reviewer}
    return review


def claim_reviews(index: ClaimStore, *, reviewer: str | None = None) -> list[dict]:
    """ClaimReview objects for every rated claim in `index`, in claim id order."""
    ratings = index.claim_ratings()
    claims = index.claims(ids=sorted(ratings))
    aliases = index.aliases()  # (surface, canonical, kind) rows
    kinds = {surface.casefold(): kind for surface, _, kind in aliases}
    kinds.update({canonical.casefold(): kind for _, canonical, kind in aliases})
    articles: dict[str, Article | None] = {}
    out = []
    for claim in claims:
        if claim.article_id not in articles:
            articles[claim.article_id] = index.article(claim.article_id)
        article = articles[claim.article_id]
        if article is None:  # removed by another process between the reads
            continue
        rating, note, rated_at = ratings[claim.stored_id()]
        out.append(claim_review(claim, article, rating, note, rated_at, entity_kinds=kinds, reviewer=reviewer))
    return out


def render_claimreview(reviews: list[dict]) -> str:
    """JSON-LD text: a list of ClaimReview objects (one object alone is still wrapped in a list)."""
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"

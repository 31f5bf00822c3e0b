"""`verify rebuild`: make the index anew from its stored articles.

Used after a model change or new extraction rules. The new index is built beside the old one and
swapped in by renames, so an interrupted rebuild leaves the old index as it was. Link verdicts and
claim ratings are keyed by claim ids, which a rebuild renumbers; they are carried over by matching
article id and claim span.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from verify.pipeline import AddSummary, add_articles, make_extractor


def rebuild_index(path: Path, *, model: str | None = None, judge=None, progress=None) -> AddSummary:
    """Rebuild the index at `path` with `model` (default: the index's own) and `judge`; the summary of
    re-adding its articles."""
    from verify.models import models_for_index
    from verify.store import ClaimIndex

    path = Path(path)
    with ClaimIndex.open(path, writable=True) as old:
        articles = old.articles()
        old_claims = {c.id: (c.article_id, c.start, c.end) for c in old.claims()}
        verdicts = old.link_verdicts()
        ratings = old.claim_ratings()
        encoder = models_for_index(old, model=model).encoder()  # the old index's own model unless --model
    tmp = path.with_name(path.name + ".rebuild")
    shutil.rmtree(tmp, ignore_errors=True)
    with ClaimIndex.open(tmp, create=True) as new:
        summary = add_articles(new, articles, encoder=encoder, extractor=make_extractor(), progress=progress,
                               judge=judge)
        spans = {(c.article_id, c.start, c.end): c.id for c in new.claims()}
        remap = {old_id: spans.get(key) for old_id, key in old_claims.items()}
        links = {(l.a, l.b) for l in new.links()}
        with new.batch():
            for (a, b), (verdict, note) in verdicts.items():
                na, nb = remap.get(a), remap.get(b)
                if na and nb and (min(na, nb), max(na, nb)) in links:
                    new.set_link_verdict(na, nb, verdict, note)
            for claim_id, (rating, note, _when) in ratings.items():
                if remap.get(claim_id):
                    new.set_claim_rating(remap[claim_id], rating, note)
    retired = path.with_name(path.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    path.rename(retired)
    tmp.rename(path)
    shutil.rmtree(retired, ignore_errors=True)
    return summary

"""`verify rebuild`: make the index anew from its stored articles.

Used after a model change or new extraction rules. The new index is built beside the old one and
swapped in by renames, so an interrupted rebuild leaves the old index as it was. Link verdicts and
claim ratings are keyed by claim ids, which a rebuild renumbers; they are carried over by matching
article id and claim span.

`into` builds the new index elsewhere (a new folder, or an empty PostgreSQL database) and leaves the
old one as it is. A shared PostgreSQL index is rebuilt only so: everyone works on it, so it is not
swapped under them; the desk moves to the new database when it is ready (docs/TEAM.md). The same
way moves a folder's index onto PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from verify.errors import IndexError_
from verify.pipeline import AddSummary, ProgressFn, add_articles, make_extractor
from verify.protocols import ClaimStore, Judge


def rebuild_index(path: str | os.PathLike, *, into: str | os.PathLike | None = None, model: str | None = None,
                  judge: Judge | None = None, progress: ProgressFn | None = None,
                  user: str | None = None) -> AddSummary:
    """Rebuild the index at `path` (a folder or a postgresql:// URL) with `model` (default: the index's
    own) and `judge`, in place or `into` a new index; the summary of re-adding its articles. `user`:
    who the carried-over verdicts and ratings are recorded as on a PostgreSQL target."""
    from verify.store.postgres import is_postgres_url, redact

    if into is None:
        if is_postgres_url(path):
            raise IndexError_(f"{redact(path)}: a shared index is not rebuilt in place (others work on it); rebuild "
                              "it into a new, empty database and move the desk there: `verify rebuild --into "
                              "postgresql://USER@HOST/NEWDB` (docs/TEAM.md)")
        return _rebuild_in_place(Path(path), model=model, judge=judge, progress=progress)
    return _rebuild_into(path, into, model=model, judge=judge, progress=progress, user=user)


def _rebuild_in_place(path: Path, *, model: str | None, judge: Judge | None,
                      progress: ProgressFn | None) -> AddSummary:
    from verify.store import ClaimIndex

    with ClaimIndex.open(path, writable=True) as old:
        state = _OldState(old, model)
    tmp = path.with_name(path.name + ".rebuild")
    shutil.rmtree(tmp, ignore_errors=True)
    with ClaimIndex.open(tmp, create=True) as new:
        summary = state.fill(new, judge=judge, progress=progress)
    retired = path.with_name(path.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    path.rename(retired)
    tmp.rename(path)
    shutil.rmtree(retired, ignore_errors=True)
    return summary


def _rebuild_into(path: str | os.PathLike, into: str | os.PathLike, *, model: str | None, judge: Judge | None,
                  progress: ProgressFn | None, user: str | None) -> AddSummary:
    from verify.store.index import DB_NAME
    from verify.store.postgres import is_postgres_url, open_store, redact

    if redact(path) == redact(into) or (not is_postgres_url(path) and not is_postgres_url(into)
                                        and Path(path).absolute() == Path(into).absolute()):
        raise IndexError_(f"{redact(into)}: that is the index being rebuilt; give a new folder or an empty database")
    with open_store(path, writable=not is_postgres_url(path)) as old:  # a folder's lock: nobody adds meanwhile
        state = _OldState(old, model)
    folder = None if is_postgres_url(into) else Path(into)
    made = folder is not None and not folder.exists()
    if folder is not None and (folder / DB_NAME).exists():
        raise IndexError_(f"{folder}: already holds an index; rebuild into a new folder")
    try:
        with open_store(into, create=True, user=user) as new:
            if new.stats().articles:
                raise IndexError_(f"{new.path}: already holds an index ({new.stats().articles} articles); rebuild "
                                  "into a new, empty one")
            return state.fill(new, judge=judge, progress=progress)
    except BaseException:
        if folder is not None and made:
            shutil.rmtree(folder, ignore_errors=True)  # the folder this rebuild made, half built
        raise


class _OldState:
    """What a rebuild takes from the old index: its articles, claim spans, verdicts, ratings and encoder."""

    def __init__(self, old: ClaimStore, model: str | None):
        from verify.models import models_for_index

        self.articles = old.articles()
        self.claims = {c.id: (c.article_id, c.start, c.end) for c in old.claims()}
        self.verdicts = old.link_verdicts()
        self.ratings = old.claim_ratings()
        self.encoder = models_for_index(old, model=model).encoder()  # the old index's own model unless --model

    def fill(self, new: ClaimStore, *, judge: Judge | None, progress: ProgressFn | None) -> AddSummary:
        """Add the articles to `new`, then carry the verdicts and ratings over to the new claim ids."""
        summary = add_articles(new, self.articles, encoder=self.encoder, extractor=make_extractor(),
                               progress=progress, judge=judge)
        spans = {(c.article_id, c.start, c.end): c.id for c in new.claims()}
        remap = {old_id: spans.get(key) for old_id, key in self.claims.items()}
        links = {(l.a, l.b) for l in new.links()}
        with new.batch():
            for (a, b), (verdict, note) in self.verdicts.items():
                na, nb = remap.get(a), remap.get(b)
                if na and nb and (min(na, nb), max(na, nb)) in links:
                    new.set_link_verdict(na, nb, verdict, note)
            for claim_id, (rating, note, _when) in self.ratings.items():
                new_id = remap.get(claim_id)
                if new_id:
                    new.set_claim_rating(new_id, rating, note)
        return summary

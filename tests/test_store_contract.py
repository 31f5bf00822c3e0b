"""What every store promises, checked on each: the SQLite folder and the shared PostgreSQL database.

Store-specific behaviour (SQLite's vector-file rotation and crash files; PostgreSQL's migrations,
roles and many writers) stays in tests/test_store.py and tests/test_postgres.py. The PostgreSQL
cases start the session's throwaway cluster (tests/conftest.py) and skip, naming what to install,
where its server or psycopg is missing.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from conftest import add_sentences, make_article, make_claim

from verify.errors import IndexError_
from verify.protocols import ClaimStore
from verify.records import Link, Relation

OpenStore = Callable[..., ClaimStore]  # open_store(create=..., writable=...) on one fixed location


@pytest.fixture(params=["sqlite", "postgresql"])
def open_store(request, tmp_path) -> OpenStore:
    if request.param == "sqlite":
        from verify.store import ClaimIndex

        return lambda **options: ClaimIndex.open(tmp_path / "ix", **options)
    url = request.getfixturevalue("pg_url")  # only the PostgreSQL cases start the cluster
    from verify.store.postgres import PostgresClaimIndex

    return lambda **options: PostgresClaimIndex.open(url, **options)


def test_claims_and_vectors_survive_reopen(open_store, fake_encoder):
    with open_store(create=True) as index:
        stored = add_sentences(index, fake_encoder, "a1", ["Rusia envió armas a Libia.", "El embargo sigue vigente."],
                               entities=["Rusia"], side_spans=[(0, 5)])
        assert [c.id for c in stored] == [1, 2]
    with open_store() as index:
        claims = index.claims(article_id="a1")
        assert [c.text for c in claims] == ["Rusia envió armas a Libia.", "El embargo sigue vigente."]
        assert claims[0].entities[0].canonical == "Rusia" and claims[0].side_spans == ((0, 5),)
        scores, ids = index.search(fake_encoder.encode(["Rusia envió armas a Libia."]), 2)
        assert ids[0][0] == 1 and scores[0][0] == pytest.approx(1.0, abs=1e-5)
        assert index.stats().claims == 2 and index.model.name == "fake"


def test_ids_never_reused_and_removed_vectors_leave(open_store, fake_encoder):
    with open_store(create=True) as index:
        add_sentences(index, fake_encoder, "a1", ["Uno dos tres.", "Cuatro cinco seis."])
        assert len(index.vectors) == 2
        with index.batch():
            assert index.remove_article("a1") == 2
        stored = add_sentences(index, fake_encoder, "a1", ["Siete ocho nueve."])
        assert stored[0].id == 3  # a replaced article's claim ids are not handed out again
        assert index.vectors.ids().tolist() == [3]
    with open_store() as index:  # a fresh load agrees with the incremental one
        assert index.vectors.ids().tolist() == [3]


def test_failed_batch_leaves_the_last_committed_state(open_store, fake_encoder):
    with open_store(create=True) as index:
        add_sentences(index, fake_encoder, "a1", ["Primera afirmación del artículo."])
        generation = index.generation
        with pytest.raises(KeyboardInterrupt):
            with index.batch():
                index.add_article(make_article("a2", "Segunda."), [make_claim("a2", "Segunda.")],
                                  fake_encoder.encode(["Segunda."]))
                assert len(index.vectors) == 2  # the batch sees its own claims, in search too
                raise KeyboardInterrupt
        assert index.article_ids() == ["a1"] and index.generation == generation
        assert index.vectors.ids().tolist() == [1]  # the in-memory change went with the rollback
        stored = add_sentences(index, fake_encoder, "a2", ["Segunda afirmación de otro artículo."])
        assert stored[0].id > 1 and len(index.vectors) == 2


def test_links_stored_once_filtered_and_gone_with_their_claims(open_store, fake_encoder):
    with open_store(create=True) as index:
        a = add_sentences(index, fake_encoder, "a1", ["Rusia apoya a Haftar."])
        b = add_sentences(index, fake_encoder, "a2", ["Rusia no apoya a Haftar."])
        link = Link(a[0].id, b[0].id, Relation.CONTRADICTS, 0.9, "denial", 0.95, "t")
        with index.batch():
            index.add_links([link, link])
            index.set_link_verdict(b[0].id, a[0].id, "confirmed", "checked")  # either order names the link
        assert index.links() == [link]
        assert index.links(relation="supports") == [] and index.links(min_score=0.95) == []
        assert len(index.links(verdict="confirmed")) == 1
        with index.batch():
            index.remove_article("a2")  # links and verdicts go with the claims
        assert index.links() == [] and index.link_verdicts() == {}
        with pytest.raises(IndexError_, match="no link between claims"):
            with index.batch():
                index.set_link_verdict(a[0].id, b[0].id, "rejected")
        with pytest.raises(IndexError_, match=f"no claim {b[0].id}"):
            with index.batch():
                index.set_claim_rating(b[0].id, "false")
        with index.batch():
            index.set_claim_rating(a[0].id, "false", "checked")
        assert index.claim_ratings()[a[0].id][0] == "false"


def test_foreign_model_refused(open_store, fake_encoder):
    with open_store(create=True) as index:
        add_sentences(index, fake_encoder, "a1", ["Una afirmación."])
    with open_store(writable=True) as index:
        with pytest.raises(IndexError_, match="built with model 'fake'"):
            index.check_model("otro-modelo")
        with pytest.raises(IndexError_, match="has changed since this index was built"):
            with index.batch():
                index.bind_model("fake", "another-fingerprint", fake_encoder.dim)


def test_writes_need_a_batch(open_store):
    with open_store(create=True) as index:
        with pytest.raises(RuntimeError, match="batch"):
            index.add_article(make_article("a", "x"), [], np.zeros((0, 64), np.float32))

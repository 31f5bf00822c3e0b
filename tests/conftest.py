"""Shared fixtures: a fake encoder and hand-made records, so unit tests need no model."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from verify.embed import FakeEncoder
from verify.records import Article, Claim, Entity, Polarity

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder(dim=64)


@contextmanager
def http_server(handler, stop: threading.Event) -> Iterator[str]:
    """Serve `handler` (a BaseHTTPRequestHandler class) on 127.0.0.1 at a free port; yields the base URL.
    On exit `stop` is set first, so handlers that trickle or wait give up, then the server stops."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def make_article(article_id: str, text: str, **fields) -> Article:
    return Article(id=article_id, text=text, source=f"{article_id}.txt",
                   content_hash=hashlib.sha256(text.encode()).hexdigest(), **fields)


def make_claim(article_id: str, text: str, start: int = 0, *, speaker=None, side=None,
               polarity=Polarity.ASSERTS, entities=(), side_spans=()) -> Claim:
    return Claim(article_id=article_id, text=text, start=start, end=start + len(text), checkworthiness=0.9,
                 speaker=speaker, side=side, polarity=polarity,
                 entities=tuple(Entity(e, e, "LOC") for e in entities), side_spans=tuple(side_spans))


def add_sentences(index, encoder, article_id: str, sentences, **claim_fields):
    """Store one article made of `sentences`, one claim each, in its own batch (any store)."""
    text = " ".join(sentences)
    article = make_article(article_id, text)
    claims, pos = [], 0
    for s in sentences:
        start = text.index(s, pos)
        claims.append(make_claim(article_id, s, start, **claim_fields))
        pos = start + len(s)
    with index.batch():
        if index.model is None:
            index.bind_model(encoder.name, encoder.fingerprint, encoder.dim)
        return index.add_article(article, claims, encoder.encode(sentences))


# ------------------------------------------------------------------ the shared store's throwaway cluster
@pytest.fixture(scope="session")
def cluster():
    """One throwaway PostgreSQL cluster for the session (tests/pg.py); skips, naming what to install,
    where psycopg or the server binaries are missing."""
    pytest.importorskip("psycopg", reason="needs psycopg: pip install 'psycopg[binary]' (the team extra)")
    from pg import MISSING, server_binaries, throwaway_cluster

    bindir = server_binaries()
    if bindir is None:
        pytest.skip(MISSING)
    with throwaway_cluster(bindir) as server:
        yield server


@pytest.fixture
def pg_url(cluster) -> str:
    """A fresh, empty database on the cluster."""
    return cluster.url(cluster.new_database())

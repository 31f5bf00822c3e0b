"""Synthetic indexes for benchmarks: many claims and links, written through the real store.

Vectors are clustered (stories) rather than uniform, since real claim embeddings are; texts are
made of story vocabulary so entity and word overlap behave roughly like news.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import numpy as np

from verify.records import Article, Claim, Entity, Link, Polarity, Relation
from verify.store import ClaimIndex

WORDS = ("gobierno ministro acuerdo armas frontera elecciones tropas sanciones contrato hospital presupuesto "
         "portavoz informe embargo protesta acuerdo petróleo deuda vacuna tribunal").split()
PLACES = ["Rusia", "Libia", "Siria", "Corea del Norte", "Ucrania", "Egipto", "México", "Argentina", "Chile", "España"]
SIDES = ["Kremlin", "United States government", "United Nations", "European Union", None]


def clustered_vectors(n: int, dim: int, *, stories: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    centres = rng.standard_normal((stories, dim)).astype(np.float32)
    story = rng.integers(0, stories, n)
    vectors = centres[story] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, story


def build_synthetic_index(path: Path, *, claims: int, links: int = 0, dim: int = 384, claims_per_article: int = 20,
                          seed: int = 0, model: str = "synthetic", fingerprint: str | None = None) -> None:
    """Write `claims` claims in articles of `claims_per_article`, and `links` random links between them."""
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    vectors, story = clustered_vectors(claims, dim, stories=max(claims // 50, 1), rng=rng)
    with ClaimIndex.open(path, create=True) as index:
        with index.batch():
            index.bind_model(model, fingerprint or f"{model}-{dim}", dim)
        row = 0
        article_no = 0
        while row < claims:
            with index.batch():
                for _ in range(500):
                    if row >= claims:
                        break
                    n = min(claims_per_article, claims - row)
                    sentences, ents = [], []
                    for i in range(n):
                        place = PLACES[story[row + i] % len(PLACES)]
                        words = " ".join(pyrng.choice(WORDS) for _ in range(12))
                        sentences.append(f"En {place}, el {words} según la fuente {story[row + i]}.")
                        ents.append(place)
                    text = " ".join(sentences)
                    aid = f"syn{article_no:06d}"
                    article = Article(id=aid, text=text, source=f"synthetic/{aid}.txt",
                                      content_hash=hashlib.sha256(text.encode()).hexdigest(),
                                      title=f"Artículo sintético {article_no}", outlet="Sintético",
                                      date="2024-01-01", language="es")
                    pos, cl = 0, []
                    for s, place in zip(sentences, ents):
                        start = text.index(s, pos)
                        pos = start + len(s)
                        cl.append(Claim(article_id=aid, text=s, start=start, end=pos, checkworthiness=0.8,
                                        speaker=pyrng.choice([None, "portavoz", "ministro"]),
                                        side=pyrng.choice(SIDES), cue="dijo",
                                        polarity=pyrng.choice(list(Polarity)),
                                        entities=(Entity(place, place, "LOC"),), language="es"))
                    index.add_article(article, cl, vectors[row:row + n])
                    row += n
                    article_no += 1
        if links:
            ids = np.arange(1, claims + 1)
            pairs = set()
            while len(pairs) < links:
                a, b = (int(x) for x in rng.choice(ids, 2, replace=False))
                pairs.add((min(a, b), max(a, b)))
            relations = [Relation.CONTRADICTS, Relation.SUPPORTS, Relation.REPEATS]
            with index.batch():
                index.add_links(Link(a, b, pyrng.choice(relations), round(pyrng.random(), 3),
                                     "synthetic link", 0.8, "synthetic") for a, b in sorted(pairs))

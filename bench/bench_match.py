"""Matcher speed: pairs/s classified on real candidate pairs, and linking time per new article at
10k and 100k claims, in one run.

    .venv/bin/python bench/bench_match.py [--articles 200] [--sizes 10000,100000] [--runs 3] [--per-size 5]

(a) The first `--articles` news articles (../shared/data/news_es) go through the real pipeline
(`add_articles`, default encoder, `make_extractor`) into a temporary index without linking; the
linker's candidate pairs for all their claims (`verify.link.candidate_pairs`, with `link_claims`'s
same-article-same-speaker filter) are then classified by `verify.match.classify_many`. Cold: every
functools cache of verify.match and its modules cleared before each run (what a fresh process has,
except modules already imported); warm: caches kept. Medians of `--runs`.

(b) A synthetic index of N claims (bench/synthetic.py; the real encoder's name, fingerprint and
dimension) receives one real news article at a time: extracted, encoded, stored with
`index.batch()` + `index.add_article`; only `verify.link.link_claims` for its claims is timed
(kNN search, entity candidates, claim lookups, classification). Median over `--per-size` articles
(after one untimed article), the same articles at every N. Synthetic vectors are not real
embeddings, so few kNN neighbours of a real claim pass the similarity floor: (b) measures what
grows with N (search and lookups); (a) measures classification per pair.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, median_time, table  # noqa: E402
from synthetic import build_synthetic_index  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def clear_match_caches() -> int:
    """Clear every functools cache in verify.match and its submodules; returns how many were cleared."""
    import verify.match

    cleared = 0
    modules = [m for name, m in sorted(sys.modules.items())
               if name == "verify.match" or name.startswith("verify.match.")]
    for module in modules:
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()
                cleared += 1
    assert verify.match in modules
    return cleared


def linker_pairs(index, claims, vectors):
    """The pairs `link_claims` would classify: candidate_pairs, minus same article and same speaker."""
    from verify.link import candidate_pairs

    pairs, sims = candidate_pairs(index, claims, vectors)
    known = {c.id: c for c in claims}
    missing = sorted({i for pair in pairs for i in pair if i not in known})
    known.update({c.id: c for c in index.claims(ids=missing)})
    kept, kept_sims = [], []
    for (a, b), sim in zip(pairs, sims):
        ca, cb = known[a], known[b]
        if ca.article_id == cb.article_id and (ca.speaker or None) == (cb.speaker or None):
            continue
        kept.append((ca, cb))
        kept_sims.append(sim)
    return kept, np.array(kept_sims, dtype=np.float32)


def bench_pairs(articles, encoder, work: Path, runs: int) -> dict:
    from verify import match
    from verify.pipeline import add_articles, make_extractor
    from verify.store import ClaimIndex

    with ClaimIndex.open(work / "news", create=True) as index:
        t = time.perf_counter()
        summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), link=False)
        add_s = time.perf_counter() - t
        claims = index.claims()
        vectors = index.vectors.get(np.array([c.id for c in claims], dtype=np.int64))
        t = time.perf_counter()
        pairs, sims = linker_pairs(index, claims, vectors)
        candidates_s = time.perf_counter() - t

    def classify():
        return match.classify_many(pairs, sims)

    cold_times = []
    for _ in range(runs):
        clear_match_caches()
        t = time.perf_counter()
        classify()
        cold_times.append(time.perf_counter() - t)
    cold = statistics.median(cold_times)
    warm = median_time(classify, runs=runs, warmup=1)
    relations = Counter(str(v.relation) for v in classify())
    return {"articles": summary.added, "claims": len(claims), "pairs": len(pairs), "add_s": add_s,
            "candidates_s": candidates_s, "cold_s": cold, "warm_s": warm, "caches": clear_match_caches(),
            "relations": dict(relations)}


def bench_linking(articles, encoder, work: Path, sizes: list[int], per_size: int) -> list[dict]:
    from verify.link import link_claims
    from verify.pipeline import make_extractor
    from verify.store import ClaimIndex

    extractor = make_extractor()
    chosen, extracted = [], []
    for article in articles:  # one untimed article, then `per_size` timed ones, each with claims
        claims = extractor.extract_many([article.text], languages=[article.language], article_ids=[article.id])[0]
        if claims:
            chosen.append(article)
            extracted.append((claims, encoder.encode([c.text for c in claims])))
        if len(chosen) == per_size + 1:
            break
    results = []
    for size in sizes:
        path = work / f"syn{size}"
        t = time.perf_counter()
        build_synthetic_index(path, claims=size, dim=encoder.dim, model=encoder.name,
                              fingerprint=encoder.fingerprint)
        build_s = time.perf_counter() - t
        times, pairs, links = [], [], []
        with ClaimIndex.open(path, writable=True) as index:
            for article, (claims, vectors) in zip(chosen, extracted):
                with index.batch():
                    stored = index.add_article(article, claims, vectors)
                    t = time.perf_counter()
                    made = link_claims(index, stored, vectors)
                    times.append(time.perf_counter() - t)
                    index.add_links(made)
                pairs.append(len(linker_pairs(index, stored, vectors)[0]))
                links.append(len(made))
        shutil.rmtree(path, ignore_errors=True)
        results.append({"claims": size, "build_s": build_s, "link_s": statistics.median(times[1:]),
                        "times": times[1:], "claims_per_article": [len(c) for c, _ in extracted[1:]],
                        "pairs": pairs[1:], "links": links[1:]})
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200, help="news articles whose claims are paired in (a)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000", help="synthetic index sizes for (b), comma-separated")
    parser.add_argument("--per-size", type=int, default=5, help="articles linked at each size (median)")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.records import Article

    encoder = load_encoder()
    news = [a for a in iter_sources([str(NEWS)]) if isinstance(a, Article)]
    work = Path(tempfile.mkdtemp(prefix="bench-match-"))
    try:
        pairs = bench_pairs(news[:args.articles], encoder, work, args.runs)
        print(f"(a) done: {pairs['pairs']} pairs", file=sys.stderr, flush=True)
        linking = bench_linking(news[args.articles:], encoder, work, sizes, args.per_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    from verify.match import MATCHER_VERSION

    print(f"machine: {machine()}; encoder: {encoder.name} ({getattr(encoder, 'runtime', '?')}); "
          f"matcher {MATCHER_VERSION}\n")
    print(f"(a) {pairs['pairs']:,} linker candidate pairs from {pairs['claims']:,} claims of the first "
          f"{pairs['articles']} news articles (relations: "
          + ", ".join(f"{k} {v}" for k, v in sorted(pairs["relations"].items())) + f"); median of {args.runs}\n")
    print(table(["classify_many", "seconds", "pairs/s"], [
        [f"cold ({pairs['caches']} caches cleared before each run)", f"{pairs['cold_s']:.3f}",
         f"{pairs['pairs'] / pairs['cold_s']:,.0f}"],
        ["warm (features cached)", f"{pairs['warm_s']:.3f}", f"{pairs['pairs'] / pairs['warm_s']:,.0f}"],
    ]))
    print(f"\n(b) link_claims for one new news article (median of {args.per_size}; claims per article "
          f"{linking[0]['claims_per_article']})\n")
    rows = [[f"{r['claims']:,}", f"{r['link_s'] * 1000:.0f}", " / ".join(f"{t * 1000:.0f}" for t in r["times"]),
             " / ".join(map(str, r["pairs"])), " / ".join(map(str, r["links"])), f"{r['build_s']:.1f}"]
            for r in linking]
    print(table(["index claims", "median ms", "per article ms", "pairs classified", "links", "index build s"], rows))
    if len(linking) >= 2:
        print(f"\nratio {linking[-1]['claims']:,} / {linking[0]['claims']:,}: "
              f"{linking[-1]['link_s'] / linking[0]['link_s']:.2f}")
    print(json.dumps({"pairs": pairs, "linking": linking}))


if __name__ == "__main__":
    main()

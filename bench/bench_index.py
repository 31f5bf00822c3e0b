"""Adding one article to an index of N claims, against rebuilding the index, in one run.

    .venv/bin/python bench/bench_index.py [--claims 100000] [--runs 5]

The index holds N synthetic claims (bench/synthetic.py: clustered vectors, news-like texts) made
with the real default encoder's dimension. "Add one article" is the real `add_articles` path:
extraction (spaCy), encoding (the default model), store, kNN + entity linking, atomic commit.
"Full rebuild" is what `verify rebuild` does for N claims: extraction and encoding of every claim
plus the store writes. The store part is timed for real at N; extraction and encoding of N claims
are timed on a sample of real news claims and scaled by N / sample (stated in the output).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, median_time, table  # noqa: E402
from synthetic import build_synthetic_index  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=40, help="news articles used to time extract+encode")
    args = parser.parse_args()

    from verify.embed import load_encoder
    from verify.extract import Extractor
    from verify.ingest import iter_sources
    from verify.pipeline import add_articles
    from verify.store import ClaimIndex

    encoder = load_encoder()
    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")]
    work = Path(tempfile.mkdtemp(prefix="bench-index-"))
    try:
        path = work / "ix"
        t = time.perf_counter()
        # the synthetic index carries the real model's identity so it accepts the real encoder's vectors
        build_synthetic_index(path, claims=args.claims, dim=encoder.dim, model=encoder.name,
                              fingerprint=encoder.fingerprint)
        store_build = time.perf_counter() - t

        extractor = Extractor()
        extractor.extract_many([articles[0].text])  # load spaCy outside the timings
        encoder.encode(["calentamiento"])
        queue = iter(articles[1:])

        def add_one() -> None:
            with ClaimIndex.open(path, writable=True) as index:
                summary = add_articles(index, [next(queue)], encoder=encoder, extractor=extractor)
                assert summary.added == 1

        one = median_time(add_one, runs=args.runs, warmup=1)

        sample = articles[1 + args.runs + 1: 1 + args.runs + 1 + args.sample]
        t = time.perf_counter()
        claims = [c for cl in extractor.extract_many([a.text for a in sample]) for c in cl]
        extract_s = time.perf_counter() - t
        t = time.perf_counter()
        encoder.encode([c.text for c in claims])
        encode_s = time.perf_counter() - t
        per_claim = (extract_s + encode_s) / len(claims)
        rebuild = store_build + per_claim * args.claims
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"machine: {machine()}; encoder: {encoder.name} ({getattr(encoder, 'runtime', '?')})\n")
    print(table(["what", "seconds"], [
        [f"add one news article to an index of {args.claims:,} claims (median of {args.runs})", f"{one:.2f}"],
        [f"store writes for {args.claims:,} claims (measured)", f"{store_build:.1f}"],
        [f"extract + encode {len(claims)} claims of {len(sample)} news articles (measured)",
         f"{extract_s + encode_s:.1f}"],
        [f"full rebuild of {args.claims:,} claims (store measured + extract/encode scaled)", f"{rebuild:.0f}"],
        ["ratio rebuild / add one", f"{rebuild / one:.0f}"],
    ]))
    print(json.dumps({"add_one_s": one, "rebuild_s": rebuild, "store_build_s": store_build,
                      "extract_encode_per_claim_s": per_claim}))


if __name__ == "__main__":
    main()

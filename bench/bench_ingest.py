"""Raw encoder throughput against ingest pipeline throughput, measured in the same run.

    .venv/bin/python bench/bench_ingest.py [--runs 3] [--articles 971]

Each run: (1) the default encoder alone encodes the claim texts of the corpus (sentences/s);
(2) `verify add` as a library call ingests the same articles into a fresh index: read, clean,
extract, encode, store, link, commit (claims/s). The ratio (2)/(1) says how much of the encoder's
speed the whole pipeline keeps. Reported as medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=971)
    args = parser.parse_args()

    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.pipeline import add_articles, make_extractor
    from verify.store import ClaimIndex

    encoder = load_encoder()
    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    # The claim texts to encode raw: what the pipeline will encode, extracted once up front.
    extractor = make_extractor()
    extractor.extract_many([articles[0].text])  # load spaCy outside the timing
    t = time.perf_counter()
    claim_texts = [c.text for cl in extractor.extract_many([a.text for a in articles]) for c in cl]
    extract_rate = len(claim_texts) / (time.perf_counter() - t)  # extraction alone, on the calling thread
    encoder.encode(claim_texts[:64])  # warm-up: compile / first-call costs out of the timings

    rows, raw_rates, pipe_rates, ratios = [], [], [], []
    for run in range(args.runs):
        t = time.perf_counter()
        encoder.encode(claim_texts)
        raw = len(claim_texts) / (time.perf_counter() - t)
        work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
        try:
            with ClaimIndex.open(work / "ix", create=True) as index:
                t = time.perf_counter()
                summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index))
                elapsed = time.perf_counter() - t
        finally:
            shutil.rmtree(work, ignore_errors=True)
        pipe = summary.claims / elapsed
        raw_rates.append(raw)
        pipe_rates.append(pipe)
        ratios.append(pipe / raw)
        rows.append([run + 1, f"{raw:.0f}", f"{pipe:.1f}", f"{pipe / raw:.3f}", summary.added, summary.claims,
                     summary.links, f"{elapsed:.0f}"])
    print(f"machine: {machine()}; encoder: {encoder.name} ({getattr(encoder, 'runtime', '?')}); "
          f"{len(articles)} articles, {len(claim_texts)} claims\n")
    print(table(["run", "raw encoder sentences/s", "pipeline claims/s", "pipeline / encoder", "articles",
                 "claims", "links", "pipeline s"], rows))
    print(f"\nextraction alone (once, before the runs): {extract_rate:.1f} claims/s")
    print(f"median: encoder {statistics.median(raw_rates):.0f} sentences/s, pipeline "
          f"{statistics.median(pipe_rates):.1f} claims/s, ratio {statistics.median(ratios):.3f}")
    print(json.dumps({"raw": raw_rates, "pipeline": pipe_rates, "ratio": ratios, "extract_alone": extract_rate}))


if __name__ == "__main__":
    main()

"""Raw encoder throughput against ingest pipeline throughput, measured in the same run.

    .venv/bin/python bench/bench_ingest.py [--runs 3] [--articles 971]
    .venv/bin/python bench/bench_ingest.py --rss [--nli default --nli none]

Each run: (1) the default encoder alone encodes the claim texts of the corpus (sentences/s);
(2) `verify add` as a library call ingests the same articles into a fresh index: read, clean,
extract, encode, store, link, commit (claims/s). The ratio (2)/(1) says how much of the encoder's
speed the whole pipeline keeps. Reported as medians over the runs.

`--rss` instead runs `verify add` on all of news_es as a user does (a separate process, a fresh
index, each `--nli` given) and reports its peak resident memory (the kernel's ru_maxrss of the
child): issue #10 asks for under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
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
    parser.add_argument("--rss", action="store_true", help="peak memory of `verify add` on news_es instead")
    parser.add_argument("--nli", action="append", help="with --rss: judge settings to run (default: default, none)")
    args = parser.parse_args()
    if args.rss:
        peak_memory(args.nli or ["default", "none"])
        return

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


def peak_memory(judges: list[str]) -> None:
    """One `verify add` of all news_es per judge setting, each in its own process on a fresh index."""
    rows = []
    for nli in judges:
        work = Path(tempfile.mkdtemp(prefix="bench-rss-"))
        try:
            t = time.perf_counter()
            # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: one child per process keeps it exact.
            code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
                    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
            verify = str(ROOT / ".venv" / "bin" / "verify")
            out = subprocess.run([sys.executable, "-c", code, verify, "--index", str(work / "ix"), "add", str(NEWS),
                                  "--nli", nli], capture_output=True, text=True, env=dict(os.environ), check=True)
            elapsed = time.perf_counter() - t
        finally:
            shutil.rmtree(work, ignore_errors=True)
        lines = out.stdout.strip().splitlines()
        peak_mib = int(lines[-1]) / 1024  # Linux reports KiB
        rows.append([nli, f"{peak_mib:.0f}", "yes" if peak_mib < 2048 else "no", f"{elapsed:.0f}", lines[-2]])
    print(f"machine: {machine()}; `verify add` of all news_es ({NEWS.name}), one process each\n")
    print(table(["--nli", "peak RSS MiB", "under 2 GB", "seconds", "summary"], rows))


if __name__ == "__main__":
    main()

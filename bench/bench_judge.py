"""The judge's cost: pairs/s alone, and ingest claims/s with and without it, measured in one run.

    .venv/bin/python bench/bench_judge.py [--runs 3] [--articles 971]

(1) The shipped judge scores real pair texts (tests/data pair files, both ways round): pairs/s.
(2) `verify add` as a library call ingests the same news_es articles into fresh indexes, once with
the judge off and once on (alternating, `--runs` times each): claims/s, links, how many pairs the
judge read. The target (issue #9): ingest with the judge keeps >= 0.5 of the speed without it.
Reported as medians over the runs; the machine line names the CPU's vector extensions.
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


def pair_texts() -> tuple[list[str], list[str]]:
    a, b = [], []
    for path in sorted((ROOT / "tests" / "data").glob("news_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            a.append(row["a"])
            b.append(row["b"])
    return a + b, b + a


def ingest(articles, encoder, judge) -> tuple[float, object, float]:
    from verify.pipeline import add_articles, make_extractor
    from verify.store import ClaimIndex

    work = Path(tempfile.mkdtemp(prefix="bench-judge-"))
    try:
        with ClaimIndex.open(work / "ix", create=True) as index:
            t = time.perf_counter()
            summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=judge)
            elapsed = time.perf_counter() - t
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summary.claims / elapsed, summary, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=971)
    args = parser.parse_args()

    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.judge import load_judge

    encoder = load_encoder()
    judge = load_judge()
    premises, hypotheses = pair_texts()
    judge.probabilities(premises[:64], hypotheses[:64])  # load, export once, compile: out of the timing
    rates = []
    for _ in range(args.runs):
        t = time.perf_counter()
        judge.probabilities(premises, hypotheses)
        rates.append(len(premises) / (time.perf_counter() - t))
    print(f"machine: {machine()}; judge: {judge.name} ({judge.runtime}); encoder: {encoder.name} "
          f"({getattr(encoder, 'runtime', '?')})\n")
    print(f"judge alone: median {statistics.median(rates):.1f} pairs/s over {len(premises)} pair readings "
          f"(runs: {', '.join(f'{r:.1f}' for r in rates)})\n")

    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    encoder.encode(["calentamiento"] * 8)
    rows, off_rates, on_rates, ratios = [], [], [], []
    for run in range(args.runs):
        off, s_off, t_off = ingest(articles, encoder, None)
        calls = judge.calls
        on, s_on, t_on = ingest(articles, encoder, judge)
        off_rates.append(off)
        on_rates.append(on)
        ratios.append(on / off)
        rows.append([run + 1, f"{off:.1f}", f"{on:.1f}", f"{on / off:.3f}", s_on.claims, s_off.links, s_on.links,
                     (judge.calls - calls) // 2, f"{t_off:.0f}", f"{t_on:.0f}"])
    print(table(["run", "claims/s judge off", "claims/s judge on", "on / off", "claims", "links off", "links on",
                 "pairs judged", "s off", "s on"], rows))
    print(f"\nmedian: judge off {statistics.median(off_rates):.1f} claims/s, judge on "
          f"{statistics.median(on_rates):.1f} claims/s, ratio {statistics.median(ratios):.3f}")
    print(json.dumps({"judge_pairs_per_s": rates, "off": off_rates, "on": on_rates, "ratio": ratios}))


if __name__ == "__main__":
    main()

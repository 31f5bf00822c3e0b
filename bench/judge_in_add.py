"""The judge's time inside `verify add` against the same calls alone (docs/BENCHMARKS.md, session 18).

    .venv/bin/python bench/judge_in_add.py [--articles 150] [--replays 2]

One add of the first news_es articles with the shipped judge, as a library call (models loaded and
warmed first), recording each call the add makes to the judge (its pairs and wall time); then the same
calls replayed alone, one after another (`--replays` times), and all their pairs as one call. If the
replay is much faster than the calls inside the add, the judge loses time to what runs beside it
(extraction, the encoder) on the same cores, not to the calls' sizes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_judge import news_articles, warm  # noqa: E402
from common import fresh_index, machine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--replays", type=int, default=2)
    args = parser.parse_args()

    from verify.embed import load_encoder
    from verify.judge import load_judge
    from verify.pipeline import add_articles, make_extractor

    encoder, judge = load_encoder(), load_judge()
    warm(encoder, judge)
    calls: list[tuple[list[str], list[str], float]] = []
    read = judge.probabilities

    def recorded(premises, hypotheses):
        started = time.perf_counter()
        out = read(premises, hypotheses)
        calls.append((list(premises), list(hypotheses), time.perf_counter() - started))
        return out

    judge.probabilities = recorded  # the add's linking calls the instance's attribute
    articles = news_articles(args.articles)
    with fresh_index("bench-judge-in-add-") as index:
        started = time.perf_counter()
        summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=judge)
        add_s = time.perf_counter() - started
    judge.probabilities = read
    replays = []
    for _ in range(args.replays):
        started = time.perf_counter()
        for premises, hypotheses, _ in calls:
            read(premises, hypotheses)
        replays.append(time.perf_counter() - started)
    started = time.perf_counter()
    read([p for c in calls for p in c[0]], [h for c in calls for h in c[1]])
    one_call = time.perf_counter() - started
    sizes = sorted(len(c[0]) for c in calls)
    print(f"machine: {machine()}; judge: {judge.name} ({judge.runtime})")
    print(f"add of {args.articles} articles: {add_s:.1f} s, {summary.claims} claims, {summary.links} links; "
          f"the judge: {len(calls)} calls of {sizes[0]}-{sizes[-1]} pairs (median {statistics.median(sizes):.0f}), "
          f"{sum(sizes)} pairs, {sum(c[2] for c in calls):.1f} s inside the add")
    print(f"the same calls alone: {', '.join(f'{r:.1f}' for r in replays)} s; all their pairs as one call: "
          f"{one_call:.1f} s")


if __name__ == "__main__":
    main()

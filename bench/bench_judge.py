"""The judge's cost: pairs/s alone, and ingest claims/s with and without it, measured in one run.

    .venv/bin/python bench/bench_judge.py [--runs 3] [--articles 971] [--processes]

(1) The shipped judge scores real pair texts (tests/data pair files, both ways round): pairs/s.
(2) `verify add` as a library call ingests the same news_es articles into fresh indexes with the judge
off, on as shipped, and on reading every pair both ways round (`JudgePolicy.second_reading` 1.0 and
`second_reading_entailment` 0, as verify did before session 9), taking turns, `--runs` times each:
claims/s, links, how many pair readings the judge made. The target (issue #9): ingest with the judge
keeps >= 0.5 of the speed without it. Reported as medians over the runs; the machine line names the
CPU's vector extensions.

`--processes` runs each ingest in a process of its own (models loaded and warmed before the clock
starts), as a user's `verify add` runs: in one process, later adds of the same articles run faster
(the matcher's caches and more; docs/BENCHMARKS.md, session 12), which favours whichever setting
runs later in a round.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import fresh_index, machine, table  # noqa: E402

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


def news_articles(count: int) -> list:
    from verify.ingest import iter_sources

    return [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][:count]


def warm(encoder, judge) -> None:
    """Load, export once and compile, out of the timing."""
    encoder.encode(["calentamiento"] * 8)
    if judge is not None:
        premises, hypotheses = pair_texts()
        judge.probabilities(premises[:64], hypotheses[:64])


def ingest(setting: str, articles, encoder, judge) -> tuple[float, object, float, int]:
    """One add of `articles` into a fresh index under `setting` ("off", "shipped", "both ways"):
    (claims/s, summary, seconds, the judge's pair readings)."""
    from verify.match import signals
    from verify.pipeline import add_articles, make_extractor

    shipped = signals.DEFAULT_POLICY
    if setting == "both ways":
        # verify before session 9; linking reads the default policy when it is called
        signals.DEFAULT_POLICY = dataclasses.replace(shipped, second_reading=1.0,
                                                    second_reading_entailment=0.0)
    judge = None if setting == "off" else judge
    calls = judge.calls if judge is not None else 0
    try:
        with fresh_index("bench-judge-") as index:
            t = time.perf_counter()
            summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=judge)
            elapsed = time.perf_counter() - t
    finally:
        signals.DEFAULT_POLICY = shipped
    readings = judge.calls - calls if judge is not None else 0
    return summary.claims / elapsed, summary, elapsed, readings


def in_child(setting: str, articles: int) -> tuple[float, object, float, int]:
    """`ingest` in a new process (`--processes`), the models loaded and warmed there first."""
    import subprocess
    from types import SimpleNamespace

    done = subprocess.run([sys.executable, __file__, "--child", setting, "--articles", str(articles)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the {setting!r} ingest failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    row = json.loads(done.stdout.strip().splitlines()[-1])
    return row["rate"], SimpleNamespace(claims=row["claims"], links=row["links"]), row["seconds"], row["readings"]


def child(setting: str, count: int) -> None:
    """The `--child` side of `in_child`: prints one JSON line."""
    from verify.embed import load_encoder
    from verify.judge import load_judge

    encoder = load_encoder()
    judge = None if setting == "off" else load_judge()
    warm(encoder, judge)
    rate, summary, seconds, readings = ingest(setting, news_articles(count), encoder, judge)
    print(json.dumps({"rate": rate, "claims": summary.claims, "links": summary.links, "seconds": seconds,
                      "readings": readings}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=971)
    parser.add_argument("--processes", action="store_true", help="each ingest in a new process (docstring)")
    parser.add_argument("--child", choices=("off", "shipped", "both ways"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.articles)
        return

    from verify.embed import load_encoder
    from verify.judge import load_judge

    encoder = load_encoder()
    judge = load_judge()
    warm(encoder, judge)
    premises, hypotheses = pair_texts()
    rates = []
    for _ in range(args.runs):
        t = time.perf_counter()
        judge.probabilities(premises, hypotheses)
        rates.append(len(premises) / (time.perf_counter() - t))
    print(f"machine: {machine()}; judge: {judge.name} ({judge.runtime}); encoder: {encoder.name} "
          f"({getattr(encoder, 'runtime', '?')}); each ingest in "
          f"{'a process of its own' if args.processes else 'this process'}\n")
    print(f"judge alone: median {statistics.median(rates):.1f} pairs/s over {len(premises)} pair readings "
          f"(runs: {', '.join(f'{r:.1f}' for r in rates)})\n")

    articles = [] if args.processes else news_articles(args.articles)
    rows, rates_by = [], {"off": [], "shipped": [], "both ways": []}
    for run in range(args.runs):
        results = {}
        for setting in ("off", "shipped", "both ways"):
            if args.processes:
                results[setting] = in_child(setting, args.articles)
            else:
                results[setting] = ingest(setting, articles, encoder, judge)
            rates_by[setting].append(results[setting][0])
        off, s_off, t_off, _ = results["off"]
        for name in ("shipped", "both ways"):
            on, s_on, t_on, readings = results[name]
            rows.append([run + 1, name, f"{off:.1f}", f"{on:.1f}", f"{on / off:.3f}", s_on.claims, s_off.links,
                         s_on.links, readings, f"{readings / s_on.claims:.2f}", f"{t_off:.0f}", f"{t_on:.0f}"])
    print(table(["run", "judge reads", "claims/s judge off", "claims/s judge on", "on / off", "claims", "links off",
                 "links on", "pair readings", "readings a claim", "s off", "s on"], rows))
    off = statistics.median(rates_by["off"])
    ratios = {name: [on / o for on, o in zip(rates_by[name], rates_by["off"])] for name in ("shipped", "both ways")}
    print(f"\nmedian: judge off {off:.1f} claims/s; " + "; ".join(
        f"judge on, {name}: {statistics.median(rates_by[name]):.1f} claims/s, ratio "
        f"{statistics.median(ratios[name]):.3f}" for name in ratios))
    print(json.dumps({"judge_pairs_per_s": rates, **rates_by, "ratio": ratios}))


if __name__ == "__main__":
    main()

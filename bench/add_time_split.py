"""Where an add's wall time goes, per thread: the pipeline's stages timed inside one `verify add`.

    .venv/bin/python bench/add_time_split.py on|off [--articles 971] [--no-pinning]

Adds the first `--articles` news_es articles into a fresh index as a library call (models loaded and
warmed first), with the judge on (as shipped) or off, and prints the add's wall time, the judge's pair
readings, and the wall time spent in each wrapped function by each thread (the main thread stores and
links; `verify-encode` runs the encoder; `verify-extract` spaCy). A nested call of the same function
counts once. `--no-pinning` compiles both models with OpenVINO's `ENABLE_CPU_PINNING` off (its Linux
default is on). docs/BENCHMARKS.md, session 21, has the figures; one process a setting.
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import NEWS_ES, fresh_index, machine  # noqa: E402

totals: dict[tuple[str, str], float] = defaultdict(float)
calls: dict[tuple[str, str], int] = defaultdict(int)
_inside = threading.local()


def timed(owner: object, name: str, label: str) -> None:
    """Replace `owner.name` by a wrapper that adds its wall time to `totals` under (thread, label)."""
    fn = getattr(owner, name)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        active = _inside.__dict__.setdefault("labels", set())
        if label in active:  # a nested call: the outer one counts it
            return fn(*args, **kwargs)
        active.add(label)
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            active.discard(label)
            key = (threading.current_thread().name.split("_")[0], label)
            totals[key] += time.perf_counter() - started
            calls[key] += 1

    setattr(owner, name, wrapper)


def without_pinning() -> None:
    """Every model OpenVINO compiles from now on runs its threads unpinned."""
    import openvino

    compile_model = openvino.Core.compile_model

    def unpinned(self, model, device_name=None, config=None, **kwargs):
        return compile_model(self, model, device_name, {**(config or {}), "ENABLE_CPU_PINNING": False}, **kwargs)

    openvino.Core.compile_model = unpinned


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("judge", choices=("on", "off"))
    parser.add_argument("--articles", type=int, default=971)
    parser.add_argument("--no-pinning", action="store_true", help="OpenVINO's threads not pinned to cores")
    args = parser.parse_args()
    if args.no_pinning:
        without_pinning()

    from verify import link, match, pipeline
    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.judge import ShippedJudge, load_judge

    for owner, name, label in [(pipeline, "_store_batch", "store and link a batch"),
                               (pipeline, "_read_ahead", "read ahead"), (pipeline, "_extract", "extract"),
                               (link, "candidate_pairs", "candidate search"), (link, "judged_pairs", "judged_pairs"),
                               (link, "link_claims", "link_claims"), (match, "classify_many", "classify_many"),
                               (match, "rule_decisions", "rule_decisions"),
                               (ShippedJudge, "probabilities", "the judge's calls")]:
        timed(owner, name, label)
    encoder = load_encoder()
    judge = load_judge() if args.judge == "on" else None
    encoder.encode(["calentamiento"] * 8)
    if judge is not None:
        judge.probabilities(["una premisa"] * 8, ["una hipótesis"] * 8)
        judge.calls = 0
    timed(type(encoder), "encode", "encode")
    totals.clear()
    calls.clear()
    articles = [a for a in iter_sources([str(NEWS_ES)]) if hasattr(a, "text")][: args.articles]
    with fresh_index("bench-split-") as index:
        started = time.perf_counter()
        summary = pipeline.add_articles(index, articles, encoder=encoder, extractor=pipeline.make_extractor(index),
                                        judge=judge)
        wall = time.perf_counter() - started
    print(f"machine: {machine()}; judge {args.judge}, pinning {'off' if args.no_pinning else 'on'}")
    print(f"{len(articles)} articles, {summary.claims} claims, {summary.links} links, wall {wall:.1f} s, "
          f"judge readings {judge.calls if judge is not None else 0}")
    for (thread, label), seconds in sorted(totals.items()):
        print(f"  {thread:16s} {label:24s} {seconds:8.1f} s {calls[(thread, label)]:6d} calls")


if __name__ == "__main__":
    main()

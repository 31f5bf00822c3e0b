"""Every installed runtime of the encoder and the judge, measured in one run, beside the one verify chooses.

    .venv/bin/python bench/bench_runtime.py [--runs 3] [--sentences 256] [--pairs 256] [--no-sts] [--only judge]

(1) The race (`verify.runtime`, what `verify doctor` runs) is run now for each model, just before it is
    measured: its choice and how long it took.
(2) Encoder: every backend in `verify.embed.BACKENDS` encodes the same ~30-word news_es sentences
    (bench_encoder.news_sentences), batch 32, the backends taking turns `--runs` times: median
    sentences/s; the min cosine with torch fp32 on them; STS-es dev Spearman (stsb-es-dev.csv) and its
    difference from torch fp32's (the issue's bar: a drop of at most 0.01).
(3) Judge: every backend of the shipped judge scores the same news pair texts (tests/data, both ways
    round), in turns: median pairs/s; against torch fp32 on those pairs, the share of equal verdicts
    and the largest probability difference.
Each table names the chosen backend and the ratio chosen / fastest measured here (target >= 0.8); the
machine line names the CPU's vector extensions.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_encoder import news_sentences, sts_spearman  # noqa: E402
from bench_judge import pair_texts  # noqa: E402
from common import machine, table  # noqa: E402


def turns(runners: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median seconds of each runner, the runners taking turns `runs` times (after one warm-up each)."""
    for run in runners.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(runs):
        for name, run in runners.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


def encoder_rows(args, chosen: str) -> tuple[list[list], str]:
    from verify.embed import BACKENDS, load_encoder
    from verify.errors import ModelError

    sentences = news_sentences(args.sentences)
    encoders = {}
    for backend in BACKENDS:
        try:
            encoders[backend] = load_encoder(threads=args.threads, backend=backend)
        except (ModelError, ImportError) as exc:
            print(f"encoder {backend}: not available ({exc})", file=sys.stderr)
    seconds = turns({b: (lambda e=e: e.encode(sentences)) for b, e in encoders.items()}, args.runs)
    speed = {b: len(sentences) / s for b, s in seconds.items()}
    reference = encoders["torch"].encode(sentences)
    sts = {b: sts_spearman(e.encode) for b, e in encoders.items()} if args.sts else {}
    rows = []
    for backend, encoder in encoders.items():
        cosine = float((encoder.encode(sentences) * reference).sum(axis=1).min())
        row = [backend, encoder.runtime, f"{speed[backend]:.1f}", f"{cosine:.4f}"]
        if sts:
            row += [f"{sts[backend]:.4f}", f"{sts[backend] - sts['torch']:+.4f}"]
        rows.append(row + ["**chosen**" if backend == chosen else ""])
        print(" | ".join(row), file=sys.stderr, flush=True)
    fastest = max(speed, key=lambda b: speed[b])
    summary = (f"chosen {chosen}: {speed[chosen]:.1f} sentences/s = {speed[chosen] / speed[fastest]:.2f} of the "
               f"fastest measured here ({fastest}, {speed[fastest]:.1f})")
    return rows, summary


def judge_rows(args, chosen: str) -> tuple[list[list], str]:
    from verify.judge import BACKENDS, ShippedJudge

    premises, hypotheses = pair_texts()
    half = args.pairs // 2  # the first pairs both ways round, so each reading order is timed
    premises = premises[:half] + premises[len(premises) // 2:len(premises) // 2 + half]
    hypotheses = hypotheses[:half] + hypotheses[len(hypotheses) // 2:len(hypotheses) // 2 + half]
    judges = {}
    for backend in BACKENDS:
        judge = ShippedJudge(backend=backend)
        try:
            judge.probabilities(premises[:2], hypotheses[:2])
        except Exception as exc:  # a runtime that cannot run here is reported and skipped
            print(f"judge {backend}: not available ({exc})", file=sys.stderr)
            continue
        judges[backend] = judge
    outputs: dict[str, np.ndarray] = {}

    def scorer(backend: str, judge) -> Callable[[], object]:
        return lambda: outputs.__setitem__(backend, judge.probabilities(premises, hypotheses))

    seconds = turns({b: scorer(b, j) for b, j in judges.items()}, args.runs)
    speed = {b: len(premises) / s for b, s in seconds.items()}
    reference = outputs["torch"]
    rows = []
    for backend, judge in judges.items():
        probs = outputs[backend]
        same = float((probs.argmax(axis=1) == reference.argmax(axis=1)).mean())
        rows.append([backend, judge.runtime, f"{speed[backend]:.1f}", f"{same:.3f}",
                     f"{np.abs(probs - reference).max():.3f}", "**chosen**" if backend == chosen else ""])
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    fastest = max(speed, key=lambda b: speed[b])
    summary = (f"chosen {chosen}: {speed[chosen]:.1f} pairs/s = {speed[chosen] / speed[fastest]:.2f} of the "
               f"fastest measured here ({fastest}, {speed[fastest]:.1f}); {len(premises)} pair readings")
    return rows, summary


def main() -> None:
    from verify.embed import _usable_cores, encoder_runtime
    from verify.judge import ShippedJudge

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=_usable_cores())
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--pairs", type=int, default=256)
    parser.add_argument("--no-sts", dest="sts", action="store_false", help="leave out STS-es (slow on torch)")
    parser.add_argument("--only", choices=("encoder", "judge"), default=None, help="measure one model only")
    args = parser.parse_args()

    print(f"machine: {machine()}; {args.threads} threads\n")
    note = lambda text: print(text, end="", file=sys.stderr, flush=True)  # noqa: E731
    if args.only != "judge":
        choice = encoder_runtime(force=True, threads=args.threads, note=note)
        rows, summary = encoder_rows(args, choice.backend)
        header = ["backend", "runtime", f"sentences/s (median of {args.runs})", "min cosine vs torch"]
        if args.sts:
            header += ["STS-es dev Spearman", "vs torch fp32"]
        print(f"Encoder, {args.sentences} news_es sentences of 25-35 words, batch 32; the race (verify doctor) "
              f"chose {choice.runtime} in {choice.seconds:.1f} s:\n")
        print(table(header + ["race"], rows))
        print(f"\n{summary}\n", flush=True)
        gc.collect()
    if args.only != "encoder":
        choice = ShippedJudge().runtime_choice(force=True, note=note)
        rows, summary = judge_rows(args, choice.backend)
        print(f"Judge, news pair texts from tests/data, batch 32; the race (verify doctor) chose {choice.runtime} "
              f"in {choice.seconds:.1f} s:\n")
        print(table(["backend", "runtime", f"pairs/s (median of {args.runs})", "same verdict as torch",
                     "max |Δp| vs torch", "race"], rows))
        print(f"\n{summary}")


if __name__ == "__main__":
    main()

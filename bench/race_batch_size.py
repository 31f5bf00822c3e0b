"""How the size of the race's timed call ranks the runtimes: the race's own texts, timed as one batch of
16 (RACE_VERSION 2) and as `verify.runtime.TIMED_ITEMS` (two batches of 32, RACE_VERSION 3), beside the
real workload bench_runtime.py measures (news_es sentences, tests/data pair texts).

    .venv/bin/python bench/race_batch_size.py [--runs 5] [--backends openvino,onnx-int8]

Each model's backends take turns `--runs` times on each input after a warm-up: median items/s. The
runtime the race should choose is the one fastest on the real workload; the race's timed call ranks
them right only if it is the same kind of call (docs/BENCHMARKS.md, session 11).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_encoder import news_sentences  # noqa: E402
from bench_judge import pair_texts  # noqa: E402
from bench_runtime import turns  # noqa: E402
from common import machine, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--backends", default="openvino,onnx-int8")
    args = parser.parse_args()
    backends = args.backends.split(",")

    from verify import runtime
    from verify.embed import load_encoder
    from verify.judge import ShippedJudge

    print(f"machine: {machine()}\n")
    _, sentences = runtime.race_inputs("encoder")
    inputs = {"race texts, one batch of 16 (race 2)": sentences[:16],
              f"race texts, {len(sentences)} (race {runtime.RACE_VERSION})": sentences,
              "256 news_es sentences (bench_runtime)": news_sentences(256)}
    encoders = {b: load_encoder(backend=b) for b in backends}
    rows = []
    for name, texts in inputs.items():
        seconds = turns({b: (lambda e=e, t=texts: e.encode(t)) for b, e in encoders.items()}, args.runs)
        rows.append([name] + [f"{len(texts) / seconds[b]:.1f}" for b in backends])
    print(f"Encoder, sentences/s (median of {args.runs}):\n")
    print(table(["timed call"] + [encoders[b].runtime for b in backends], rows))
    del encoders

    _, pairs = runtime.race_inputs("judge")
    premises, hypotheses = pair_texts()  # the pair files' pairs, then the same the other way round
    half = len(premises) // 2
    readings = list(zip(premises, hypotheses))
    inputs = {"race pairs, one batch of 16 (race 2)": pairs[:16],
              f"race pairs, {len(pairs)} (race {runtime.RACE_VERSION})": pairs,
              "256 tests/data pair readings (bench_runtime)": readings[:128] + readings[half:half + 128]}
    judges = {b: ShippedJudge(backend=b) for b in backends}
    rows = []
    for name, items in inputs.items():
        seconds = turns({b: (lambda j=j, i=items: j.probabilities([p for p, _ in i], [h for _, h in i]))
                         for b, j in judges.items()}, args.runs)
        rows.append([name] + [f"{len(items) / seconds[b]:.1f}" for b in backends])
    print(f"\nJudge, pairs/s (median of {args.runs}):\n")
    print(table(["timed call"] + [judges[b].runtime or b for b in backends], rows))


if __name__ == "__main__":
    main()

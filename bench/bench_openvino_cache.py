"""Peak memory and speed of the OpenVINO encoder by how many compiled input shapes it keeps.

    .venv/bin/python bench/bench_openvino_cache.py [--sentences 4000] [--runs 2]

`verify.embed.OPENVINO_SHAPE_CACHE` is OpenVINO's CPU_RUNTIME_CACHE_CAPACITY: the plugin keeps compiled
kernels for that many input shapes (5,000 is OpenVINO's own default). Each setting runs in its own
process (peak RSS is per process): the default encoder pinned to OpenVINO encodes news_es sentences
(up to 8 an article) in calls of 64, as `verify add` hands batches over. Settings alternate, `--runs`
times each. docs/BENCHMARKS.md (session 8) reports it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
SETTINGS = (5000, 64, 0)


def child(capacity: int, sentences: int) -> dict:
    import resource
    import time

    from verify import embed

    embed.OPENVINO_SHAPE_CACHE = capacity
    texts: list[str] = []
    with open(NEWS, encoding="utf-8") as f:
        for line in f:
            texts += [s for s in json.loads(line)["text"].split(". ") if len(s) > 20][:8]
    texts = texts[:sentences]
    encoder = embed.load_encoder(backend="openvino")
    encoder.encode(texts[:8])
    started = time.perf_counter()
    for i in range(0, len(texts), 64):
        encoder.encode(texts[i:i + 64])
    rate = len(texts) / (time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return {"capacity": capacity, "runtime": encoder.runtime, "peak_mib": peak, "rate": rate}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.sentences)))
        return
    results: dict[int, list[dict]] = {c: [] for c in SETTINGS}
    for _ in range(args.runs):
        for capacity in SETTINGS:
            out = subprocess.run([sys.executable, __file__, "--child", str(capacity), "--sentences",
                                  str(args.sentences)], capture_output=True, text=True, env=dict(os.environ),
                                 check=True)
            results[capacity].append(json.loads(out.stdout.strip().splitlines()[-1]))
    runtime = results[SETTINGS[0]][0]["runtime"]
    print(f"machine: {machine()}; encoder on {runtime}; {args.sentences} news_es sentences, calls of 64\n")
    rows = [[c, " / ".join(f"{r['peak_mib']:.0f}" for r in rs), " / ".join(f"{r['rate']:.0f}" for r in rs)]
            for c, rs in results.items()]
    print(table(["shapes kept", "peak RSS MiB (each run)", "sentences/s (each run)"], rows))


if __name__ == "__main__":
    main()

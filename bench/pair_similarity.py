"""Where the labelled pairs of tests/data sit in cosine: how many a similarity floor would hide from the judge.

    .venv/bin/python bench/pair_similarity.py [--floors 0.84 0.86 0.88 0.90]

The judge reads only candidate pairs at or above `JudgePolicy.min_similarity`. For each pair file and
label, the count of pairs whose cosine (the shipped encoder, as `verify add` computes it) falls under
each floor, and the lowest cosine. The blind file of the moment (news_pairs_heldout4.jsonl, scored once)
is left out unless named with --files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = ["news_pairs.jsonl", "news_links_real.jsonl", "news_pairs_heldout.jsonl", "news_pairs_heldout2.jsonl",
         "news_pairs_heldout3.jsonl"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", nargs="*", default=FILES)
    parser.add_argument("--floors", nargs="*", type=float, default=[0.84, 0.86, 0.88, 0.90])
    args = parser.parse_args()

    from verify.embed import load_encoder

    encoder = load_encoder()
    rows = []
    for name in args.files:
        pairs = [json.loads(line) for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        a = np.asarray(encoder.encode([p["a"] for p in pairs]), dtype=np.float32)
        b = np.asarray(encoder.encode([p["b"] for p in pairs]), dtype=np.float32)
        cosine = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        for label in ("contradicts", "supports", "repeats"):
            mask = np.array([p["label"] == label for p in pairs])
            if mask.any():
                rows.append([name, label, int(mask.sum()), *(int((cosine[mask] < f).sum()) for f in args.floors),
                             f"{cosine[mask].min():.3f}"])
    print(f"machine: {machine()}; encoder: {encoder.name} ({getattr(encoder, 'runtime', '?')})\n")
    print(table(["file", "label", "pairs", *(f"under {f}" for f in args.floors), "lowest"], rows))


if __name__ == "__main__":
    main()

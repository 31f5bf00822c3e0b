"""The shipped judge's probabilities on a training mix, for training a smaller student from it.

    python training/teacher_probs.py --mix 3 --out training/runs/teacher-mix3.npy

Reads every training pair of the mix (the order `train_nli.py` builds it in, same --data, --seed and
--mix) once, premise first as in training, with the judge verify ships (its fastest runtime here),
and writes the (pairs, 3) probabilities beside a `.json` that ties them to that mix
(`train_nli.py --teacher` refuses them for another).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mix  # noqa: E402
from train_nli import pairs_digest, training_mix  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--mix", type=int, choices=mix.MIX_VERSIONS, default=3)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--chunk", type=int, default=4096)
    args = parser.parse_args(argv)

    import numpy as np

    from verify.judge import load_judge

    train, _, counts = training_mix(args.data, args.seed, args.mix)
    judge = load_judge()
    # The same text read twice in a mix (sets seen twice an epoch) is read once.
    unique = {}
    for p in train:
        unique.setdefault((p.premise, p.hypothesis), len(unique))
    keys = list(unique)
    probs = np.zeros((len(keys), 3), np.float32)
    started = time.monotonic()
    for start in range(0, len(keys), args.chunk):
        part = keys[start:start + args.chunk]
        probs[start:start + len(part)] = judge.probabilities([k[0] for k in part], [k[1] for k in part])
        done = start + len(part)
        print(f"{done}/{len(keys)} pairs, {done / (time.monotonic() - started):.1f} pairs/s", flush=True)
    rows = probs[[unique[(p.premise, p.hypothesis)] for p in train]]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.save(args.out, rows)
    args.out.with_suffix(".json").write_text(json.dumps(
        {"pairs": pairs_digest(train), "count": len(train), "mix": args.mix, "seed": args.seed, "counts": counts,
         "judge": judge.name, "runtime": getattr(judge, "runtime", None)}, indent=2) + "\n")
    print(f"wrote {args.out} ({len(train)} rows, {len(keys)} read)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

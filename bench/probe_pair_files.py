"""Read every pair of the given pair files with the running matcher and judge, in one process, and count.

What docs/QUALITY.md calls "the per-pair probe" (sessions 30-41; a scratch copy of it until session 41):
`verify eval pairs` reads one file a process, this reads many at once (their claims extracted in one
pass, as `verify.evaluate` does), prints per file and in all the contradictions right / predicted of
labelled, and the supports right / predicted, and can write every pair's verdict as JSON to compare
two matchers pair by pair. The judge's readings may be kept in a pickle (`--judge-cache`) so a second
run only reads the pairs it has not read; they are judge3's probabilities, not a second model.

    .venv/bin/python bench/probe_pair_files.py $(ls tests/data/news_pairs*.jsonl) --out /tmp/probe.json

Files are read in the order given: the extractor learns names as it reads, so another order can move
a verdict or two (session 41: rules-71 read 2,265 / 2,370 of session 40's 59 files here, 2,268 / 2,373
in session 40's order).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np


class CachedJudge:
    """A judge whose readings are kept by (premise, hypothesis) in a pickle between runs."""

    def __init__(self, inner, path: Path | None):
        self.inner, self.path, self.name = inner, path, inner.name
        self.cache = pickle.loads(path.read_bytes()) if path is not None and path.exists() else {}
        self.new = 0

    def probabilities(self, premises, hypotheses):
        keys = list(zip(premises, hypotheses))
        todo = [k for k in dict.fromkeys(keys) if k not in self.cache]
        if todo:
            for key, probs in zip(todo, self.inner.probabilities([p for p, _ in todo], [h for _, h in todo])):
                self.cache[key] = np.asarray(probs)
            self.new += len(todo)
        return np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, 3))

    def save(self) -> None:
        if self.path is not None and self.new:
            tmp = self.path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(self.cache))
            os.replace(tmp, self.path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="pair files (tests/data/news_pairs*.jsonl)")
    parser.add_argument("--out", type=Path, help="every pair's verdict as JSON")
    parser.add_argument("--judge-cache", type=Path, help="a pickle of the judge's readings, kept between runs")
    args = parser.parse_args(argv)

    from verify.evaluate import _classify_texts, read_pairs
    from verify.extract import Extractor
    from verify.models import models_for_index

    encoder = models_for_index(None).encoder()
    judge = CachedJudge(models_for_index(nli=None).judge(), args.judge_cache)
    rows = [(path.stem.removeprefix("news_pairs_"), i, row) for path in args.files
            for i, row in enumerate(read_pairs(path))]
    started = time.time()
    verdicts, sims = _classify_texts([r["a"] for _, _, r in rows], [r["b"] for _, _, r in rows], encoder,
                                     Extractor(), judge)
    judge.save()
    counts: dict[str, Counter] = {}
    out = []
    for (name, i, row), verdict, sim in zip(rows, verdicts, sims):
        gold, predicted = row["label"], verdict.relation.value
        c = counts.setdefault(name, Counter())
        c["right"] += gold == predicted == "contradicts"
        c["predicted"] += predicted == "contradicts"
        c["labelled"] += gold == "contradicts"
        c["supports_right"] += gold == predicted == "supports"
        c["supports_predicted"] += predicted == "supports"
        out.append({"file": name, "i": i, "a": row["a"], "b": row["b"], "gold": gold, "pred": predicted,
                    "score": round(float(verdict.score), 4), "reason": verdict.reason, "sim": round(float(sim), 4),
                    "note": row.get("note", "")})
    for name, c in counts.items():
        print(f"{name}: contradicts {c['right']}/{c['predicted']} of {c['labelled']}  "
              f"supports {c['supports_right']}/{c['supports_predicted']}")
    total = sum(counts.values(), Counter())
    print(f"TOTAL contradicts {total['right']}/{total['predicted']} of {total['labelled']}  "
          f"supports {total['supports_right']}/{total['supports_predicted']}  ({time.time() - started:.0f}s)")
    if args.out is not None:
        args.out.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The judge alone on NLI test sets: 3-class accuracy and contradiction F1, premise -> hypothesis.

    .venv/bin/python bench/eval_judge.py [FILE ...] [--stories-dev]

Default files: XNLI-es test (evaluation only, CC BY-NC) and the InferES test split, neither ever
trained on. `--stories-dev` adds the invented news stories held out of training
(`training/mix.py`: every 8th story of `training/data/news_written2` and of `news_written3`, 280 pairs
each, reported apart) and the real pairs of `training/data/news_real` held out of mix 7 (both
readings of each). `verify eval nli
--data FILE` measures the whole configuration instead (extractor, rules and judge, both ways round, as
`verify compare` decides); this isolates the model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
DEFAULT = [DATA / "xnli_es" / "xnli-es-test.tsv", DATA / "nli" / "inferes_test.jsonl"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--stories-dev", action="store_true", help="also the held-out written stories and real pairs")
    args = parser.parse_args()

    from verify.evaluate import NLI_LABELS, confusion, per_class, read_nli
    from verify.judge import load_judge

    judge = load_judge()
    judge.probabilities(["a"], ["b"])  # load and compile out of the timing
    rows, results = [], {}
    sets = [(path.name, *read_nli(path)) for path in args.files]
    if args.stories_dev:
        sys.path.insert(0, str(ROOT / "training"))
        import mix

        for folder in ("news_written2", "news_written3"):
            _, dev = mix.written_stories(mix.WRITTEN / folder)
            sets.append((f"{folder} dev stories", [p.premise for p in dev], [p.hypothesis for p in dev],
                         np.array([p.label for p in dev], dtype=np.int64)))
        if (mix.WRITTEN / "news_real" / "labels.tsv").exists():
            _, dev = mix.real_pairs()
            sets.append(("news_real dev readings", [p.premise for p in dev], [p.hypothesis for p in dev],
                         np.array([p.label for p in dev], dtype=np.int64)))
    for name, a, b, gold in sets:
        t = time.perf_counter()
        predicted = judge.probabilities(a, b).argmax(axis=1)
        rate = len(a) / (time.perf_counter() - t)
        classes = per_class(confusion(gold, predicted, 3), NLI_LABELS)
        accuracy = float((predicted == gold).mean())
        c = classes["contradiction"]
        rows.append([name, len(gold), f"{accuracy:.3f}", f"{c['f1']:.3f}", f"{c['precision']:.3f}",
                     f"{c['recall']:.3f}", f"{rate:.0f}"])
        results[name] = {"accuracy": round(accuracy, 4), "per_class": classes}
    print(f"machine: {machine()}; judge: {judge.name} ({judge.runtime})\n")
    print(table(["file", "pairs", "accuracy", "contradiction F1", "precision", "recall", "pairs/s"], rows))
    print(json.dumps(results))


if __name__ == "__main__":
    main()

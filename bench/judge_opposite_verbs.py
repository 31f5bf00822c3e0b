"""How the judge alone reads a news sentence against itself with one verb swapped for its opposite.

    .venv/bin/python bench/judge_opposite_verbs.py [--sentences 400] [--held-out]

Sentences of news_es (40-300 characters) that hold exactly one of the past-tense verbs below, each
against the same sentence with that verb swapped for its opposite (subió -> bajó, abrió -> cerró;
inflection kept). Nobody labels the pairs: most are contradictions, some swaps read oddly ("ganó
terreno"). Prints how many the judge reads as contradictions (mean of both readings) and the median
contradiction by verb: where the judge's blind spots are among opposite verbs (docs/QUALITY.md,
session 19). The verbs are a hand-aligned subset of verify/data/antonyms.json, whose groups are not
aligned by inflection. `--held-out` reads only the lines no judge trains on (n % 5 != 0; mix 11 swaps
these verbs in sentences of the others, training/mix.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, sentences_with_one, table  # noqa: E402

OPPOSITES = [("subió", "bajó"), ("subieron", "bajaron"), ("aumentó", "disminuyó"), ("aumentaron", "disminuyeron"),
             ("creció", "cayó"), ("crecieron", "cayeron"), ("ganó", "perdió"), ("ganaron", "perdieron"),
             ("aprobó", "rechazó"), ("aprobaron", "rechazaron"), ("abrió", "cerró"), ("confirmó", "desmintió"),
             ("permitió", "prohibió"), ("elevó", "redujo")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=400, help="at most this many, drawn at random (seed 7)")
    parser.add_argument("--held-out", action="store_true", help="skip the news_es lines training draws from")
    args = parser.parse_args()
    swap = {a: b for a, b in OPPOSITES} | {b: a for a, b in OPPOSITES}
    verb = re.compile(r"\b(" + "|".join(swap) + r")\b")
    sentences = sentences_with_one(verb, args.sentences, held_out=args.held_out)
    swapped = [verb.sub(lambda m: swap[m.group(1)], s) for s in sentences]

    from verify.judge import load_judge

    judge = load_judge()
    contradiction = (judge.probabilities(sentences, swapped)[:, 2] + judge.probabilities(swapped, sentences)[:, 2]) / 2
    print(f"machine: {machine()}; judge: {judge.name}")
    print(f"{len(sentences)} sentences; mean contradiction >= 0.5: {int((contradiction >= 0.5).sum())}, "
          f">= 0.95: {int((contradiction >= 0.95).sum())}")
    by_verb: dict[str, list[float]] = {}
    for sentence, c in zip(sentences, contradiction):
        by_verb.setdefault(verb.search(sentence).group(1), []).append(float(c))
    rows = [[v, len(cs), f"{np.median(cs):.2f}", f"{np.mean(np.array(cs) >= 0.5):.2f}"]
            for v, cs in sorted(by_verb.items(), key=lambda item: (-len(item[1]), item[0]))]
    print(table(["verb in the sentence", "sentences", "median contradiction", "share >= 0.5"], rows))


if __name__ == "__main__":
    main()

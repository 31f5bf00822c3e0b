"""How the judge alone reads a news sentence against a near copy that keeps its meaning: the other side of
`judge_opposite_verbs.py`. A judge trained on sentences against themselves with one verb swapped for its
opposite (mix 11) could learn "one word changed: contradiction"; these pairs say whether it did.

    .venv/bin/python bench/judge_near_copies.py [--sentences 400]

Sentences of the news_es lines no judge trains on (n % 5 != 0; 40-300 characters, exactly one of the verbs
below), each against three near copies, all of which the sentence entails: itself; the verb swapped for a
synonym (inflection kept: aumentó -> incrementó, cerró -> clausuró); the sentence cut at its first comma
after 40 characters (where it has one). Nobody labels the pairs; a few synonym swaps read oddly. The
synonym swaps are reported in two halves, by verb: those mix 13 trains on (`TRAINED`, on other lines:
training/mix.py's `DIRECTION_SYNONYMS`) and those no mix trains on. Prints,
per kind, how many the judge reads as contradictions (mean of both readings >= 0.5) and as entailment
(the sentence -> the copy >= 0.5).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, sentences_with_one, table  # noqa: E402

SYNONYMS = {"subió": "aumentó", "subieron": "aumentaron", "aumentó": "incrementó", "aumentaron": "incrementaron",
            "creció": "aumentó", "crecieron": "aumentaron", "cayó": "descendió", "cayeron": "descendieron",
            "disminuyó": "descendió", "redujo": "recortó", "elevó": "incrementó", "aprobó": "avaló",
            "aprobaron": "avalaron", "rechazó": "desestimó", "rechazaron": "desestimaron", "confirmó": "ratificó",
            "permitió": "autorizó", "prohibió": "vetó", "cerró": "clausuró"}
TRAINED = {"aumentó", "aumentaron", "cayó", "cayeron", "aprobó", "aprobaron", "permitió", "cerró"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=400, help="at most this many, drawn at random (seed 7)")
    args = parser.parse_args()
    verb = re.compile(r"\b(" + "|".join(SYNONYMS) + r")\b")
    sentences = sentences_with_one(verb, args.sentences, held_out=True)
    synonym = [(s, verb.sub(lambda m: SYNONYMS[m.group(1)], s)) for s in sentences]
    trained = [verb.search(s).group(1) in TRAINED for s in sentences]
    kinds: dict[str, list[tuple[str, str]]] = {
        "itself": [(s, s) for s in sentences],
        "verb synonym": synonym,
        "- of it, swaps mix 13 trains on": [p for p, t in zip(synonym, trained) if t],
        "- of it, swaps no mix trains on": [p for p, t in zip(synonym, trained) if not t]}
    cut = []
    for s in sentences:
        comma = s.find(",", 40)
        if comma > 0:
            cut.append((s, s[:comma] + "."))
    kinds["cut at a comma"] = cut

    from verify.judge import load_judge

    judge = load_judge()
    print(f"machine: {machine()}; judge: {judge.name}")
    rows = []
    for kind, pairs in kinds.items():
        first, second = [p for p, _ in pairs], [h for _, h in pairs]
        forward = judge.probabilities(first, second)
        contradiction = (forward[:, 2] + judge.probabilities(second, first)[:, 2]) / 2
        rows.append([kind, len(pairs), int((contradiction >= 0.5).sum()), int((forward[:, 0] >= 0.5).sum()),
                     f"{np.median(contradiction):.3f}"])
    print(table(["copy", "pairs", "mean contradiction >= 0.5", "entailment >= 0.5 (sentence -> copy)",
                 "median contradiction"], rows))


if __name__ == "__main__":
    main()

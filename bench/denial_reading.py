"""What the judge's reading of a denied statement against the other claim finds (`JudgePolicy.denial`).

    .venv/bin/python bench/denial_reading.py [--files news_pairs news_links_real ...]

On the labelled pair files of tests/data (default: all but the sixth blind one, which is scored once
with `verify eval pairs`), every pair where one claim denies something (in its frame, or by opening with
a denial: `verify.match.restate`) and the other does not deny (`verify.match.denial_reading`) is read by
the shipped judge: the other claim's statement as premise, the denied statement as hypothesis. For each
`JudgePolicy.denial` it prints the contradictions `verify eval pairs` makes of these pairs that it does
not make with the reading off (`denial` above 1), and how many of them are labelled contradicts. Then
each pair read at 0.5 or more, for reading by hand.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from calibrate_judge import MemoJudge  # noqa: E402
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = ("news_pairs", "news_links_real", "news_pairs_heldout", "news_pairs_heldout2", "news_pairs_heldout3",
         "news_pairs_heldout4", "news_pairs_heldout5")
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", nargs="+", default=list(FILES), help="pair files of tests/data, without .jsonl")
    args = parser.parse_args()

    from verify.embed import load_encoder
    from verify.evaluate import _encode_pairs, read_pairs
    from verify.extract import Extractor
    from verify.judge import load_judge
    from verify.match import claim_from_text, classify_many, denial_reading
    from verify.match.signals import DEFAULT_POLICY
    from verify.records import Relation

    encoder, extractor, judge = load_encoder(), Extractor(), MemoJudge(load_judge())
    rows = [r for name in args.files for r in read_pairs(ROOT / "tests" / "data" / f"{name}.jsonl")]
    a, b = [r["a"] for r in rows], [r["b"] for r in rows]
    # In sorted order, as `verify eval pairs` reads them: the extractor learns aliases text by text, so
    # a set's order (string hashing differs by process) would change claims, and figures, run to run.
    claims = {t: claim_from_text(t, extractor) for t in sorted(set(a) | set(b))}
    pairs = [(claims[x], claims[y]) for x, y in zip(a, b)]
    found = [(i, r) for i, r in enumerate(denial_reading(x, y) for x, y in pairs) if r is not None]
    asked, readings = [i for i, _ in found], [r for _, r in found]
    entailment = judge.probabilities([p for p, _ in readings], [h for _, h in readings])[:, 0]
    sims = _encode_pairs([pairs[i][0].text for i in asked], [pairs[i][1].text for i in asked], encoder)
    labels = [rows[i]["label"] for i in asked]

    def contradicts(denial: float) -> list[bool]:
        policy = dataclasses.replace(DEFAULT_POLICY, denial=denial)
        return [v.relation == Relation.CONTRADICTS
                for v in classify_many([pairs[i] for i in asked], sims, judge=judge, policy=policy)]

    without = contradicts(1.01)  # the denial reading off
    print(f"machine: {machine()}; judge: {judge.name}; files: {', '.join(args.files)} ({len(rows)} pairs, "
          f"{len(asked)} with a one-sided denial, {labels.count('contradicts')} of them labelled "
          f"contradicts)\n")
    lines = []
    for t in THRESHOLDS:
        gained = [k for k, (on, off) in enumerate(zip(contradicts(t), without)) if on and not off]
        right = [k for k in gained if labels[k] == "contradicts"]
        lines.append([f">= {t:.2f}", len(gained), len(right)])
    print(table(["policy.denial", "contradictions it adds", "labelled contradicts"], lines))
    print()
    for k in sorted(range(len(asked)), key=lambda k: -entailment[k]):
        if entailment[k] < THRESHOLDS[0]:
            break
        print(f"{entailment[k]:.2f} [{labels[k]}{', found without' if without[k] else ''}] "
              f"denied: {readings[k][1]!r}\n      premise: {readings[k][0]!r}")


if __name__ == "__main__":
    main()

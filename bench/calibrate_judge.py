"""Calibrate how the judge and the rules combine (`verify.match.signals.JudgePolicy`).

    .venv/bin/python bench/calibrate_judge.py [--files news_pairs.jsonl news_links_real.jsonl]

On the pair files the rules were already tuned on (their figures are not reported as final), a grid
over the policy's three thresholds; each point is scored as `verify eval pairs` scores it (the
extractor on, the shipped judge, both ways round). Picks the point with the best contradicts F1
among those with contradicts precision >= --precision (ties: the better supports F1 among those
with supports precision >= 0.6, then higher thresholds), and prints it with the precision / recall
curve over the contradiction threshold. The blind file (news_pairs_heldout3.jsonl) is never read here.

    .venv/bin/python bench/calibrate_judge.py --ablate actors

prints instead what one signal does: the judge alone from 0.80 to 0.95 (the shipped policy
otherwise), with and without that signal's findings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class MemoJudge:
    """The shipped judge, each (premise, hypothesis) read once across the whole grid."""

    def __init__(self, judge):
        self.judge = judge
        self.name = judge.name
        self.memo: dict[tuple[str, str], np.ndarray] = {}

    def probabilities(self, premises, hypotheses):
        todo = sorted({(p, h) for p, h in zip(premises, hypotheses)} - set(self.memo))
        if todo:
            probs = self.judge.probabilities([p for p, _ in todo], [h for _, h in todo])
            self.memo.update(zip(todo, probs))
        return np.stack([self.memo[(p, h)] for p, h in zip(premises, hypotheses)])


def score(verdicts, labels) -> dict:
    out = {}
    for relation in ("contradicts", "supports"):
        predicted = sum(1 for v in verdicts if v.relation.value == relation)
        right = sum(1 for v, g in zip(verdicts, labels) if v.relation.value == relation == g)
        gold = sum(1 for g in labels if g == relation)
        p = right / predicted if predicted else 0.0
        r = right / gold if gold else 0.0
        out[relation] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, right, predicted, gold)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", nargs="+", default=["news_pairs.jsonl", "news_links_real.jsonl",
                                                       "news_pairs_heldout.jsonl", "news_pairs_heldout2.jsonl"])
    parser.add_argument("--precision", type=float, default=0.80, help="contradicts precision to keep")
    parser.add_argument("--ablate", metavar="SIGNAL", help="compare with and without this signal, then stop")
    args = parser.parse_args()
    from verify.match.signals import SIGNALS

    if args.ablate and args.ablate not in {s.name for s in SIGNALS}:
        parser.error(f"--ablate: no signal {args.ablate!r}; signals: {', '.join(s.name for s in SIGNALS)}")

    from verify.embed import load_encoder
    from verify.evaluate import _encode_pairs, read_pairs
    from verify.extract import Extractor
    from verify.judge import load_judge
    from verify.match import claim_from_text, classify_many
    from verify.match.signals import JudgePolicy

    encoder = load_encoder()
    extractor = Extractor()
    judge = MemoJudge(load_judge())
    rows = [r for name in args.files for r in read_pairs(ROOT / "tests" / "data" / name)]
    a, b = [r["a"] for r in rows], [r["b"] for r in rows]
    labels = [r["label"] for r in rows]
    sims = _encode_pairs(a, b, encoder)
    # In sorted order, as `verify eval pairs` reads them: the extractor learns aliases text by text, so
    # a set's order (string hashing differs by process) would change claims, and figures, run to run.
    claims = {t: claim_from_text(t, extractor) for t in sorted(set(a) | set(b))}
    pairs = [(claims[x], claims[y]) for x, y in zip(a, b)]

    if args.ablate:
        ablate(args.ablate, pairs, sims, labels, judge, args.files)
        return
    rules = score(classify_many(pairs, sims), labels)
    grid = []
    for c, e, same in itertools.product(np.arange(0.40, 0.96, 0.05), np.arange(0.40, 0.96, 0.05),
                                        (0.3, 0.4, 0.5, 0.6, 0.7)):
        policy = JudgePolicy(contradiction=round(float(c), 2), entailment=round(float(e), 2), same_thing=same)
        grid.append((policy, score(classify_many(pairs, sims, judge=judge, policy=policy), labels)))
    ok = [(p, s) for p, s in grid if s["contradicts"][0] >= args.precision] or grid
    best, best_score = max(ok, key=lambda ps: (round(ps[1]["contradicts"][2], 3),
                                               round(ps[1]["supports"][2], 3) if ps[1]["supports"][0] >= 0.6 else 0,
                                               ps[0].contradiction, ps[0].same_thing))

    def line(name, s):
        c, su = s["contradicts"], s["supports"]
        return [name, f"{c[3]}/{c[4]}", f"{c[0]:.3f}", f"{c[1]:.3f}", f"{c[2]:.3f}", f"{su[3]}/{su[4]}",
                f"{su[0]:.3f}", f"{su[1]:.3f}"]

    print(f"machine: {machine()}; judge: {judge.name}; files: {', '.join(args.files)} ({len(rows)} pairs)\n")
    header = ["configuration", "contradicts right/predicted", "precision", "recall", "F1", "supports right/predicted",
              "precision", "recall"]
    curve = [(p, s) for p, s in grid if p.entailment == best.entailment and p.same_thing == best.same_thing]
    print(table(header, [line("rules only", rules), line(f"chosen: {best}", best_score)]
                + [line(f"contradiction >= {p.contradiction:.2f}", s) for p, s in curve]))
    print(json.dumps({"chosen": {"contradiction": best.contradiction, "entailment": best.entailment,
                                 "same_thing": best.same_thing}}))


def ablate(name: str, pairs, sims, labels, judge, files) -> None:
    """The judge alone from 0.80 to 0.95 under the shipped policy, with and without signal `name`."""
    import dataclasses

    from verify.match import classify_many, signals

    every = signals.SIGNALS
    rows = []
    for c in (0.95, 0.90, 0.85, 0.80):
        policy = dataclasses.replace(signals.DEFAULT_POLICY, contradiction=c)
        cells = [f"{c:.2f}"]
        for kept in (tuple(s for s in every if s.name != name), every):
            signals.SIGNALS = kept  # read_all loops over this tuple at call time
            try:
                got = score(classify_many(pairs, sims, judge=judge, policy=policy), labels)["contradicts"]
            finally:
                signals.SIGNALS = every
            cells.append(f"{got[3]} / {got[4]} ({got[0]:.3f} / {got[1]:.3f})")
        rows.append(cells)
    print(f"machine: {machine()}; judge: {judge.name}; files: {', '.join(files)} ({len(labels)} pairs)\n")
    print(table(["judge alone from", f"without {name}: right / predicted (P / R)", "with it (P / R)"], rows))


if __name__ == "__main__":
    main()

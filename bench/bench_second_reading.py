"""When the judge may skip its second reading of a pair: what each threshold saves and what it loses.

    .venv/bin/python bench/bench_second_reading.py [--articles 300] [--keep FILE]

`verify.match.read_judge` reads each judged pair with the longer claim as premise, then the other
way round only where that can change the verdict (`JudgePolicy.second_reading` and
`second_reading_entailment`; always where the rules see a conflict). This bench adds the first
`--articles` news_es articles into a fresh index with the shipped judge, keeps every reading the judge
made, reads the missing second readings, and then, for each rule (a neutral threshold alone, for two
orders of the first reading: the longer claim first, as shipped, and the shorter first; then the
shipped rule with entailment floors), counts the second readings a rule skips and the pairs
whose verdict the skipped reading would have changed: a support (entailment >= the policy's, either
way), a contradiction (mean >= the policy's), and "about the same thing" (mean neutral under
`same_thing`, which only matters where the rules see a conflict; those pairs are read both ways
anyway). Cost, not quality: the question is how far the one-way verdict agrees with the two-way one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import fresh_index, machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
FLOORS = (0.0, 0.01, 0.02, 0.05, 0.1)


class _Keeping:
    """The judge, keeping every (premise, hypothesis) -> reading it made."""

    def __init__(self, judge):
        self.judge = judge
        self.name = judge.name
        self.kept: dict[tuple[str, str], np.ndarray] = {}
        self.first: list[tuple[str, str]] = []  # each judged pair, in `read_judge`'s first-reading order

    def probabilities(self, premises, hypotheses):
        out = np.asarray(self.judge.probabilities(premises, hypotheses), dtype=np.float32)
        pairs = list(zip(premises, hypotheses))
        self.first += [p for p in pairs if (p[1], p[0]) not in self.kept]
        self.kept.update(zip(pairs, out))
        return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="write every pair and both its readings here (JSONL)")
    args = parser.parse_args()

    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.judge import load_judge
    from verify.match.signals import DEFAULT_POLICY as policy
    from verify.pipeline import add_articles, make_extractor

    encoder, judge = load_encoder(), load_judge()
    keeping = _Keeping(judge)
    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    with fresh_index("bench-second-") as index:
        summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=keeping)
    pairs = list(dict.fromkeys(keeping.first))
    missing = [(h, p) for p, h in pairs if (h, p) not in keeping.kept]
    if missing:
        keeping.probabilities([p for p, _ in missing], [h for _, h in missing])
    longer = np.array([keeping.kept[p] for p in pairs])  # the shipped first reading: longer claim as premise
    other = np.array([keeping.kept[(h, p)] for p, h in pairs])
    contradiction = (longer[:, 2] + other[:, 2]) / 2
    entailment = np.maximum(longer[:, 0], other[:, 0])
    neutral = (longer[:, 1] + other[:, 1]) / 2
    supports = entailment >= policy.entailment
    if args.keep:
        with args.keep.open("w", encoding="utf-8") as out:
            for (premise, hypothesis), one, two in zip(pairs, longer, other):
                out.write(json.dumps({"premise": premise, "hypothesis": hypothesis, "longer_first": one.tolist(),
                                      "other_way": two.tolist()}, ensure_ascii=False) + "\n")
    contradicts = contradiction >= policy.contradiction
    same_thing = neutral < policy.same_thing
    orders = {"longer claim first (shipped)": longer, "shorter claim first": other}
    rows = []
    for name, first in orders.items():
        for t in THRESHOLDS:
            skip = first[:, 1] >= t
            rows.append([name, f"neutral >= {t}", f"{skip.mean():.2f}", int((skip & supports).sum()),
                         int((skip & contradicts).sum()), int((skip & same_thing).sum())])
    # As shipped (`JudgePolicy.second_reading`): a contradiction needs the mean of both readings >=
    # policy.contradiction, so a first reading under 2 * that - 1 can never make one; a support needs
    # either reading >= policy.entailment, and is lost only when the other way round reaches it from a
    # first reading that is confidently neutral or whose entailment is under the floor (0: no floor).
    reachable = 2 * policy.contradiction - 1
    longer_first = "longer claim first (shipped)"
    for floor in FLOORS:
        skip = (longer[:, 2] < reachable) & ((longer[:, 1] >= policy.second_reading) | (longer[:, 0] < floor))
        shipped = " (shipped)" if floor == policy.second_reading_entailment else ""
        rows.append([longer_first, f"contradiction < {reachable:.2f} and (neutral >= {policy.second_reading} or "
                     f"entailment < {floor}){shipped}", f"{skip.mean():.2f}", int((skip & supports).sum()),
                     int((skip & contradicts).sum()), int((skip & same_thing).sum())])
    print(f"machine: {machine()}; judge: {judge.name} ({judge.runtime})")
    print(f"{summary.line()}; {len(pairs)} pairs judged, {supports.sum()} supports, {contradicts.sum()} "
          f"contradictions and {same_thing.sum()} 'same thing' read both ways\n")
    print(table(["first reading", "skip the second when the first reading's", "second readings skipped",
                 "supports lost", "contradictions lost", "'same thing' lost"], rows))
    print(json.dumps({"pairs": len(pairs), "supports": int(supports.sum()), "contradicts": int(contradicts.sum()),
                      "rows": rows}))


if __name__ == "__main__":
    main()

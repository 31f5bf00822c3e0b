"""Does the judge's contradiction fall once two figures in conflict are made equal? (docs/QUALITY.md, session
56: tried as evidence that the figure is what two claims dispute, and not built.)

    .venv/bin/python bench/figure_fall.py $(ls tests/data/news_pairs*.jsonl) [--judge-cache /tmp/judge.pkl]

On the pair files given, every pair for which `verify.match.read_judge` asks the figure reading (the rules
see figures in conflict that the judge's reading of the two claims does not let count: `figure_reading`)
is read once more, both ways, with one claim's figure written in the other's place, and the contradiction
of that reading (the higher of the two ways) is set against the pair's own (the mean of its two). Of those
pairs the running matcher does not already call contradictions, it prints, for a few bars on the fall, on
the pair's own contradiction and on the rewritten one's, how many pass and how many of them are labelled
contradicts. The judge's readings may be kept in a pickle as `bench/probe_pair_files.py` keeps them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from probe_pair_files import CachedJudge  # noqa: E402

_CHUNK = 512
FALLS = (0.2, 0.3, 0.4)
OWN = (0.3, 0.4, 0.5)
REWRITTEN = (0.1, 0.2, 0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="pair files (tests/data/news_pairs*.jsonl)")
    parser.add_argument("--judge-cache", type=Path, help="a pickle of the judge's readings, kept between runs")
    args = parser.parse_args()

    import numpy as np

    from verify.evaluate import _encode_pairs, read_pairs
    from verify.extract import Extractor
    from verify.match import claim_from_text, classify_many, figure_reading, judge_requests, read_judge, rule_decisions
    from verify.match.signals import DEFAULT_POLICY
    from verify.models import models_for_index

    rows = [row for path in args.files for row in read_pairs(path)]
    extractor = Extractor()
    claims = {}
    for text in sorted({t for row in rows for t in (row["a"], row["b"])}):  # as `verify eval pairs` reads them
        claims[text] = claim_from_text(text, extractor)
    pairs = [(claims[row["a"]], claims[row["b"]]) for row in rows]
    sims = _encode_pairs([a.text for a, _ in pairs], [b.text for _, b in pairs], models_for_index(None).encoder())
    judge = CachedJudge(models_for_index(nli=None).judge(), args.judge_cache)
    found = []  # (gold, the pair's contradiction, the rewritten one's)
    for start in range(0, len(pairs), _CHUNK):
        chunk, chunk_sims = pairs[start:start + _CHUNK], sims[start:start + _CHUNK]
        verdicts = classify_many(chunk, chunk_sims, judge=judge)
        _, _, decisions = rule_decisions(chunk, chunk_sims)
        todo, conflict, figures = judge_requests(decisions)
        readings = read_judge(judge, [chunk[i] for i in todo], conflict=conflict, figures=figures)
        for i, figure, reading in zip(todo, figures, readings):
            if reading.figures is None or verdicts[i].relation.value == "contradicts":
                continue
            a, b = chunk[i]
            rewritten = figure_reading(a, b, figure, reading, DEFAULT_POLICY)
            probs = np.asarray(judge.probabilities([a.text, rewritten], [rewritten, a.text]))
            found.append((rows[start + i]["label"], reading.contradiction, float(probs[:, 2].max())))
    judge.save()
    labelled = sum(gold == "contradicts" for gold, _, _ in found)
    print(f"{len(found)} pairs read with the figures made equal and not called contradictions; "
          f"{labelled} labelled contradicts")
    print("fall  own>=  rewritten<=  pass  labelled contradicts")
    for fall in FALLS:
        for own in OWN:
            for rewritten in REWRITTEN:
                passed = [gold for gold, c, r in found if c - r >= fall and c >= own and r <= rewritten]
                print(f"{fall:4.1f}  {own:5.1f}  {rewritten:11.1f}  {len(passed):4d}  "
                      f"{sum(g == 'contradicts' for g in passed)}")


if __name__ == "__main__":
    main()

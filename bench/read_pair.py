"""Every reading the judge makes of one pair, and the verdict they come to: the figures docs/QUALITY.md
quotes for a single pair ("the judge reads ... at 0.13", "0.18 -> 0.98") come from here.

    .venv/bin/python bench/read_pair.py "claim A" "claim B"
    .venv/bin/python bench/read_pair.py --pair heldout140#93      # pair 93 (0-based) of news_pairs_heldout140

It prints the two claims' readings both ways (entailment, neutral, contradiction), then each further
reading `verify.match.read_judge` asks of the pair: the denied statement against the other claim (and in
the indicative, where asked), and the other claim with one figure written in the other's place; then the
verdict with its reason, as `verify eval pairs` and `verify add` give it (the rules' decision alone first,
before the readings). A reading
the pair does not qualify for is printed as "not asked". `--text` prints what is read, not only the numbers.
The similarity is the embedded encoder's cosine of the two texts, as in `verify eval pairs`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _texts(parser: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[str, str]:
    if args.pair:
        name, _, index = args.pair.partition("#")
        path = ROOT / "tests" / "data" / f"news_pairs_{name}.jsonl"
        if not path.exists() or not index.isdigit():
            parser.error(f"no pair {args.pair!r}: give FILE#N, FILE a tests/data/news_pairs_FILE.jsonl")
        rows = path.read_text(encoding="utf-8").splitlines()
        if int(index) >= len(rows):
            parser.error(f"{path.name} has {len(rows)} pairs")
        row = json.loads(rows[int(index)])
        return row["a"], row["b"]
    if len(args.claims) != 2:
        parser.error("give two claims, or --pair FILE#N")
    return args.claims[0], args.claims[1]


def _probs(label: str, p) -> None:
    print(f"{label:<34} entailment {p[0]:.3f}  neutral {p[1]:.3f}  contradiction {p[2]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", nargs="*", help="claim A and claim B")
    parser.add_argument("--pair", help="FILE#N: pair N (0-based) of tests/data/news_pairs_FILE.jsonl")
    parser.add_argument("--text", action="store_true", help="print the statements read, not only the numbers")
    args = parser.parse_args()
    a_text, b_text = _texts(parser, args)

    import numpy as np

    from verify.extract import Extractor
    from verify.match import claim_from_text, classify_many, judge_requests, rule_decisions
    from verify.models import models_for_index

    models = models_for_index(None)
    extractor = Extractor()
    a, b = (claim_from_text(t, extractor) for t in (a_text, b_text))
    va, vb = models.encoder().encode([a.text, b.text])
    similarity = float(np.dot(va, vb) / (np.linalg.norm(va) * np.linalg.norm(vb)))
    judge = models_for_index(nli=None).judge()
    _, _, (decision,) = rule_decisions([(a, b)], np.array([similarity]))
    print(f"A: {a.text}\nB: {b.text}\nsimilarity {similarity:.3f}")
    print(f"rules alone: {decision.relation.value} {decision.score:.3f}")
    requests = judge_requests([decision])  # what `verify eval pairs` and `verify add` ask, the same way
    if requests.todo:
        _readings(judge, a, b, requests.conflict, requests.figures[0], args.text)
    else:
        print("the judge is not asked: the rules call the pair a near-verbatim repeat")
    verdict = classify_many([(a, b)], np.array([similarity]), judge=judge)[0]
    print(f"verdict: {verdict.relation.value} {verdict.score:.3f}\nreason: {verdict.reason}")


def _readings(judge, a, b, conflict: list[bool], figures, text: bool) -> None:
    from verify.match import _denier, denial_reading, figure_reading, read_judge
    from verify.match.restate import in_indicative
    from verify.match.signals import DEFAULT_POLICY

    reading = read_judge(judge, [(a, b)], conflict=conflict, figures=[figures])[0]
    _probs("A premise, B hypothesis", reading.forward)
    _probs("B premise, A hypothesis", reading.backward)
    print(f"{'pair':<34} contradiction {reading.contradiction:.3f} (mean)  entailment {reading.entailment:.3f} "
          f"(either way)  neutral {reading.neutral:.3f}" + ("" if reading.both else "  (read one way only)"))
    asked = denial_reading(a, b)
    if asked is None:
        print("denied statement                   not asked (neither claim denies, or both do)")
    else:
        premise, denied = asked
        print(f"{'denied statement, by the other':<34} {reading.denial:.3f}")
        if text:
            print(f"   premise:    {premise}\n   hypothesis: {denied}")
        indicative = in_indicative(denied, _denier(a, b).language)  # what `read_judge` reads
        if reading.indicative is None:
            print(f"{'... in the indicative':<34} not asked" + (" (already indicative)" if indicative == denied
                                                                    else " (the pair reads as other matters)"))
        else:
            print(f"{'... in the indicative':<34} {reading.indicative:.3f}")
            if text:
                print(f"   hypothesis: {indicative}")
    if figures is None:
        print("figures made equal                 not asked (no figures in conflict)")
    elif reading.figures is None:
        print(f"figures made equal                 not asked ({figures.figure.text} / {figures.other.text}: "
              "the pair's own reading decides)")
    else:
        print(f"figures made equal, either way     {reading.figures:.3f} ({figures.figure.text} / "
              f"{figures.other.text})")
        if text:
            print(f"   B with A's figure: {figure_reading(a, b, figures, reading, DEFAULT_POLICY)}")


if __name__ == "__main__":
    main()

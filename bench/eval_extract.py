"""Extractor quality against the hand-labelled seeds gold (`tests/data/seeds_gold.jsonl`).

    .venv/bin/python bench/eval_extract.py [--gold tests/data/seeds_gold.jsonl] [--seeds seeds] [-v]

A gold claim is found when an extracted claim's span contains the gold substring. On found claims:
speaker accuracy (the gold speaker, or one of its listed alternatives, and the extracted speaker
contain one another after accent folding; both null also counts), side accuracy (exact, null = null)
and polarity accuracy. Prints a table; `evaluate()` returns the figures for tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.extract import Extractor  # noqa: E402
from verify.lang import fold_name as fold  # noqa: E402


def speaker_matches(gold: dict, predicted: str | None) -> bool:
    wanted = [gold["speaker"]] + list(gold.get("speaker_alt", []))
    if gold["speaker"] is None:
        return predicted is None
    if predicted is None:
        return False
    p = fold(predicted)
    return any(w is not None and (fold(w) in p or p in fold(w)) for w in wanted)


def evaluate(gold_path: Path = ROOT / "tests" / "data" / "seeds_gold.jsonl", seeds: Path = ROOT / "seeds",
             verbose: bool = False) -> dict:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stems = sorted({g["article"] for g in gold})
    texts = {s: (seeds / f"{s}.txt").read_text(encoding="utf-8") for s in stems}
    extractor = Extractor()
    claims = dict(zip(stems, extractor.extract_many([texts[s] for s in stems], article_ids=stems)))
    found = speaker_ok = side_ok = polarity_ok = 0
    for g in gold:
        text = texts[g["article"]]
        at = text.index(g["substring"])
        match = next((c for c in claims[g["article"]] if c.start <= at and at + len(g["substring"]) <= c.end), None)
        if match is None:
            if verbose:
                print(f"MISSED  {g['article'][:3]} {g['substring'][:60]!r}")
            continue
        found += 1
        s_ok = speaker_matches(g, match.speaker)
        d_ok, p_ok = g["side"] == match.side, g["polarity"] == str(match.polarity)
        speaker_ok += s_ok
        side_ok += d_ok
        polarity_ok += p_ok
        if verbose and not (s_ok and d_ok and p_ok):
            print(f"WRONG   {g['article'][:3]} {g['substring'][:50]!r}: "
                  f"speaker {match.speaker!r} (gold {g['speaker']!r}) "
                  f"side {match.side!r} (gold {g['side']!r}) polarity {match.polarity} (gold {g['polarity']})")
    n_claims = sum(len(c) for c in claims.values())
    return {"gold": len(gold), "found": found, "extracted": n_claims, "recall": found / len(gold),
            "speaker_accuracy": speaker_ok / max(found, 1), "side_accuracy": side_ok / max(found, 1),
            "polarity_accuracy": polarity_ok / max(found, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "seeds_gold.jsonl")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and wrong claims")
    args = parser.parse_args()
    r = evaluate(args.gold, args.seeds, args.verbose)
    print(f"{'gold claims':<22}{r['gold']:>6}")
    print(f"{'extracted claims':<22}{r['extracted']:>6}")
    print(f"{'gold found (recall)':<22}{r['found']:>6}  {r['recall']:.3f}")
    for key in ("speaker_accuracy", "side_accuracy", "polarity_accuracy"):
        print(f"{key.replace('_', ' '):<22}{'':>6}  {r[key]:.3f}")


if __name__ == "__main__":
    main()

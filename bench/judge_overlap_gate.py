"""What `JudgePolicy.overlap_similarity` / `overlap_coverage` keep from the judge, and what they cost.

    .venv/bin/python bench/judge_overlap_gate.py [--articles 971] [--pair-files]

Adds the first `--articles` news_es articles to a fresh index with the shipped judge and the gate
off (every pair the rest of `JudgePolicy` picks is read, as before rules-12), and keeps every pair
the judge read: its cosine, the rules' relation and word coverage, how many readings it took, and
the verdict it ended with. With `--pair-files`, it also classifies the six labelled pair files of
tests/data as `verify eval pairs` does (judge on), keeping each pair's cosine, rules' relation and
coverage, gold label and verdict. Then, for a grid of gates (a pair under the cosine whose claims
share less than the coverage, the rules calling it unrelated, is not read), it prints:
- the share of the judge's work on news_es the gate leaves out (pairs, and readings weighted by the
  two texts' length, which is what a reading costs);
- the links the judge made on news_es from pairs the gate leaves out (an unread pair the rules call
  unrelated stays unrelated);
- on the pair files: links verify gets right that the gate would leave out in an add, and the
  labelled contradictions and supports inside the gate (found by no judge, once gated).
The links lost at the shipped gate are printed for reading by hand. The pair files' figures are
what an add would do to those pairs: `verify eval pairs` and `verify compare` read every pair.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import fresh_index, machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
PAIR_FILES = ("news_pairs", "news_pairs_heldout", "news_pairs_heldout2", "news_pairs_heldout3",
              "news_pairs_heldout4", "news_pairs_heldout5")
SIMILARITIES = (0.87, 0.88, 0.89, 0.90, 0.91)
COVERAGES = (0.15, 0.20, 0.25, 0.30)


def corpus_pairs(articles: int, judge, encoder) -> list[dict]:
    """Every pair the judge read while adding the first `articles` news_es articles, gate off."""
    import numpy as np

    import verify.match as match
    from verify.ingest import iter_sources
    from verify.match import signals
    from verify.pipeline import add_articles, make_extractor

    kept: list[dict] = []
    readings: dict[tuple[int | None, int | None], object] = {}
    shipped_classify, shipped_read = match.classify_many, match.read_judge

    def reading(judge, pairs, **options):
        out = shipped_read(judge, pairs, **options)
        readings.update(zip([(a.id, b.id) for a, b in pairs], out))
        return out

    def classifying(pairs, similarities, *, judged=None, **options):
        readings.clear()
        verdicts = shipped_classify(pairs, similarities, judged=judged, **options)
        if judged is None:  # not linking (the read-ahead asks the judge through `read_judge` alone)
            return verdicts
        rows = [i for i in range(len(pairs)) if judged[i] and (pairs[i][0].id, pairs[i][1].id) in readings]
        sims = np.asarray(similarities, np.float32)
        _, _, decisions = match.rule_decisions([pairs[i] for i in rows], sims[rows])
        for i, d in zip(rows, decisions):
            a, b = pairs[i]
            kept.append({"sim": float(sims[i]), "pair": (a, b), "decision": d,
                         "readings": 2 if readings[(a.id, b.id)].both else 1, "chars": len(a.text) + len(b.text),
                         "verdict": verdicts[i].relation.value, "a": a.text, "b": b.text})
        return verdicts

    shipped = signals.DEFAULT_POLICY
    match.classify_many, match.read_judge = classifying, reading  # linking calls them through the module
    signals.DEFAULT_POLICY = dataclasses.replace(shipped, overlap_similarity=shipped.min_similarity)
    news = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][:articles]
    try:
        with fresh_index("bench-overlap-gate-") as index:
            add_articles(index, news, encoder=encoder, extractor=make_extractor(index), judge=judge)
    finally:
        match.classify_many, match.read_judge, signals.DEFAULT_POLICY = shipped_classify, shipped_read, shipped
    return kept


def pair_file_pairs(judge, encoder) -> list[dict]:
    """Each labelled pair of the six pair files: as `verify eval pairs` classifies it, with its gate inputs."""
    from verify import evaluate
    from verify.extract import Extractor
    from verify.match import claim_from_text, rule_decisions

    kept = []
    for name in PAIR_FILES:
        rows = evaluate.read_pairs(ROOT / "tests" / "data" / f"{name}.jsonl")
        a, b = [r["a"] for r in rows], [r["b"] for r in rows]
        extractor = Extractor()
        verdicts, sims = evaluate._classify_texts(a, b, encoder, extractor, judge)
        claims = [(claim_from_text(x, extractor), claim_from_text(y, extractor)) for x, y in zip(a, b)]
        _, _, decisions = rule_decisions(claims, sims)
        for r, v, s, d, (ca, cb) in zip(rows, verdicts, sims, decisions, claims):
            kept.append({"file": name, "gold": r["label"], "verdict": v.relation.value, "sim": float(s),
                         "pair": (ca, cb), "decision": d})
    return kept


def gated(pair: dict, similarity: float, coverage: float, policy) -> bool:
    """As `verify.link.judged_pairs` leaves a pair out under that gate; under `policy.min_similarity` an
    add reads no pair anyway (the labelled pairs are all read by `verify eval pairs`)."""
    from verify.link import too_little_shared

    gate = dataclasses.replace(policy, overlap_similarity=similarity, overlap_coverage=coverage)
    return pair["sim"] >= policy.min_similarity and too_little_shared(pair["pair"], pair["decision"], pair["sim"], gate)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=971)
    parser.add_argument("--pair-files", action="store_true")
    args = parser.parse_args()

    from verify.embed import load_encoder
    from verify.judge import load_judge
    from verify.match import signals

    judge, encoder = load_judge(), load_encoder()
    shipped = signals.DEFAULT_POLICY
    corpus = corpus_pairs(args.articles, judge, encoder)
    labelled = pair_file_pairs(judge, encoder) if args.pair_files else []
    work = sum(p["readings"] * p["chars"] for p in corpus) or 1
    made = sum(p["verdict"] != "unrelated" and p["decision"].relation.value != p["verdict"] for p in corpus)
    print(f"machine: {machine()}; judge: {judge.name}; first {args.articles} news_es articles, gate off: "
          f"{len(corpus)} pairs judged, {sum(p['readings'] for p in corpus)} readings, "
          f"{made} links the judge made against the rules' decision\n")
    right = [p for p in labelled if p["gold"] == p["verdict"] and p["gold"] in ("contradicts", "supports")]
    rows = []
    for similarity in SIMILARITIES:
        for coverage in COVERAGES:
            def inside(p: dict) -> bool:
                return gated(p, similarity, coverage, shipped)  # noqa: B023 (used in this loop only)

            out = [p for p in corpus if inside(p)]
            row = [similarity, coverage, f"{len(out) / max(1, len(corpus)):.3f}",
                   f"{sum(p['readings'] * p['chars'] for p in out) / work:.3f}",
                   sum(p["verdict"] != "unrelated" for p in out)]
            if labelled:
                row += [sum(map(inside, right)),
                        " / ".join(str(sum(inside(p) for p in labelled if p["gold"] == g))
                                   for g in ("contradicts", "supports"))]
            rows.append(row)
    header = ["cosine under", "coverage under", "pairs left out", "work left out", "news_es links lost"]
    if labelled:
        header += ["right links lost (pair files)", "gold contradicts / supports inside"]
        print(f"pair files: {len(labelled)} pairs, {len(right)} contradicts or supports verify gets right, "
              f"{sum(p['gold'] == 'contradicts' for p in labelled)} labelled contradicts, "
              f"{sum(p['gold'] == 'supports' for p in labelled)} supports\n")
    print(table(header, rows))
    lost = [p for p in corpus if p["verdict"] != "unrelated"
            and gated(p, shipped.overlap_similarity, shipped.overlap_coverage, shipped)]
    print(f"\nnews_es links lost at the shipped gate ({shipped.overlap_similarity} / {shipped.overlap_coverage}):")
    for p in lost:
        print(f"  {p['verdict']} (cosine {p['sim']:.3f}, coverage {p['decision'].evidence.coverage:.2f}): "
              f"{p['a'][:110]!r} || {p['b'][:110]!r}")


if __name__ == "__main__":
    main()

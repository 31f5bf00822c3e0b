"""Every contradiction verify reports on the open news corpus, under one judge policy and stricter ones.

    .venv/bin/python bench/corpus_contradictions.py [--contradiction 0.85] [--out /tmp/corpus.jsonl]
        [--per-claim-disputed N]

Adds all of news_es (971 articles) to a fresh index with the shipped judge, linking under the policy
given (the others fields of the shipped `JudgePolicy` kept), then re-decides each stored contradiction
under the stricter policies of `STRICTER` (a stricter policy only removes contradictions from the
pairs the judge read, so the pairs stored are the whole candidate set). Writes one JSON line per
contradiction (both claims, their articles, the reason, the judge's numbers, the similarity and the
share of words they have in common, the policies that keep it) for reading by hand; docs/QUALITY.md
reports what was read.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
# (contradiction, same_thing)
STRICTER = [(0.85, 0.90), (0.90, 0.90), (0.95, 0.90), (0.80, 0.70), (0.85, 0.70), (0.90, 0.70), (0.95, 0.70)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contradiction", type=float, default=0.85)
    parser.add_argument("--same-thing", type=float, default=0.90)
    parser.add_argument("--out", type=Path, default=Path("/tmp/corpus_contradictions.jsonl"))
    parser.add_argument("--per-claim-disputed", type=int, default=None,
                        help="extra judged candidates in dispute (default: the shipped policy's)")
    args = parser.parse_args()

    import verify.match as match
    import verify.match.signals as signals
    from verify.judge import load_judge
    from verify.pipeline import add_sources, make_extractor
    from verify.records import Relation
    from verify.store import ClaimIndex

    loose = dataclasses.replace(signals.DEFAULT_POLICY, contradiction=args.contradiction, same_thing=args.same_thing)
    if args.per_claim_disputed is not None:
        loose = dataclasses.replace(loose, per_claim_disputed=args.per_claim_disputed)
    # verify has no policy option (users get the calibrated one): this bench swaps the default, which
    # linking reads when it is called.
    signals.DEFAULT_POLICY = loose

    judge = load_judge()
    from verify.embed import load_encoder

    encoder = load_encoder()
    with tempfile.TemporaryDirectory() as tmp:
        index = ClaimIndex.open(Path(tmp) / "ix", writable=True, create=True)
        started = time.monotonic()
        summary = add_sources(index, [str(CORPUS)], encoder=encoder, extractor=make_extractor(index), judge=judge)
        seconds = time.monotonic() - started
        links = index.links(relation="contradicts")
        claims = {c.id: c for c in index.claims(ids=sorted({i for l in links for i in (l.a, l.b)}))}
        pairs = [(claims[l.a], claims[l.b]) for l in links]
        readings = match.read_judge(judge, pairs, conflict=[True] * len(pairs))  # both ways: the file shows both
        sims = np.array([l.similarity for l in links], dtype=np.float32)
        _, _, decisions = match.rule_decisions(pairs, sims)
        kept_by = {}
        for c_min, same in STRICTER:
            policy = dataclasses.replace(loose, contradiction=c_min, same_thing=same)
            verdicts = match.classify_many(pairs, sims, judge=judge, policy=policy)
            kept_by[(c_min, same)] = [v.relation == Relation.CONTRADICTS for v in verdicts]
        with open(args.out, "w", encoding="utf-8") as out:
            for n, (link, (a, b), reading, decision) in enumerate(zip(links, pairs, readings, decisions)):
                out.write(json.dumps({
                    "n": n, "a_article": a.article_id, "b_article": b.article_id, "a": a.text, "b": b.text,
                    "score": link.score, "reason": link.reason,
                    "judge": {"contradiction": round(float(reading.contradiction), 3),
                              "entailment": round(float(reading.entailment), 3),
                              "neutral": round(float(reading.neutral), 3)},
                    "similarity": round(float(link.similarity), 4),
                    # the rules' share of words in common (the more covered claim's), asserted words only too
                    "coverage": round(decision.evidence.coverage, 3),
                    "asserted_coverage": round(decision.evidence.asserted_coverage, 3),
                    "kept_by": [f"{c}/{s}" for (c, s), kept in kept_by.items() if kept[n]],
                }, ensure_ascii=False) + "\n")
        index.close()
    print(f"machine: {machine()}; judge: {judge.name}")
    print(f"{summary.line()} ({seconds:.0f} s); links written to {args.out}")
    rows = [[f"contradiction {args.contradiction}, same_thing {args.same_thing} (the run)", len(links)]]
    rows += [[f"contradiction {c}, same_thing {s}", sum(kept)] for (c, s), kept in kept_by.items()]
    print(table(["policy", "contradictions"], rows))


if __name__ == "__main__":
    main()

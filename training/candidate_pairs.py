"""The pairs the judge really reads, from the training lines of news_es, for readers to label.

    .venv/bin/python training/candidate_pairs.py --out training/data/news_real/pairs.tsv

The judge learnt on NLI sets and on pairs written for it, and on the open corpus it still calls two
statements about one person on different matters a contradiction: written pairs did not carry over
to what verify meets (docs/QUALITY.md, session 9). This script takes what verify meets: it adds the
news_es articles on the lines the training mix already draws from (n % 5 == 0, none that a pair
file in tests/data uses: `mix.training_articles`) to a fresh index with the shipped
judge, and keeps every pair of claims the linker sent to the judge. Those pairs are written without
the judge's readings (a reader labels them without an anchor), with their articles' ids and cosine.
Pairs between two articles of other lines never appear, so the corpus read (all news_es) keeps
every pair that touches a held-out article unseen.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
import mix  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"  # provenance only


class _Recording:
    """The judge, recording each pair of texts it is asked to read (either way round: one pair)."""

    def __init__(self, judge):
        self.judge = judge
        self.name = judge.name
        self.pairs: dict[frozenset[str], tuple[str, str]] = {}

    def probabilities(self, premises, hypotheses):
        for p, h in zip(premises, hypotheses):
            self.pairs.setdefault(frozenset((p, h)), (p, h))
        return self.judge.probabilities(premises, hypotheses)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    from verify.embed import load_encoder
    from verify.ingest.articles import article_from_record
    from verify.judge import load_judge
    from verify.pipeline import add_articles, make_extractor
    from verify.store import ClaimIndex

    pair_files = sorted((ROOT / "tests" / "data").glob("news_*.jsonl"))
    lines = mix.training_articles(ROOT.parent / "shared" / "data", mix.pair_file_prefixes(pair_files))
    articles = [article_from_record(r, source=str(NEWS), default_id=f"line-{n}") for n, r in lines]
    line_of = {a.id: n for a, (n, _) in zip(articles, lines)}
    encoder, judge = load_encoder(), load_judge()
    recording = _Recording(judge)
    work = Path(tempfile.mkdtemp(prefix="candidate-pairs-"))
    try:
        with ClaimIndex.open(work / "ix", create=True) as index:
            summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=recording)
            article_of = {c.text: c.article_id for a in index.articles() for c in index.claims(a.id)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pairs = sorted(recording.pairs.values())
    random.Random(args.seed).shuffle(pairs)
    vectors = encoder.encode([t for pair in pairs for t in pair])
    cosine = np.einsum("ij,ij->i", vectors[0::2], vectors[1::2])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("PAIR\tLINE_A\tLINE_B\tCOSINE\tA\tB\n")
        for i, ((a, b), cos) in enumerate(zip(pairs, cosine)):
            la, lb = (line_of.get(article_of.get(t, ""), -1) for t in (a, b))
            clean = [t.replace("\t", " ").replace("\n", " ") for t in (a, b)]
            out.write(f"p{i:05d}\t{la}\t{lb}\t{cos:.3f}\t{clean[0]}\t{clean[1]}\n")
    print(f"{summary.line()}; {len(lines)} articles from training lines; {len(pairs)} judged pairs -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What `JudgePolicy.shared_word` keeps from the judge: closest candidates that share no word.

    .venv/bin/python bench/judge_shared_word.py [--articles 300]

Adds the first `--articles` news_es articles to a fresh index with the shipped judge and the rule
off (every claim's closest candidate read, as before rules-10), keeps every pair the judge read and
its reading, and counts those whose propositions share no content word and no name (the pairs the
rule takes from the judge), the links made from them, and their highest readings, printed for
reading by hand.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import fresh_index, machine  # noqa: E402

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()

    import numpy as np

    import verify.match as match
    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.judge import load_judge
    from verify.match import signals
    from verify.pipeline import add_articles, make_extractor

    read: dict[tuple[str, str], tuple] = {}  # (text, text) -> (claim, claim, reading), each pair once
    shipped_read_judge = match.read_judge

    def keeping(judge, pairs, **options):
        readings = shipped_read_judge(judge, pairs, **options)
        for (a, b), reading in zip(pairs, readings):
            read.setdefault((a.text, b.text), (a, b, reading))
        return readings

    match.read_judge = keeping  # linking and the read-ahead call it through the module
    shipped = signals.DEFAULT_POLICY
    signals.DEFAULT_POLICY = dataclasses.replace(shipped, shared_word=False)  # read when linking
    judge = load_judge()
    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    try:
        with fresh_index("bench-shared-word-") as index:
            add_articles(index, articles, encoder=load_encoder(), extractor=make_extractor(index), judge=judge)
            links = index.links()
            text = {c.id: c.text for c in index.claims(ids=sorted({i for link in links for i in (link.a, link.b)}))}
    finally:
        match.read_judge, signals.DEFAULT_POLICY = shipped_read_judge, shipped
    relation = {}
    for link in links:
        relation[(text[link.a], text[link.b])] = relation[(text[link.b], text[link.a])] = link.relation.value
    items = list(read.values())
    _, _, decisions = match.rule_decisions([(a, b) for a, b, _ in items], np.full(len(items), 0.9, np.float32))
    nothing = [(a, b, r) for (a, b, r), d in zip(items, decisions)
               if not d.evidence.shared_stems and not d.evidence.shared_names]
    linked = [(a, b, relation[(a.text, b.text)]) for a, b, _ in nothing if (a.text, b.text) in relation]
    print(f"machine: {machine()}; judge: {judge.name}; first {len(articles)} news_es articles, shared_word off\n")
    print(f"pairs judged: {len(items)}; sharing no content word and no name: {len(nothing)} "
          f"({len(nothing) / max(1, len(items)):.0%}); links among them: {len(linked)}")
    for a, b, rel in linked:
        print(f"  {rel}: {a.text[:100]!r} || {b.text[:100]!r}")
    print("\ntheir highest readings (contradiction, entailment):")
    for a, b, r in sorted(nothing, key=lambda x: -max(x[2].contradiction, x[2].entailment))[:5]:
        print(f"  {r.contradiction:.2f} {r.entailment:.2f} {a.text[:90]!r} || {b.text[:90]!r}")


if __name__ == "__main__":
    main()

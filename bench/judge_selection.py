"""How many candidate pairs in dispute past a claim's closest the judge reads
(`JudgePolicy.per_claim_disputed`): its cost in readings and what it changes in the links.

    .venv/bin/python bench/judge_selection.py [--articles 150] [--disputed 2 1 0]

Adds the first `--articles` news_es articles to a fresh index once per setting, with the shipped judge,
and prints claims, pair readings (and a claim), seconds and links by relation for each, then the links
of the first setting that another one does not make alike (pair and relation). Counts, not speed: the
first setting also pays for loading the models. `bench/corpus_contradictions.py --per-claim-disputed N`
shows what a setting does to the contradictions on all of news_es.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import fresh_index, machine, table  # noqa: E402

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


class _Counting:
    def __init__(self, judge):
        self.judge, self.name, self.readings = judge, judge.name, 0

    def probabilities(self, premises, hypotheses):
        self.readings += len(premises)
        return self.judge.probabilities(premises, hypotheses)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--disputed", type=int, nargs="+", default=[2, 1, 0])
    args = parser.parse_args()

    import verify.match.signals as signals
    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.judge import load_judge
    from verify.pipeline import add_articles, make_extractor

    encoder, judge = load_encoder(), load_judge()
    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    shipped = signals.DEFAULT_POLICY
    rows, links_by = [], {}
    for extras in args.disputed:
        signals.DEFAULT_POLICY = dataclasses.replace(shipped, per_claim_disputed=extras)  # read when linking
        counting = _Counting(judge)
        with fresh_index("bench-selection-") as index:
            started = time.perf_counter()
            summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=counting)
            seconds = time.perf_counter() - started
            text = {c.id: c.text for a in index.articles() for c in index.claims(a.id)}
            links_by[extras] = {(text[l.a], text[l.b]): str(l.relation) for l in index.links()}
        signals.DEFAULT_POLICY = shipped
        by_relation = Counter(links_by[extras].values())
        rows.append([extras, summary.claims, counting.readings, f"{counting.readings / summary.claims:.2f}",
                     f"{seconds:.1f}", len(links_by[extras]), dict(sorted(by_relation.items()))])
    print(f"machine: {machine()}; judge: {judge.name}; first {len(articles)} news_es articles")
    print(table(["per_claim_disputed", "claims", "readings", "readings a claim", "seconds", "links", "by relation"],
                rows))
    first = args.disputed[0]
    for extras in args.disputed[1:]:
        lost = {p: r for p, r in links_by[first].items() if links_by[extras].get(p) != r}
        print(f"\n{extras} against {first}: {len(lost)} of {first}'s links not made alike")
        for (a, b), relation in lost.items():
            print(f"  {relation} -> {links_by[extras].get((a, b), 'none')}: {a[:80]} | {b[:80]}")


if __name__ == "__main__":
    main()

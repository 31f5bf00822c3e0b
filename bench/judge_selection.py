"""How many candidate pairs of a denying claim the judge reads (`JudgePolicy.per_claim_stance`): its cost
in readings and what it changes in the links.

    .venv/bin/python bench/judge_selection.py [--articles 150] [--stance 2 1 0]

Adds the first `--articles` news_es articles to a fresh index once per setting, with the shipped judge,
and prints claims, pair readings (and a claim), seconds and links by relation for each, then the links
of the first setting that another one does not make alike (pair and relation). Counts, not speed: the
first setting also pays for loading the models. `bench/corpus_contradictions.py --per-claim-stance N`
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
    parser.add_argument("--stance", type=int, nargs="+", default=[2, 1, 0])
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
    for stance in args.stance:
        signals.DEFAULT_POLICY = dataclasses.replace(shipped, per_claim_stance=stance)  # read when linking
        counting = _Counting(judge)
        with fresh_index("bench-selection-") as index:
            started = time.perf_counter()
            summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=counting)
            seconds = time.perf_counter() - started
            text = {c.id: c.text for a in index.articles() for c in index.claims(a.id)}
            links_by[stance] = {(text[l.a], text[l.b]): str(l.relation) for l in index.links()}
        signals.DEFAULT_POLICY = shipped
        by_relation = Counter(links_by[stance].values())
        rows.append([stance, summary.claims, counting.readings, f"{counting.readings / summary.claims:.2f}",
                     f"{seconds:.1f}", len(links_by[stance]), dict(sorted(by_relation.items()))])
    print(f"machine: {machine()}; judge: {judge.name}; first {len(articles)} news_es articles")
    print(table(["per_claim_stance", "claims", "readings", "readings a claim", "seconds", "links", "by relation"],
                rows))
    first = args.stance[0]
    for stance in args.stance[1:]:
        lost = {p: r for p, r in links_by[first].items() if links_by[stance].get(p) != r}
        print(f"\n{stance} against {first}: {len(lost)} of {first}'s links not made alike")
        for (a, b), relation in lost.items():
            print(f"  {relation} -> {links_by[stance].get((a, b), 'none')}: {a[:80]} | {b[:80]}")


if __name__ == "__main__":
    main()

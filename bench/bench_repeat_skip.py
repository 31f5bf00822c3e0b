"""What not reading the rules' repeats saves the judge, and whether any link changes.

    .venv/bin/python bench/bench_repeat_skip.py [--articles 300] [--source PATH] [--wire-copies]

A pair the rules call a near-verbatim repeat stays a repeat whatever the judge says
(`verify.match.signals.combine`), so `verify.match.judge_can_change` keeps it from the judge. This
bench adds the same articles to two fresh indexes with the shipped judge, once as shipped and once
with every judged pair read (the behaviour before), and prints the judge's readings and time for
each, whether the links are the same (pairs and relations; reasons differ: a repeat the judge did
not read names no verdict) and the largest difference in their scores. `--source` takes any file
`verify add` takes. Wire copy is where the saving is (a reprinted article's claims each have their
copy as closest candidate); news_es holds little of it, so `--wire-copies` follows each article with
a reprint of it as another outlet runs agency copy: the first paragraph dropped, the rest as it was.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import fresh_index, machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


class _Counting:
    def __init__(self, judge):
        self.judge, self.name, self.readings = judge, judge.name, 0

    def probabilities(self, premises, hypotheses):
        self.readings += len(premises)
        return self.judge.probabilities(premises, hypotheses)


def _run(articles, encoder, judge) -> tuple[list[tuple], int, float, int]:
    from verify.pipeline import add_articles, make_extractor

    counting = _Counting(judge)
    with fresh_index("bench-repeat-") as index:
        started = time.perf_counter()
        summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=counting)
        seconds = time.perf_counter() - started
        text = {c.id: c.text for a in index.articles() for c in index.claims(a.id)}
        links = sorted((text[l.a], text[l.b], str(l.relation), l.score) for l in index.links())
    return links, counting.readings, seconds, summary.claims


def _reprint(article, article_from_text) -> list:
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    if len(paragraphs) < 3:
        return []
    return [article_from_text("\n\n".join(paragraphs[1:]), source=f"reprint of {article.id}", id=None,
                              title=None, date=None, url=None, outlet="Agencias")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--source", default=str(NEWS))
    parser.add_argument("--wire-copies", action="store_true", help="follow each article with a reprint of it")
    args = parser.parse_args()

    import verify.match as match
    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.judge import load_judge

    encoder, judge = load_encoder(), load_judge()
    articles = [a for a in iter_sources([args.source]) if hasattr(a, "text")][: args.articles]
    if args.wire_copies:
        from verify.ingest.articles import article_from_text

        articles = [x for a in articles for x in (a, *_reprint(a, article_from_text))]
    _run(articles[:5], encoder, judge)  # load and compile the models out of the timings
    shipped = _run(articles, encoder, judge)
    skipping = match.judge_can_change
    match.judge_can_change = lambda decision: True
    try:
        every = _run(articles, encoder, judge)
    finally:
        match.judge_can_change = skipping
    same_pairs = len(shipped[0]) == len(every[0]) and all(x[:3] == y[:3] for x, y in zip(shipped[0], every[0]))
    largest = max((abs(x[3] - y[3]) for x, y in zip(shipped[0], every[0])), default=0.0)
    repeats = sum(1 for link in shipped[0] if link[2] == "repeats")
    copies = " (with their reprints)" if args.wire_copies else ""
    print(f"machine: {machine()}; judge: {judge.name}; {len(articles)} articles{copies} of {args.source}")
    print(table(["judge reads", "claims", "links", "repeats", "readings", "readings a claim", "seconds"], [
        [name, claims, len(links), sum(1 for x in links if x[2] == "repeats"), readings, f"{readings / claims:.2f}",
         f"{seconds:.1f}"]
        for name, (links, readings, seconds, claims) in (("not the repeats (shipped)", shipped),
                                                          ("every judged pair", every))]))
    # The judge's numbers depend on which pairs share its padded batch (OpenVINO bf16; docs/SCALING.md),
    # and leaving the repeats out changes the batches, so scores move in the third decimal.
    print(f"same links (pairs and relations): {'yes' if same_pairs else 'NO'}; largest score difference "
          f"{largest:.1e}; readings saved: {1 - shipped[1] / max(every[1], 1):.1%}; repeats stored: {repeats}")


if __name__ == "__main__":
    main()

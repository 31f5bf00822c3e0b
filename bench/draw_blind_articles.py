"""Draw the articles for a new blind pair file: news_es articles no pair file took and no judge trained on.

Session 41 found the other sources spent (STS-es's news rows by heldout58, the CheckThat! tweets by
heldout30) and turned to news_es, as the pair files before session 31 were written. An article is
taken when any sentence of `tests/data/news_pairs*.jsonl` or `news_links_real.jsonl` (a first or a
second claim, copied or written) appears in its text: its first 60 characters, spaces collapsed, at
least 25 of them, are what is looked for. An article on a line the judge's training draws from
(`training/mix.py`, `training_line`: n % 5 == 0) is never drawn, nor one an earlier draw named with
`--shown` (its articles.jsonl) showed a writer:

    python bench/draw_blind_articles.py --seed 62 --out /tmp/blindN/articles.jsonl --shown ...

Eligible: 150 to 1,000 words (a writer reads every article it is given). "line" is the article's
0-based line in the JSONL file, as the pair files' "lines" give it.

Session 41's first draws (seeds 59 and 60, at cfb80a7) did not leave the training lines out, and the
articles no pair file used were nearly all training lines, whose sentences judge3 trained on
(negated, figure-changed and written pairs): the files their writers made are tuning files,
`tests/data/news_pairs_seen59.jsonl` and `news_pairs_seen60.jsonl` ("seen": the judge saw their
sentences), not blind ones. With them in, 6 articles are left, none of 150 words: news_es has no blind
pair file left in it, and this script says so.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from draw_blind_tweets import ROOT, draw_parser, write_draw  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
PAIR_FILES = ROOT / "tests" / "data"
_PREFIX = 60  # characters of a held sentence looked for in an article's text
_SHORTEST = 25  # a held sentence shorter than this could turn up anywhere


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def held_prefixes() -> set[str]:
    """The opening of every sentence any pair file holds, first or second, copied or written."""
    held = set()
    for path in sorted(PAIR_FILES.glob("news_pairs*.jsonl")) + [PAIR_FILES / "news_links_real.jsonl"]:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                row = json.loads(raw)
                held.update(_collapse(row[key])[:_PREFIX] for key in ("a", "b") if row.get(key))
    return {h for h in held if len(h) >= _SHORTEST}


def main(argv: list[str] | None = None) -> int:
    args = draw_parser(__doc__, 45, "articles.jsonl: its articles").parse_args(argv)
    articles = [json.loads(raw) for raw in NEWS.read_text(encoding="utf-8").splitlines() if raw.strip()]
    shown = {json.loads(raw)["line"] for path in args.shown
             for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()}
    held = held_prefixes()
    texts = [_collapse(a["text"]) for a in articles]
    fresh = [line for line, text in enumerate(texts) if not any(h in text for h in held)]
    sys.path.insert(0, str(ROOT / "training"))
    from mix import training_line

    untrained = [line for line in fresh if not training_line(line)]
    pool = [line for line in untrained
            if line not in shown and 150 <= len(articles[line]["text"].split()) <= 1000]
    print(f"{len(articles)} articles, {len(fresh)} held by no pair file, {len(untrained)} of them not the "
          f"judge's training lines, {len(pool)} eligible and shown by no draw", file=sys.stderr)
    if len(pool) < args.count:
        print(f"error: only {len(pool)} fresh articles, {args.count} asked", file=sys.stderr)
        return 2
    drawn = sorted(random.Random(args.seed).sample(pool, args.count))
    write_draw(args.out, [{"line": line, "title": articles[line]["title"], "text": articles[line]["text"]}
                          for line in drawn])
    return 0


if __name__ == "__main__":
    sys.exit(main())

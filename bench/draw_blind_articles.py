"""Draw the articles for a new blind pair file: news_es articles no pair file has taken a sentence from.

Session 41 found the other sources spent (STS-es's news rows by heldout58, the CheckThat! tweets by
heldout30), so a writer who sees no matcher code writes pairs from news_es articles again, as the
pair files before session 31 were written. An article is taken when any sentence of
`tests/data/news_pairs*.jsonl` or `news_links_real.jsonl` (a first or a second claim, copied or
written) appears in its text; its first 60 characters, spaces collapsed, at least 25 of them, are
what is looked for. An earlier draw named with `--shown` (its articles.jsonl) counts as taken too:

    python bench/draw_blind_articles.py --seed 59 --out /tmp/blind59/articles.jsonl
    python bench/draw_blind_articles.py --seed 60 --out /tmp/blind60/articles.jsonl \
        --shown /tmp/blind59/articles.jsonl

(both run at cfb80a7, before the two files landed: each pair file that lands takes its articles, so
the same seed draws other articles later.) Those two draws took articles judge3 trained on (the lines
`training/mix.py` reserves, n % 5 == 0, are almost all the articles no pair file used), so the files
the writers made are tuning files, `tests/data/news_pairs_seen59.jsonl` and `news_pairs_seen60.jsonl`
("seen": the judge saw their sentences), not blind ones. Eligible: 150 to 1,000 words (a writer reads
every article it is given). "line" is the article's 0-based line in the JSONL file, as the pair
files' "lines" give it. The news_es corpus is also the
material of the open corpus check (every predicted contradiction of all 971 articles read by hand):
its sentences were not shown as pairs, but some may have been read in a report.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from draw_blind_tweets import write_draw

ROOT = Path(__file__).resolve().parent.parent
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=45)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shown", type=Path, action="append", default=[],
                        help="an earlier draw's articles.jsonl: its articles were shown to a writer")
    args = parser.parse_args(argv)
    articles = [json.loads(raw) for raw in NEWS.read_text(encoding="utf-8").splitlines() if raw.strip()]
    shown = {json.loads(raw)["line"] for path in args.shown
             for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()}
    held = held_prefixes()
    texts = [_collapse(a["text"]) for a in articles]
    fresh = [line for line, text in enumerate(texts) if not any(h in text for h in held)]
    pool = [line for line in fresh
            if line not in shown and 150 <= len(articles[line]["text"].split()) <= 1000]
    print(f"{len(articles)} articles, {len(fresh)} held by no pair file, {len(pool)} of them eligible and "
          "shown by no draw", file=sys.stderr)
    if len(pool) < args.count:
        print(f"error: only {len(pool)} fresh articles, {args.count} asked", file=sys.stderr)
        return 2
    drawn = sorted(random.Random(args.seed).sample(pool, args.count))
    write_draw(args.out, [{"line": line, "title": articles[line]["title"], "text": articles[line]["text"]}
                          for line in drawn])
    return 0


if __name__ == "__main__":
    sys.exit(main())

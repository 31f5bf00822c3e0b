"""Extraction as the alias table grows: seconds per quarter of news_es, and how many of them the table's
name matching (`AliasTable._match`) takes.

    .venv/bin/python bench/bench_alias_table.py [--articles 971] [--dump FILE]

The articles are extracted in order, in batches of 16 as `verify add` does, by one extractor, so the
alias table grows as it does in one index. A matching whose cost grows with the table shows as a rising
share from quarter to quarter. Run the same command on an older checkout (PYTHONPATH pointing at it) to
compare implementations on one machine; `--dump` writes every claim (its repr, all fields) and the
table's rows, so two versions' outputs can be compared byte for byte (`cmp`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=971)
    parser.add_argument("--dump", type=Path, help="write the claims and the table's rows here (JSON lines)")
    args = parser.parse_args()

    from verify.extract import entities
    from verify.ingest import iter_sources
    from verify.pipeline import make_extractor

    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][:args.articles]
    in_match = [0.0]
    original = entities.AliasTable._match

    def timed_match(self, surface, kind):
        start = time.perf_counter()
        try:
            return original(self, surface, kind)
        finally:
            in_match[0] += time.perf_counter() - start

    entities.AliasTable._match = timed_match  # type: ignore[method-assign]
    extractor = make_extractor(None)
    extractor.extract_many(["Hola."], languages=["es"], article_ids=["warm-up"])  # load spaCy outside the timing
    quarter = max(1, -(-len(articles) // 4))  # four parts, the last the shortest
    rows, claims, dumped = [], 0, []
    total = matched = 0.0
    for first in range(0, len(articles), quarter):
        part = articles[first:first + quarter]
        start, before = time.perf_counter(), in_match[0]
        for i in range(0, len(part), 16):
            batch = part[i:i + 16]
            found = extractor.extract_many([a.text for a in batch], languages=[a.language for a in batch],
                                           article_ids=[a.id for a in batch])
            claims += sum(len(c) for c in found)
            if args.dump:
                dumped.append([[repr(c) for c in article] for article in found])
        seconds, matching = time.perf_counter() - start, in_match[0] - before
        total, matched = total + seconds, matched + matching
        rows.append([f"{first + 1}-{first + len(part)}", f"{seconds:.1f}", f"{matching:.2f}",
                     f"{matching / seconds:.1%}", len(extractor.aliases)])
    if args.dump:
        dumped.append(sorted(map(list, extractor.aliases.rows())))
        args.dump.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in dumped), encoding="utf-8")
    print(f"machine: {machine()}\n")
    print(table(["articles", "seconds", "in AliasTable._match", "share", "entities in the table after"], rows))
    print(f"\nall {len(articles)} articles: {total:.1f} s, {matched:.2f} s matching names ({matched / total:.1%}); "
          f"{claims} claims")


if __name__ == "__main__":
    main()

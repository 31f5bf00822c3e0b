"""Where letters of another script pose as Latin ones in the data (`verify.lang.lookalikes`).

    .venv/bin/python bench/disguised_letters.py

Counts, with no model: the news_es articles whose cleaned text had words unmasked (and how many
look-alike letters they held), and in each pair file of tests/data the pairs with a text `unmask`
changes, by gold label. docs/QUALITY.md (session 13) reports the figures.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def main() -> None:
    from verify.ingest import clean_text
    from verify.lang import unmask
    from verify.lang.lookalikes import LOOKALIKES

    articles, letters, words, labels, sites = 0, 0, 0, Counter(), Counter()
    with open(NEWS, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            cleaned = clean_text(row["text"], title=row.get("title"))
            if cleaned.unmasked:
                articles += 1
                words += cleaned.unmasked
                letters += sum(1 for a, b in zip(row["text"], unmask(row["text"])[0]) if a != b and a in LOOKALIKES)
                labels[row.get("label")] += 1
                sites[row.get("source")] += 1
    print(f"news_es: {articles} articles with disguised words ({words} words, {letters} letters); "
          f"labels: {dict(labels)}; sites: {dict(sites)}\n")
    rows = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        hit = [p for p in pairs if any(unmask(p.get(k, ""))[0] != p.get(k, "") for k in ("a", "b"))]
        rows.append([path.name, len(pairs), len(hit), dict(Counter(p.get("label") for p in hit))])
    print(table(["pair file", "pairs", "with a disguised text", "by label"], rows))


if __name__ == "__main__":
    main()

"""Draw the sentences for a new blind pair file from the news rows of STS-es dev or train.

CheckThat! 2022 has no check-worthy tweet left that no pair file holds and no writer saw (session 32:
heldout30 took the last 113), and news_es has 9 articles no pair file used. STS-es dev
(`../shared/data/sts_es/stsb-es-dev.csv`, stsb-multi-mt, CC BY-SA 4.0: STS Benchmark translated
into Spanish) ends with news: paraphrase-corpus sentences and headlines (from row 1,000 of its 1,500,
captions and forum posts before). verify reads that file only to score the encoder's similarity
(`verify eval sts`, `bench/bench_encoder.py --sts`); the judge never trained on it (the mix reads
STS-es train) and no rule was tuned on it, beyond the pair files drawn from it (heldout31 on), whose
sentences no later draw takes again.

    python bench/draw_blind_sts.py --seed 31 --out /tmp/blind31/sentences.jsonl \
        --shown /tmp/blind30/tweets.jsonl

Each draw a writer saw is kept as `tests/data/blind/heldoutN_sentences.jsonl` (from heldout31): a draw
depends on the pair files that exist when it is made, so it cannot be made again later; pass every
earlier one as `--shown` (`--shown tests/data/blind/heldout3{1..8}_sentences.jsonl ...`).

Dev's news rows were nearly spent after heldout35 (about 130 sentences no draw had shown). `--split
train` draws from STS-es train's news rows (from row 2,470; captions and forum posts before), less
every sentence a judge may have trained on: both sentences of each row `training/mix.py` can take as a
paraphrase or an unrelated pair (score >= 4.6 or <= 0.6), and every sentence holding a verb its swaps
read (`OPPOSITE_VERBS`, `SYNONYM_VERBS`, `DIRECTION_SYNONYMS`: the mixes that swap verbs draw from all
of STS-es train). No rule was tuned on STS-es train. Both are now spent: heldout57 took train's last
139 eligible sentences and heldout58 dev's last 127 (session 40, `--count`).

Eligible: a sentence of either column of the rows from `--from-row` (1-based; default the split's
first news row, 1,000 of dev), of at least 8 words, that no `tests/data/news_pairs*.jsonl` holds and
no earlier draw (`--shown`) showed a writer. Each drawn sentence is {"id": "ROW:COLUMN", "text":
...}; a sentence written in two rows keeps its first.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from draw_blind_tweets import PAIR_FILES, ROOT, draw_parser, held_sentences, shown_texts, write_draw  # noqa: E402

STS = ROOT.parent / "shared" / "data" / "sts_es"
STS_FILES = {"dev": STS / "stsb-es-dev.csv", "train": STS / "stsb-es-train.csv"}
NEWS_FROM_ROW = {"dev": 1000, "train": 2470}  # 1-based: the first row of each file's news


def eligible(path: Path, from_row: int, min_words: int = 8,
             trained: Callable[[list[list[str]]], set[str]] | None = None) -> dict[str, dict]:
    """text -> {"id", "text"} for the sentences of rows `from_row`.. (1-based) of at least `min_words`,
    less those `trained` (given every row) says a judge may have trained on."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    seen = trained(rows) if trained else set()
    out: dict[str, dict] = {}
    for number, row in enumerate(rows, start=1):
        if number < from_row:
            continue
        for column, text in enumerate(row[:2], start=1):
            if text in seen:
                continue
            text = " ".join(text.split())
            if len(text.split()) >= min_words and text not in out:
                out[text] = {"id": f"{number}:{column}", "text": text}
    return out


def judge_trained(rows: list[list[str]]) -> set[str]:
    """The sentences of STS-es train a judge may have seen (module docstring), as `training/mix.py` reads them."""
    sys.path.insert(0, str(ROOT / "training"))
    from mix import DIRECTION_SYNONYMS, OPPOSITE_VERBS, SYNONYM_VERBS, _verb_swapper

    verb, _ = _verb_swapper({w: w for pair in OPPOSITE_VERBS + SYNONYM_VERBS + DIRECTION_SYNONYMS for w in pair})
    out = set()
    for row in rows:
        if len(row) != 3:
            continue
        if float(row[2]) >= 4.6 or float(row[2]) <= 0.6:
            out.update(row[:2])
        out.update(text for text in row[:2] if verb.search(text))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = draw_parser(__doc__, 160, "JSON lines: their texts")
    parser.add_argument("--split", choices=sorted(STS_FILES), default="dev")
    parser.add_argument("--from-row", type=int, help="first row (1-based); default: the split's first news row")
    args = parser.parse_args(argv)
    shown = shown_texts(args.shown)
    held = held_sentences(sorted(PAIR_FILES.glob("news_pairs*.jsonl")))
    from_row = args.from_row or NEWS_FROM_ROW[args.split]
    found = eligible(STS_FILES[args.split], from_row, trained=judge_trained if args.split == "train" else None)
    pool = [t for t in found if t not in shown and not any(h in t or t in h for h in held)]
    print(f"{len(found)} sentences of {args.split} from row {from_row}, {len(pool)} held by no pair file and shown "
          "by no draw", file=sys.stderr)
    if len(pool) < args.count:
        print(f"error: only {len(pool)} fresh sentences, {args.count} asked", file=sys.stderr)
        return 2
    random.seed(args.seed)
    picked = sorted(random.sample(pool, args.count), key=lambda t: tuple(int(x) for x in found[t]["id"].split(":")))
    write_draw(args.out, [found[text] for text in picked])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Draw the tweets for a new blind pair file: check-worthy CheckThat! 2022 tweets no pair file holds.

A blind file is only blind if the matcher was never tuned on its sentences. Session 30 drew
heldout27 from the train split believing no pair file had used it; heldout10-22 had, and 105 of its
124 tweets were theirs. This draws only from tweets that no `tests/data/news_pairs*.jsonl` holds,
as a first claim or as a copied second claim, nor any earlier draw named with `--shown`:

    python bench/draw_blind_tweets.py --split train --seed 29 --out /tmp/blind29/tweets.jsonl \
        --shown /tmp/blind28/tweets.jsonl

`--split` may be given more than once when a split runs short (session 32: 61 fresh tweets were left
in train, 28 in dev, 24 in dev_test, all drawn into heldout30); each drawn tweet then names its
"split", since a line number is only unique within one. An earlier draw's tweets count as shown by
their text, whatever split they came from.

Eligible: labelled check-worthy (class_label 1), at least 12 words once links are removed and
spaces collapsed. "line" is the tweet's line in the TSV file (the header is line 1), as the pair
files' "lines" give it.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKWORTHY = ROOT.parent / "shared" / "data" / "checkworthy_es"
PAIR_FILES = ROOT / "tests" / "data"
_LINK = re.compile(r"https?://\S+")


def clean(text: str) -> str:
    return " ".join(_LINK.sub("", text).split())


def eligible(tsv: Path) -> dict[int, dict]:
    """line -> {"line", "topic", "text"} of the split's check-worthy tweets of 12 words or more."""
    with tsv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = {}
    for line, row in enumerate(rows, start=2):
        text = clean(row["tweet_text"])
        if row["class_label"] == "1" and len(text.split()) >= 12:
            out[line] = {"line": line, "topic": row["topic"], "text": text}
    return out


def held_sentences(pair_files: list[Path]) -> list[str]:
    """Every first claim and every copied second claim (one with a line of its own) of the pair files."""
    from verify.evaluate import read_pairs

    held = []
    for path in pair_files:
        for row in read_pairs(path):
            held.append(row["a"])
            lines = row.get("lines") or []
            if len(lines) > 1 and lines[1] is not None:
                held.append(row["b"])
    return held


def shown_texts(paths: list[Path]) -> set[str]:
    """The texts earlier draws (JSON lines with a "text") showed a writer, whatever their source."""
    return {json.loads(raw)["text"] for path in paths
            for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()}


def write_draw(path: Path, records: list[dict]) -> None:
    """A draw as JSON lines, the folder made if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def fresh(tweets: dict[int, dict], held: list[str], shown: set[str]) -> list[int]:
    """Lines of the tweets no held sentence comes from and no earlier draw showed a writer (`shown`:
    the texts of the tweets earlier draws wrote)."""
    return [line for line, t in tweets.items()
            if t["text"] not in shown and not any(sentence in t["text"] for sentence in held)]


def draw_parser(doc: str, count: int, shown: str) -> argparse.ArgumentParser:
    """The options every blind draw takes: --seed, --count (default `count`), --out, and --shown, an
    earlier draw's file (`shown` names it and what it holds, "tweets.jsonl: its tweets")."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=count)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shown", type=Path, action="append", default=[],
                        help=f"an earlier draw's {shown} were shown to a writer")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = draw_parser(__doc__, 140, "tweets.jsonl: its tweets")
    parser.add_argument("--split", action="append", choices=["train", "dev", "dev_test"],
                        help="a split to draw from (default train); give it again to draw from several")
    args = parser.parse_args(argv)
    splits = args.split or ["train"]
    shown = shown_texts(args.shown)
    held = held_sentences(sorted(PAIR_FILES.glob("news_pairs*.jsonl")))
    tweets: dict[tuple[str, int], dict] = {}
    pool: list[tuple[str, int]] = []
    for split in splits:
        found = eligible(CHECKWORTHY / f"CT22_spanish_1A_checkworthy_{split}.tsv")
        lines = fresh(found, held, shown)
        print(f"{split}: {len(found)} eligible, {len(lines)} held by no pair file and shown by no draw",
              file=sys.stderr)
        for line in lines:
            # one split drawn: the records as every earlier draw wrote them
            tweets[split, line] = found[line] if len(splits) == 1 else {**found[line], "split": split}
            pool.append((split, line))
    if len(pool) < args.count:
        print(f"error: only {len(pool)} fresh tweets, {args.count} asked", file=sys.stderr)
        return 2
    random.seed(args.seed)
    write_draw(args.out, [tweets[key] for key in sorted(random.sample(pool, args.count))])
    return 0


if __name__ == "__main__":
    sys.exit(main())

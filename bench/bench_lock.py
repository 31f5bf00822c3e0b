"""How much of `verify add` holds the writer lock, with the judge read ahead of each batch or under it.

    .venv/bin/python bench/bench_lock.py [--articles 150]

Each mode adds the same news_es articles into a fresh SQLite index with the shipped judge, timing
the batch transactions (`ClaimIndex.batch`: on PostgreSQL the span other ingest writers wait for).
"under the lock" switches the read-ahead off (`verify.pipeline._read_ahead`), as verify ran before
session 8. The links and the judge's readings must come out the same; the share of time inside the
transactions is the figure (docs/SCALING.md).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def run(articles, encoder, read_ahead: bool) -> list:
    import verify.pipeline as pipeline
    from verify.judge import load_judge
    from verify.store import ClaimIndex

    judge = load_judge()
    judge.probabilities(["a"], ["b"])  # load and compile out of the timing
    original = pipeline._read_ahead
    if not read_ahead:
        pipeline._read_ahead = lambda *args, **kwargs: None
    inside = 0.0
    try:
        with tempfile.TemporaryDirectory() as tmp, ClaimIndex.open(Path(tmp) / "ix", create=True) as index:
            batch = index.batch

            @contextlib.contextmanager
            def timed_batch():
                nonlocal inside
                started = time.perf_counter()
                with batch() as opened:
                    yield opened
                inside += time.perf_counter() - started

            index.batch = timed_batch  # type: ignore[method-assign]
            started = time.perf_counter()
            summary = pipeline.add_articles(index, articles, encoder=encoder,
                                            extractor=pipeline.make_extractor(index), judge=judge)
            total = time.perf_counter() - started
    finally:
        pipeline._read_ahead = original
    return ["read ahead" if read_ahead else "under the lock", summary.claims, summary.links, judge.calls,
            f"{total:.1f}", f"{inside:.1f}", f"{inside / total:.2f}", f"{inside / len(articles):.3f}"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=150)
    args = parser.parse_args()
    from verify.embed import load_encoder
    from verify.ingest import iter_sources

    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    encoder = load_encoder()
    rows = [run(articles, encoder, read_ahead=False), run(articles, encoder, read_ahead=True)]
    print(f"machine: {machine()}; {len(articles)} news_es articles\n")
    print(table(["judge", "claims", "links", "judge readings", "add s", "inside transactions s", "share",
                 "s an article inside"], rows))


if __name__ == "__main__":
    main()

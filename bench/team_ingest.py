"""Ingest throughput into the shared PostgreSQL store against the embedded SQLite one (issue #12).

    .venv/bin/python bench/team_ingest.py [--articles 200] [--runs 3]

The same first `--articles` articles of the news_es corpus are added, with the real default encoder
and no NLI judge (`--nli none`), into a fresh SQLite index and into a fresh database of a throwaway
PostgreSQL cluster on loopback (tests/pg.py), alternating SQLite and PostgreSQL in each run. Only
the add is timed (`verify.pipeline.add_articles`, as `verify add` calls it; the model and spaCy are
loaded before). Prints claims/s of each (median over the runs), the ratio PostgreSQL/SQLite (target
>= 0.8), and whether the `verify report --format json` of the two stores are identical with claim ids
aside.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
TARGET = 0.8


def normalised(report_json: str) -> object:
    """The report without what each store numbers on its own: claim ids (ints under "id" / "claim_id")."""

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if not (k in ("id", "claim_id") and isinstance(v, int))}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(json.loads(report_json))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from pg import MISSING, server_binaries, throwaway_cluster

    from verify.embed import load_encoder
    from verify.ingest import iter_sources
    from verify.pipeline import add_articles, make_extractor
    from verify.report import build_report, render
    from verify.store import ClaimIndex
    from verify.store.postgres import open_store

    bindir = server_binaries()
    if bindir is None:
        sys.exit(MISSING)
    encoder = load_encoder()
    articles = [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][: args.articles]
    make_extractor().extract_many([articles[0].text])  # load spaCy outside the timing
    encoder.encode(["calentamiento del codificador"] * 8)

    rates: dict[str, list[float]] = {"SQLite": [], "PostgreSQL": []}
    rows, reports = [], {}
    work = Path(tempfile.mkdtemp(prefix="team-ingest-"))
    try:
        with throwaway_cluster(bindir) as cluster:
            for run in range(args.runs):
                for kind in ("SQLite", "PostgreSQL"):
                    if kind == "SQLite":
                        store = ClaimIndex.open(work / f"ix{run}", create=True)
                    else:
                        store = open_store(cluster.url(cluster.new_database()), create=True, writable=True,
                                           user="bench")
                    with store as index:
                        t = time.perf_counter()
                        summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index),
                                               judge=None)
                        elapsed = time.perf_counter() - t
                        if run == args.runs - 1:
                            reports[kind] = render(build_report(index), "json")
                    rate = summary.claims / elapsed
                    rates[kind].append(rate)
                    rows.append([run + 1, kind, summary.added, summary.claims, summary.links, f"{elapsed:.1f}",
                                 f"{rate:.1f}"])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    sqlite, pg = statistics.median(rates["SQLite"]), statistics.median(rates["PostgreSQL"])
    ratio = pg / sqlite
    same = normalised(reports["SQLite"]) == normalised(reports["PostgreSQL"])
    print(f"## Ingest throughput: PostgreSQL against SQLite\n\nmachine: {machine()}; encoder: {encoder.name} "
          f"({getattr(encoder, 'runtime', '?')}); judge: none; {len(articles)} news_es articles\n")
    print(table(["run", "store", "articles", "claims", "links", "add s", "claims/s"], rows))
    print()
    print(table(["store", "median claims/s"], [["SQLite", f"{sqlite:.1f}"], ["PostgreSQL", f"{pg:.1f}"]]))
    verdict = "reached" if ratio >= TARGET else "not reached"
    print(f"\nratio PostgreSQL / SQLite: {ratio:.3f} (target >= {TARGET}: {verdict})")
    print(f"report --format json identical with ids aside: {'yes' if same else 'NO'}")
    if not same:
        a, b = normalised(reports["SQLite"]), normalised(reports["PostgreSQL"])
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                print(f"  differs: {key}")
    print(json.dumps({"sqlite": rates["SQLite"], "postgresql": rates["PostgreSQL"], "ratio": ratio,
                      "reports_identical": same}))
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()

"""`verify add --ray` (local Ray, 2 actors per pool) against the single-process pipeline, in one run (issue #12).

    .venv/bin/python bench/bench_ray.py [--articles 150] [--runs 2] [--actors 2]

Input: the first `--articles` articles of news_es (FakeNewsCorpusSpanish, in file order), with the real
models: the default encoder, the shipped judge (verify add's default), spaCy.

1. Throughput. Each run adds the articles to a fresh SQLite index once single-process
   (`verify.pipeline.add_articles`, as `verify add` calls it) and once on a local Ray
   (`verify.scale.ray_ingest.RayIngest`), alternating, each in a process of its own so that neither's
   memory or threads stay behind for the other. Only the add is timed: models are loaded and the Ray
   pools started before. Reports claims/s of each (median over the runs), the ratio Ray/single
   (target >= 0.8), that both stored the same claims and links, and peak resident memory (the single
   process; the Ray driver and each actor).
2. A per-actor cost model: seconds per article of each stage, run one after another in one process
   (no overlap, so each figure is that stage's own cost): read + clean, parse (spaCy, the parser actor's
   work with its DocBin), extract (the driver's part: speakers, sides, aliases, from the parses),
   encode, store (rows, vectors, commit), link (candidate search and the rules), judge.
   docs/SCALING.md projects from these.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
TARGET = 0.8


def _articles(n: int) -> list:
    from verify.ingest import iter_sources

    return [a for a in iter_sources([str(NEWS)]) if hasattr(a, "text")][:n]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fingerprint(index) -> list:
    """What the two paths must agree on (ids, texts, links with their scores), for the equality check."""
    claims = [(c.id, c.article_id, c.text, c.speaker, c.side) for c in index.claims()]
    links = sorted((l.a, l.b, str(l.relation), round(l.score, 6), round(l.similarity, 6)) for l in index.links())
    return [claims, links]


def one_run(mode: str, n: int) -> dict:
    """One timed add of the first `n` articles into a fresh index, in this process; a JSON-able result."""
    from verify.store import ClaimIndex

    articles = _articles(n)
    work = Path(tempfile.mkdtemp(prefix=f"bench-ray-{mode}-"))
    try:
        with ClaimIndex.open(work / "ix", create=True) as index:
            if mode == "single":
                from verify.embed import load_encoder
                from verify.judge import load_judge
                from verify.pipeline import add_articles, make_extractor

                encoder, judge = load_encoder(), load_judge()
                assert judge is not None
                make_extractor().extract_many([articles[0].text])  # spaCy loaded outside the timing
                encoder.encode(["calentamiento"] * 8)
                judge.probabilities(["a"], ["b"])
                t = time.perf_counter()
                summary = add_articles(index, articles, encoder=encoder, extractor=make_extractor(index), judge=judge)
                seconds = time.perf_counter() - t
                actors: dict = {}
            else:
                from verify.scale.ray_ingest import RayIngest

                with RayIngest() as ray_ingest:
                    ray_ingest.encoder(index)  # Ray and the pools started, every model loaded, outside the timing
                    t = time.perf_counter()
                    summary = ray_ingest.add_articles(index, articles)
                    seconds = time.perf_counter() - t
                    actors = ray_ingest.peak_rss_mib()
            result = {"mode": mode, "seconds": seconds, "claims": summary.claims, "links": summary.links,
                      "articles": summary.added, "rate": summary.claims / seconds, "driver_mib": _peak_mib(),
                      "actors_mib": actors, "fingerprint": _fingerprint(index)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def cost_model(n: int) -> dict:
    """Seconds per article of each stage, one after another in this process (module docstring)."""
    from verify import link as link_module
    from verify import pipeline
    from verify.embed import load_encoder
    from verify.judge import load_judge
    from verify.pipeline import AddSummary, make_extractor
    from verify.scale.ray_ingest import ParsedExtractor, ParserActor
    from verify.store import ClaimIndex

    spent = dict.fromkeys(("read + clean", "parse", "extract", "encode", "store", "link", "judge"), 0.0)
    _articles(1)  # the readers' imports (trafilatura, ...) outside the timing
    t = time.perf_counter()
    articles = _articles(n)
    spent["read + clean"] = time.perf_counter() - t
    encoder, judge = load_encoder(), load_judge()
    assert judge is not None
    parser = ParserActor()
    encoder.encode(["calentamiento"] * 8)
    judge.probabilities(["a"], ["b"])

    class TimedEncoder:
        name, dim, fingerprint = encoder.name, encoder.dim, encoder.fingerprint

        def encode(self, texts):
            t0 = time.perf_counter()
            try:
                return encoder.encode(texts)
            finally:
                spent["encode"] += time.perf_counter() - t0

    class TimedJudge:
        name = judge.name

        def probabilities(self, premises, hypotheses):
            t0 = time.perf_counter()
            try:
                return judge.probabilities(premises, hypotheses)
            finally:
                spent["judge"] += time.perf_counter() - t0

    link_claims = link_module.link_claims
    linking = [0.0]
    judging_in_link = [0.0]  # the judge's time inside link_claims: pairs the read-ahead did not foresee

    def timed_link(*args, **kwargs):
        t0, judged = time.perf_counter(), spent["judge"]
        try:
            return link_claims(*args, **kwargs)
        finally:
            linking[0] += time.perf_counter() - t0
            judging_in_link[0] += spent["judge"] - judged

    link_module.link_claims = timed_link  # _store_batch imports it from the module when it links
    work = Path(tempfile.mkdtemp(prefix="bench-ray-cost-"))
    try:
        with ClaimIndex.open(work / "ix", create=True) as index:
            from spacy.tokens import DocBin

            from verify.extract.nlp import spanish
            from verify.scale.ray_ingest import Parsed

            vocab = spanish().vocab
            pending: list = []

            def parses(ids):
                return pending.pop(0)

            extractor = ParsedExtractor(parses, aliases=make_extractor(index).aliases)
            timed = TimedEncoder()

            def encode_now(texts):
                vectors = timed.encode(texts)
                return lambda: vectors
            stored_rows = (set(index.aliases()), set(index.sides()))
            summary = AddSummary()
            store_and_link = 0.0
            for batch in pipeline._batches(articles, 16):
                texts = [a.text for a in batch]
                t0 = time.perf_counter()
                languages, data = parser.parse(texts, [a.language for a in batch])
                spent["parse"] += time.perf_counter() - t0
                t0 = time.perf_counter()
                pending.append(Parsed(languages, list(DocBin().from_bytes(data).get_docs(vocab))))
                encoded = spent["encode"]
                # Encoded in line (no encoding thread: each stage's own time), when the pipeline would
                # start it; the encoder's time is taken out of extraction's.
                extracted = pipeline._extract(extractor, batch, stored_rows=stored_rows,
                                              encode=encode_now)
                spent["extract"] += time.perf_counter() - t0 - (spent["encode"] - encoded)
                t0 = time.perf_counter()
                pipeline._store_batch(index, extracted, encoder=timed, summary=summary, link=True,
                                      judge=TimedJudge())
                store_and_link += time.perf_counter() - t0
            fingerprint = _fingerprint(index)
    finally:
        link_module.link_claims = link_claims
        shutil.rmtree(work, ignore_errors=True)
    # The judge runs mostly before each batch's transaction (the read-ahead, verify.link.read_ahead), the
    # rest inside link_claims; "store" keeps the read-ahead's own candidate search.
    spent["link"] = linking[0] - judging_in_link[0]
    spent["store"] = store_and_link - linking[0] - (spent["judge"] - judging_in_link[0])
    return {"articles": len(articles), "claims": summary.claims, "links": summary.links, "seconds": spent,
            "fingerprint": fingerprint,
            "runtimes": {"encoder": getattr(encoder, "runtime", "?"), "judge": getattr(judge, "runtime", "?")}}


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=dict(os.environ))
    if out.returncode != 0:
        sys.exit(f"bench child {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--actors", type=int, default=2, help="actors per pool (VERIFY_RAY_ACTORS)")
    parser.add_argument("--child", choices=["single", "ray", "cost"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = cost_model(args.articles) if args.child == "cost" else one_run(args.child, args.articles)
        print(json.dumps(result))
        return
    os.environ["VERIFY_RAY_ACTORS"] = str(args.actors)

    runs: dict[str, list[dict]] = {"single": [], "ray": []}
    rows = []
    for run in range(args.runs):
        for mode in ("single", "ray"):
            result = _child("--child", mode, "--articles", str(args.articles))
            runs[mode].append(result)
            actors = result["actors_mib"]
            actor_mib = ", ".join(f"{name} {' / '.join(f'{m:.0f}' for m in mibs)}" for name, mibs in actors.items())
            rows.append([run + 1, mode, result["articles"], result["claims"], result["links"],
                         f"{result['seconds']:.1f}", f"{result['rate']:.2f}", f"{result['driver_mib']:.0f}",
                         actor_mib or "-"])
    same = all(r["fingerprint"] == runs["single"][0]["fingerprint"] for mode in runs for r in runs[mode])
    single = statistics.median(r["rate"] for r in runs["single"])
    ray = statistics.median(r["rate"] for r in runs["ray"])
    cost = _child("--child", "cost", "--articles", str(args.articles))

    print(f"machine: {machine()}")
    print(f"input: the first {args.articles} articles of news_es ({NEWS.name}); judge: shipped (default); "
          f"runtimes: encoder {cost['runtimes']['encoder']}, judge {cost['runtimes']['judge']}; "
          f"Ray {_ray_version()}, {args.actors} actors per pool (parsers, encoders, judges)\n")
    print(table(["run", "path", "articles", "claims", "links", "seconds", "claims/s", "driver peak MiB",
                 "actors' peak MiB"], rows))
    ratio = ray / single
    print(f"\nmedian claims/s: single-process {single:.2f}, Ray {ray:.2f}; ratio {ratio:.2f} "
          f"(target >= {TARGET}: {'met' if ratio >= TARGET else 'NOT met'}); "
          f"same claims and links in every run: {'yes' if same else 'NO'}\n")
    per_article = {stage: s / cost["articles"] for stage, s in cost["seconds"].items()}
    total = sum(per_article.values())
    same_as_pipeline = cost["fingerprint"] == runs["single"][0]["fingerprint"]
    print(f"cost model: {cost['articles']} articles, {cost['claims']} claims, {cost['links']} links, "
          f"stages one after another in one process; the same claims and links as the pipeline: "
          f"{'yes' if same_as_pipeline else 'NO'}")
    print(table(["stage", "runs on", "s / article", "ms / claim", "share"],
                [[stage, _where(stage), f"{s:.4f}", f"{1000 * s * cost['articles'] / max(cost['claims'], 1):.1f}",
                  f"{s / total:.0%}"] for stage, s in per_article.items()]
                + [["all", "", f"{total:.4f}", f"{1000 * total * cost['articles'] / max(cost['claims'], 1):.1f}",
                    "100%"]]))
    print(json.dumps({"single": [r["rate"] for r in runs["single"]], "ray": [r["rate"] for r in runs["ray"]],
                      "ratio": ratio, "same": same, "cost_same": same_as_pipeline,
                      "cost_s_per_article": per_article}))


def _where(stage: str) -> str:
    return {"parse": "parser actors", "encode": "encoder actors", "judge": "judge actors"}.get(stage, "driver")


def _ray_version() -> str:
    try:
        from importlib.metadata import version

        return version("ray")
    except Exception:
        return "?"


if __name__ == "__main__":
    main()

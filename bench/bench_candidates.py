"""Candidate generation at 1e6 claims: exact (flat) against approximate (HNSW) FAISS, in one run.

    nice -n 10 .venv/bin/python bench/bench_candidates.py [--n 1000000] [--queries 2000] [--ef 64,128]

Both stores (verify.store.vectors: FaissFlatStore, FaissHNSWStore) get the same N clustered unit
vectors (bench/synthetic.clustered_vectors, d=384, N/50 stories, as the synthetic indexes use), then
answer the same kNN queries (k=10): `--queries` of the stored vectors, as linking asks for each claim.
Reported: build time, query time (median of `--runs`), queries/s, speed ratio flat / HNSW, and
recall@10 of HNSW against the exact answer (|approx top 10 & exact top 10| / 10, averaged).
FAISS runs on `--threads` OpenMP threads.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, median_time, table  # noqa: E402
from synthetic import clustered_vectors  # noqa: E402


def recall_at_k(exact: np.ndarray, approx: np.ndarray) -> float:
    """Mean share of each exact top-k found in the approximate top-k (-1 padding never counts)."""
    k = exact.shape[1]
    return float(np.mean([len(set(e) & set(a) - {-1}) / k for e, a in zip(exact.tolist(), approx.tolist())]))


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000, help="synthetic claims in each store")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--ef", default="64,128", help="HNSW efSearch values, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="query timings per store (median)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    efs = [int(x) for x in args.ef.split(",") if x.strip()]

    import faiss

    from verify.store.vectors import FaissFlatStore, FaissHNSWStore

    faiss.omp_set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    t = time.perf_counter()
    vectors, _ = clustered_vectors(args.n, args.dim, stories=max(args.n // 50, 1), rng=rng)
    generate_s = time.perf_counter() - t
    ids = np.arange(1, args.n + 1, dtype=np.int64)  # claim ids start at 1, as in SQLite
    picked = rng.choice(args.n, size=min(args.queries, args.n), replace=False)
    queries = vectors[picked].copy()
    print(f"generated {args.n:,} x {args.dim} vectors in {generate_s:.0f} s", file=sys.stderr, flush=True)

    flat = FaissFlatStore(args.dim)
    t = time.perf_counter()
    flat.add(ids, vectors)
    flat_build = time.perf_counter() - t
    print(f"flat built in {flat_build:.1f} s", file=sys.stderr, flush=True)

    hnsw = FaissHNSWStore(args.dim)
    t = time.perf_counter()
    hnsw.add(ids, vectors)
    hnsw_build = time.perf_counter() - t
    del vectors  # both stores hold their own copy
    print(f"hnsw built in {hnsw_build:.1f} s", file=sys.stderr, flush=True)

    exact = flat.search(queries, args.k)[1]
    flat_query = median_time(lambda: flat.search(queries, args.k), runs=args.runs, warmup=0)
    print(f"flat queries: {flat_query:.2f} s", file=sys.stderr, flush=True)
    rows = [["exact: FaissFlatStore (IndexFlatIP)", "-", f"{flat_build:.1f}", f"{flat_query:.2f}",
             f"{len(queries) / flat_query:,.0f}", "1.0", "1.000"]]
    results = {"n": args.n, "dim": args.dim, "queries": len(queries), "k": args.k, "threads": args.threads,
               "flat": {"build_s": flat_build, "query_s": flat_query}, "hnsw": []}
    for ef in efs:
        hnsw.ef_search = ef
        approx = hnsw.search(queries, args.k)[1]
        query = median_time(lambda: hnsw.search(queries, args.k), runs=args.runs, warmup=1)
        recall = recall_at_k(exact, approx)
        rows.append(["approximate: FaissHNSWStore (HNSW32, efConstruction 40)", ef, f"{hnsw_build:.1f}",
                     f"{query:.3f}", f"{len(queries) / query:,.0f}", f"{flat_query / query:.1f}", f"{recall:.3f}"])
        results["hnsw"].append({"ef": ef, "build_s": hnsw_build, "query_s": query, "recall_at_10": recall,
                                "speed_ratio": flat_query / query})
        print(f"hnsw ef {ef}: {query:.3f} s, recall {recall:.3f}", file=sys.stderr, flush=True)
    results["peak_rss_gib"] = peak_rss_gib()

    print(f"machine: {machine()}; FAISS {faiss.__version__}, {args.threads} threads\n")
    print(f"{args.n:,} clustered unit vectors (d={args.dim}, {max(args.n // 50, 1):,} stories); "
          f"{len(queries):,} stored vectors as queries, k={args.k}; query time is the median of {args.runs}; "
          f"peak RSS {results['peak_rss_gib']:.1f} GiB\n")
    print(table(["store", "efSearch", "build s", f"{len(queries):,} queries s", "queries/s",
                 "speed ratio flat / this", f"recall@{args.k} vs exact"], rows))
    print(json.dumps(results))


if __name__ == "__main__":
    main()

"""Ray Data's own cost a batch, against Ray core's actors, on this machine (issue #12: Ray Data stages).

    python3 -m venv /tmp/rd && /tmp/rd/bin/pip install 'ray[data]==2.60.0'
    /tmp/rd/bin/python bench/raydata_overhead.py

Not the project's environment: Ray Data needs pandas and pyarrow, which verify does not install
(`verify add --ray` uses Ray core's actors). Batches of simulated work (sleeps, so the cost measured is
Ray's, not the CPU's) go through the shape a Ray Data ingest would have: a stage of 2 parsing actors,
then a stage of 1 stateful actor that must see the batches in input order (extraction: the alias
table learns from earlier articles), with `preserve_order`. The same work through Ray core actor pools,
as verify does it, for comparison. Prints the wall time of each (medians of RUNS, the actors' start
included), the cost a batch over the ideal (the parsing stage's work spread over its 2 actors), and in
how many runs the one-actor stage saw the batches out of input order: `preserve_order` orders the
output, and the question is whether it also orders what a stateful actor downstream is given.
"""

from __future__ import annotations

import statistics
import time

PARSE_S, EXTRACT_S = 0.05, 0.02  # simulated seconds a batch in each stage
RUNS = 5


class Parse:
    def __call__(self, batch):
        time.sleep(PARSE_S)
        return batch


class Extract:
    """Stateful, one actor: records the order it saw the batches in."""

    def __init__(self):
        self.seen: list[int] = []

    def __call__(self, batch):
        self.seen.extend(int(i) for i in batch["i"])
        time.sleep(EXTRACT_S)
        batch["in_order"] = [self.seen == sorted(self.seen)] * len(batch["i"])
        return batch


def ray_data(n: int) -> tuple[float, bool]:
    """(wall seconds, whether the one-actor stage saw every batch in input order)."""
    import ray

    started = time.perf_counter()
    ds = ray.data.from_items([{"i": i} for i in range(n)], override_num_blocks=n)
    ds = ds.map_batches(Parse, batch_size=1, concurrency=2, num_cpus=0.5)
    ds = ds.map_batches(Extract, batch_size=1, concurrency=1, num_cpus=0.5)
    rows = list(ds.iter_rows())
    wall = time.perf_counter() - started
    assert [r["i"] for r in rows] == list(range(n))  # `preserve_order`: the output is in input order
    return wall, all(r["in_order"] for r in rows)


def ray_core(n: int) -> float:
    import ray

    @ray.remote(num_cpus=0.5)
    class Parser:
        def go(self, i):
            time.sleep(PARSE_S)
            return i

    @ray.remote(num_cpus=0.5)
    class Extractor:
        def go(self, i):
            time.sleep(EXTRACT_S)
            return i

    started = time.perf_counter()
    parsers = [Parser.remote() for _ in range(2)]  # type: ignore[attr-defined]
    extractor = Extractor.remote()  # type: ignore[attr-defined]
    parsed = [parsers[i % 2].go.remote(i) for i in range(n)]
    assert ray.get([extractor.go.remote(p) for p in parsed]) == list(range(n))
    return time.perf_counter() - started


def main() -> None:
    import os

    import ray
    from ray.data import DataContext

    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, logging_level="ERROR")
    context = DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    print(f"ray {ray.__version__}, {os.cpu_count()} CPUs; work a batch: parse {PARSE_S} s (2 actors), "
          f"extract {EXTRACT_S} s (1 actor, in order)")
    for n in (50, 200):
        runs = [ray_data(n) for _ in range(RUNS)]
        data = statistics.median(wall for wall, _ in runs)
        core = statistics.median(ray_core(n) for _ in range(RUNS))
        ideal = n * PARSE_S / 2
        print(f"{n} batches: Ray Data {data:.2f} s, Ray core {core:.2f} s, ideal {ideal:.2f} s; over the ideal, "
              f"a batch: Ray Data {(data - ideal) / n * 1000:.1f} ms, Ray core {(core - ideal) / n * 1000:.1f} ms; "
              f"runs whose one-actor stage saw the batches out of input order: "
              f"{sum(not in_order for _, in_order in runs)} of {RUNS}")


if __name__ == "__main__":
    main()

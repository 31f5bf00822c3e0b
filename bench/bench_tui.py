"""Benchmark `verify browse` on a synthetic index (default 100k claims / 20k links).

Measures
  * cold start to first paint: a fresh Python process that imports verify, opens the index and
    paints the link list (headless); timed from just before the process is spawned to the first
    call that renders list lines, so interpreter start-up and imports are included;
  * keypress to repaint: in one running app (headless, 120x36), the time from sending a key to the
    last screen repaint it caused, for keys held down while scrolling (`j`, `pagedown`) and for a
    single `j` after the cursor has rested (the detail pane then redraws too).

Usage:
    python bench/bench_tui.py [--claims 100000] [--links 20000] [--runs 5] [--index DIR]

The index is built once under DIR (default /tmp/verify-bench-tui-<claims>-<links>) with
`bench/synthetic.py` through `ClaimIndex` (vectors of dimension 64: the browser never reads them).
Prints a Markdown table and the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, table  # noqa: E402

CHILD = """
import sys, time
spawned = float(sys.argv[2])
from verify.tui import make_app
app = make_app(sys.argv[1], poll_interval=0)  # as `verify browse` does: starts reading, then imports Textual
from verify.tui.widgets.row_list import RowList
original = RowList.render_lines
painted = []
def render_lines(self, crop):
    lines = original(self, crop)
    if not painted and self.rows:
        painted.append(time.time() - spawned)
        self.app.call_later(self.app.exit)
    return lines
RowList.render_lines = render_lines
app.run(headless=True, size=(120, 36))
print(painted[0] if painted else "nan")
"""


def ensure_index(path: Path, claims: int, links: int) -> None:
    if (path / "verify.sqlite").exists():
        return
    from synthetic import build_synthetic_index

    started = time.perf_counter()
    build_synthetic_index(path, claims=claims, links=links, dim=64)
    print(f"built {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def cold_start(path: Path, runs: int) -> list[float]:
    """Seconds from spawn to first paint, one fresh process per run (after one warm-up for the page cache)."""
    times = []
    for run in range(runs + 1):
        out = subprocess.run([sys.executable, "-c", CHILD, str(path), repr(time.time())], capture_output=True,
                             text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=True)
        if run:
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


async def keypress_latencies(path: Path, presses: int) -> dict[str, list[float]]:
    """Per key: seconds from sending it to the last repaint it caused."""
    from textual.screen import Screen

    from verify.tui import make_app

    repaints: list[float] = []
    original = Screen._compositor_refresh

    def compositor_refresh(self):
        original(self)
        repaints.append(time.perf_counter())

    Screen._compositor_refresh = compositor_refresh
    results: dict[str, list[float]] = {}
    app = make_app(path, poll_interval=0)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(0.5)

            async def measure(key: str, rest: float, which) -> float:
                if rest:
                    await asyncio.sleep(rest)
                    await pilot.pause()
                repaints.clear()
                started = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                await asyncio.sleep(0.03)  # let a repaint scheduled for the next frame happen
                return (which(repaints) if repaints else float("nan")) - started

            # Held keys: the first repaint shows the moved cursor (the detail pane follows once the
            # cursor rests). After a rest: the last repaint, when the detail pane is drawn as well.
            for key in ("j", "pagedown"):
                results[f"`{key}` held (scrolling), first repaint"] = [await measure(key, 0, min)
                                                                       for _ in range(presses)]
            await pilot.press("g")
            results["`j` after a rest, list + detail repainted"] = [await measure("j", 0.3, max)
                                                                     for _ in range(max(presses // 4, 5))]
    finally:
        Screen._compositor_refresh = original
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--index", type=Path)
    args = parser.parse_args()
    path = args.index or Path(f"/tmp/verify-bench-tui-{args.claims}-{args.links}")
    ensure_index(path, args.claims, args.links)

    starts = cold_start(path, args.runs)
    keys = asyncio.run(keypress_latencies(path, args.presses))
    rows = [["cold start to first paint", f"{statistics.median(starts) * 1000:.0f} ms",
             f"{max(starts) * 1000:.0f} ms", len(starts), "<= 1500 ms"]]
    for name, values in keys.items():
        values = sorted(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        rows.append([f"keypress to repaint, {name}", f"{statistics.median(values) * 1000:.1f} ms",
                     f"{p90 * 1000:.1f} ms (p90)", len(values), "<= 50 ms"])
    print(f"verify browse on {args.claims:,} claims / {args.links:,} links ({path})\n")
    print(table(["measure", "median", "worst / p90", "runs", "target"], rows))
    print(f"\nmachine: {machine()}")
    print(f"command: python bench/bench_tui.py --claims {args.claims} --links {args.links} --runs {args.runs} "
          f"--presses {args.presses}")


if __name__ == "__main__":
    main()

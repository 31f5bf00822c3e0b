"""`verify --help` wall time, as a ratio to a bare Python start in the same run.

    .venv/bin/python bench/bench_help.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, median_time, table  # noqa: E402


def main() -> None:
    verify = shutil.which("verify") or str(Path(sys.executable).parent / "verify")
    bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs=15)
    helped = median_time(lambda: subprocess.run([verify, "--help"], check=True, capture_output=True), runs=15)
    print(f"machine: {machine()}\n")
    print(table(["what", "median wall time (15 runs)"],
                [["python -c pass", f"{bare * 1000:.0f} ms"], ["verify --help", f"{helped * 1000:.0f} ms"],
                 ["ratio verify --help / bare python", f"{helped / bare:.2f}"]]))


if __name__ == "__main__":
    main()

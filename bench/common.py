"""Shared bits for benchmarks: the machine, medians, Markdown tables, a throwaway index."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{cpu} ({vector_extensions()}), {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def vector_extensions() -> str:
    """The CPU's vector extensions that decide encoder speed (figures differ ~7x between them)."""
    try:
        flags = set(next(l for l in open("/proc/cpuinfo") if l.startswith("flags")).split(":", 1)[1].split())
    except (OSError, StopIteration):
        return "extensions unknown"
    named = [("AVX2", "avx2"), ("AVX-512", "avx512f"), ("AVX-512 VNNI", "avx512_vnni"), ("AVX-512 BF16", "avx512_bf16"),
             ("AMX", "amx_tile")]
    found = [name for name, flag in named if flag in flags]
    return ", ".join(found) if found else "no AVX2"


def median_time(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> float:
    """Median wall time of `fn` over `runs` runs, after `warmup` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


@contextlib.contextmanager
def fresh_index(prefix: str = "bench-"):
    """A new, empty index in a temporary folder, open for writing; the folder goes on exit."""
    from verify.store import ClaimIndex

    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        with ClaimIndex.open(work / "ix", create=True) as index:
            yield index
    finally:
        shutil.rmtree(work, ignore_errors=True)


NEWS_ES = Path(__file__).resolve().parents[2] / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"


def sentences_with_one(verb: re.Pattern, count: int, *, held_out: bool) -> list[str]:
    """Up to `count` news_es sentences (40-300 characters) in which `verb` occurs exactly once, drawn at
    random (seed 7); with `held_out`, only from the lines no judge's mix draws from (n % 5 != 0)."""
    sentences = []
    with open(NEWS_ES, encoding="utf-8") as corpus:
        for n, line in enumerate(corpus):
            if held_out and n % 5 == 0:
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
                if 40 < len(sentence) < 300 and len(verb.findall(sentence)) == 1:
                    sentences.append(sentence)
    random.Random(7).shuffle(sentences)
    return sentences[:count]

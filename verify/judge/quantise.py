"""OpenVINO static int8 of the judge's graph: NNCF's post-training quantisation, made once per machine.

On CPUs with int8 dot products (AVX-512 VNNI, AVX-VNNI, AMX) the judge's matrix products run faster
in int8 than in bf16: 1.3x on held-out NLI pairs on a 2-core Zen 4, an add with the judge 1.12-1.18x
(docs/BENCHMARKS.md, session 17). Opt-in (VERIFY_JUDGE_BACKEND=openvino-int8, with `pip install
'verify[int8]'`), not raced (`verify.judge.RACED` says why: it moves probabilities near the link
thresholds, and found fewer contradictions on the pair files).

Quantised: each layer's query, key, value, attention output and FFN input projections. Left in the
runtime's float precision, because quantising them moved the judge's probabilities on the dev pairs
(InferES dev, the held-out written stories, news_real dev) by up to 0.34 where leaving them moved
them by up to 0.13: the attention products (two activations, no weights), each layer's FFN output
projection (its input, GELU's output, has outliers that one int8 scale cannot hold) and the head.
Calibrated on `calibration.tsv` beside the weights: 385 pairs of the project's own written stories
(training/data/news_written2, stories trained on, none held out; MIT like the project).
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import numpy as np

# Bumped when what is quantised or how changes, so every machine quantises again.
QUANTISE_VERSION = 1
CALIBRATION = "calibration.tsv"
# Graph nodes kept out of int8 (module docstring); names as torch's ONNX exporter writes them.
KEEP_FLOAT = (r".*/attention/self/MatMul.*", r".*/head/.*", r".*/layer\.\d+/output/dense/.*")


def int8_path(graph: Path) -> Path:
    """Where the int8 graph of `graph` lives: in a folder beside it named by NNCF's version and
    QUANTISE_VERSION (a new NNCF can quantise differently). Raises ImportError when NNCF is not installed."""
    try:
        version = metadata.version("nncf")
    except metadata.PackageNotFoundError:
        raise ImportError("NNCF is not installed: pip install 'verify[int8]'") from None
    return graph.parent / f"{graph.stem}-ov-int8-nncf{version}-q{QUANTISE_VERSION}" / f"{graph.stem}.xml"


def read_calibration(path: Path) -> list[tuple[str, str]]:
    """(premise, hypothesis) pairs of a calibration file: one pair a line, tab-separated."""
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in f if line.strip()]  # type: ignore[misc]


def quantise_int8(graph: Path, out: Path, batches: Iterable[tuple[np.ndarray, np.ndarray]]) -> Path:
    """Write `graph` (ONNX: token vectors, attention mask -> logits) quantised to int8 as OpenVINO IR
    at `out` (.xml and its .bin, alone in `out`'s folder), calibrated on `batches` of (token vectors,
    mask). The folder is written under another name and renamed into place, so a process that finds
    `out` finds its .bin whole; of two processes quantising at once, the first rename wins."""
    from verify.embed import _import_openvino

    openvino = _import_openvino()
    # NNCF reports usage through openvino_telemetry when it can import it; verify makes no network call.
    from verify.imports import without_module

    with without_module("openvino_telemetry"):
        import nncf
    nncf.set_log_level(logging.ERROR)

    model = openvino.Core().read_model(str(graph))
    vectors_input = model.inputs[0].get_any_name()
    data = [{vectors_input: vectors, "attention_mask": mask} for vectors, mask in batches]
    # NNCF draws progress bars on stdout; verify's output stays its own.
    with contextlib.redirect_stdout(io.StringIO()):
        quantised = nncf.quantize(model, nncf.Dataset(data), model_type=nncf.ModelType.TRANSFORMER,
                                  preset=nncf.QuantizationPreset.MIXED, subset_size=len(data),
                                  ignored_scope=nncf.IgnoredScope(patterns=list(KEEP_FLOAT)))
    from verify.atomic import folder_into_place

    with folder_into_place(out.parent) as tmp:
        openvino.save_model(quantised, str(tmp / out.name), compress_to_fp16=False)
    return out

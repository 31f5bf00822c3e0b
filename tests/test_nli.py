"""The NLI refiner's real loading and scoring path, on a tiny BERT cross-encoder the test builds itself.

No NLI model can be installed here, so the test writes one: a 1-layer BERT with a 40-word WordPiece
vocabulary and a classifier head whose bias makes one label win, saved with `save_pretrained`, then
loaded through `NliRefiner` -> sentence-transformers `CrossEncoder` exactly as a user's model would be.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from verify.errors import ModelError
from verify.match import classify_many
from verify.match.nli import NliRefiner, map_labels
from verify.records import Claim, Relation

WORDS = ("el la de que no en y a los se del las un por con una su para es al lo como más pero sus "
         "rusia envió armas libia gobierno").split()


def build_tiny_nli(folder, id2label: dict[int, str], winner: str):
    """A BERT sequence classifier whose output always favours `winner` (by the classifier's bias)."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    torch.manual_seed(0)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64, num_labels=len(id2label),
                        id2label=id2label, label2id={v: k for k, v in id2label.items()})
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([4.0 if id2label[i] == winner else 0.0 for i in range(len(id2label))]))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def claim(text: str) -> Claim:
    return Claim(article_id="t", text=text, start=0, end=len(text), checkworthiness=1.0)


@pytest.fixture(scope="module")
def contradiction_model(tmp_path_factory):
    # Labels deliberately not in the usual order: the refiner must read id2label, not assume it.
    return build_tiny_nli(tmp_path_factory.mktemp("nli") / "tiny-nli",
                          {0: "neutral", 1: "CONTRADICTION", 2: "entailment"}, winner="CONTRADICTION")


def test_refiner_loads_a_cross_encoder_and_maps_its_labels(contradiction_model):
    refiner = NliRefiner(str(contradiction_model))
    assert refiner.relations == [Relation.UNRELATED, Relation.CONTRADICTS, Relation.SUPPORTS]
    probs = refiner.probabilities(["Rusia envió armas a Libia."] * 3, ["Rusia no envió armas.", "el gobierno", "y"])
    assert probs.shape == (3, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert (probs.argmax(axis=1) == 1).all()
    assert refiner.calls == 3


def test_refiner_is_consulted_only_for_related_pairs(contradiction_model):
    refiner = NliRefiner(str(contradiction_model))
    related = (claim("Italia envió armas a Libia en marzo."),
               claim("El Gobierno italiano confirmó que en marzo Italia mandó armas y munición a Libia."))
    unrelated = (claim("El gobierno envió armas a Libia."), claim("Llueve en Santiago de Chile."))
    verbatim = (claim("Rusia envió armas a Libia."), claim("Rusia envió armas a Libia."))
    rules_only = classify_many([related, unrelated, verbatim], np.array([0.95, 0.3, 0.99]))
    assert [v.relation for v in rules_only] == [Relation.SUPPORTS, Relation.UNRELATED, Relation.REPEATS]

    refined = classify_many([related, unrelated, verbatim], np.array([0.95, 0.3, 0.99]), refiner=refiner)
    assert refiner.calls == 1  # only the related, non-verbatim pair went to the model
    assert refined[0].relation == Relation.CONTRADICTS
    assert "NLI contradicts" in refined[0].reason and "rules said supports" in refined[0].reason
    assert 0.0 <= refined[0].score <= 1.0
    assert refined[1] == rules_only[1] and refined[2] == rules_only[2]


def test_refiner_keeps_hard_evidence_against_a_neutral_model(tmp_path):
    folder = build_tiny_nli(tmp_path / "neutral-nli", {0: "entailment", 1: "neutral", 2: "contradiction"},
                            winner="neutral")
    refiner = NliRefiner(str(folder))
    figures = (claim("Unas 2.000 personas se manifestaron en Lima."),
               claim("Unas 20.000 personas se manifestaron en Lima."))
    paraphrase = (claim("Italia envió armas a Libia en marzo."),
                  claim("El Gobierno italiano confirmó que en marzo Italia mandó armas y munición a Libia."))
    refined = classify_many([figures, paraphrase], np.array([0.96, 0.95]), refiner=refiner)
    assert refined[0].relation == Relation.CONTRADICTS  # conflicting figures survive a neutral model
    assert "NLI neutral" in refined[0].reason
    assert refined[1].relation == Relation.UNRELATED  # the model's confident neutral wins elsewhere


def test_map_labels_handles_any_order_and_rejects_unknown_names():
    assert map_labels({"0": "entailment", "1": "neutral", "2": "contradiction"}) == [
        Relation.SUPPORTS, Relation.UNRELATED, Relation.CONTRADICTS]
    assert map_labels({2: "ENTAILMENT", 0: "Contradiction", 1: "Neutral"}) == [
        Relation.CONTRADICTS, Relation.UNRELATED, Relation.SUPPORTS]
    with pytest.raises(ModelError, match="LABEL_0"):
        map_labels({0: "LABEL_0", 1: "LABEL_1"})
    with pytest.raises(ModelError, match="no id2label"):
        map_labels({})


def test_unknown_model_name_is_a_model_error_offline(tmp_path):
    code = ("from verify.match.nli import NliRefiner\n"
            "from verify.errors import ModelError\n"
            "try:\n"
            "    NliRefiner('no-such-org/no-such-nli-model').relations\n"
            "except ModelError as exc:\n"
            "    print('ModelError:', exc)\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ModelError: NLI model 'no-such-org/no-such-nli-model' cannot be loaded")
    assert "local folder" in out.stdout

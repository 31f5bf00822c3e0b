"""A user's own NLI model (`--nli FOLDER`): the real loading and scoring path, on a tiny BERT
cross-encoder the test builds itself.

The test writes one: a 1-layer BERT with a 40-word WordPiece vocabulary and a classifier head whose
bias makes one label win, saved with `save_pretrained`, then loaded through `CrossEncoderJudge` ->
sentence-transformers `CrossEncoder` exactly as a user's model would be. verify's own judge is
tested in test_judge.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from verify.errors import ModelError
from verify.judge import CrossEncoderJudge, label_columns, load_judge
from verify.match import classify_many
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


def test_a_users_cross_encoder_loads_and_its_labels_are_mapped(contradiction_model):
    judge = load_judge(str(contradiction_model))
    assert isinstance(judge, CrossEncoderJudge)
    probs = judge.probabilities(["Rusia envió armas a Libia."] * 3, ["Rusia no envió armas.", "el gobierno", "y"])
    assert probs.shape == (3, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert (probs.argmax(axis=1) == 2).all()  # its column 1, "CONTRADICTION", is verify's contradiction
    assert judge.calls == 3


def test_the_judge_reads_the_pairs_it_is_given_both_ways(contradiction_model):
    judge = CrossEncoderJudge(str(contradiction_model))
    related = (claim("Italia envió armas a Libia en marzo."),
               claim("El Gobierno italiano confirmó que en marzo Italia mandó armas y munición a Libia."))
    unrelated = (claim("El gobierno envió armas a Libia."), claim("Llueve en Santiago de Chile."))
    rules_only = classify_many([related, unrelated], np.array([0.95, 0.3]))
    assert [v.relation for v in rules_only] == [Relation.SUPPORTS, Relation.UNRELATED]

    judged = classify_many([related, unrelated], np.array([0.95, 0.3]), judge=judge, judged=np.array([True, False]))
    assert judge.calls == 2  # one pair, read both ways round
    assert judged[0].relation == Relation.CONTRADICTS
    assert "judge: contradiction" in judged[0].reason
    assert 0.0 <= judged[0].score <= 1.0
    assert judged[1] == rules_only[1]


def test_hard_evidence_needs_the_judge_to_say_the_claims_are_about_one_thing(tmp_path):
    folder = build_tiny_nli(tmp_path / "neutral-nli", {0: "entailment", 1: "neutral", 2: "contradiction"},
                            winner="neutral")
    judge = CrossEncoderJudge(str(folder))
    figures = (claim("Unas 2.000 personas se manifestaron en Lima."),
               claim("Unas 20.000 personas se manifestaron en Lima."))
    rules_only = classify_many([figures], np.array([0.96]))
    assert rules_only[0].relation == Relation.CONTRADICTS and "conflicting figures" in rules_only[0].reason
    judged = classify_many([figures], np.array([0.96]), judge=judge)
    assert judged[0].relation == Relation.UNRELATED  # a confident neutral: two quantities, not one
    assert "judge: neutral" in judged[0].reason


def test_label_columns_handle_any_order_and_reject_unknown_names():
    assert label_columns({"0": "entailment", "1": "neutral", "2": "contradiction"}) == [0, 1, 2]
    assert label_columns({2: "ENTAILMENT", 0: "Contradiction", 1: "Neutral"}) == [2, 1, 0]
    with pytest.raises(ModelError, match="LABEL_0"):
        label_columns({0: "LABEL_0", 1: "LABEL_1"})
    with pytest.raises(ModelError, match="no id2label"):
        label_columns({})


def test_none_turns_the_judge_off():
    assert load_judge("none") is None and load_judge("off") is None


def test_unknown_model_name_is_a_model_error_offline(tmp_path):
    code = ("from verify.judge import CrossEncoderJudge\n"
            "from verify.errors import ModelError\n"
            "try:\n"
            "    CrossEncoderJudge('no-such-org/no-such-nli-model').probabilities(['a'], ['b'])\n"
            "except ModelError as exc:\n"
            "    print('ModelError:', exc)\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ModelError: NLI model 'no-such-org/no-such-nli-model' cannot be loaded")
    assert "local folder" in out.stdout

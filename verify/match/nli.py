"""Optional NLI cross-encoder that refines the pairs the rules find related.

Any sentence-transformers `CrossEncoder` works: a hub id (when a hub is reachable or the model is
cached) or a local folder, e.g. a multilingual mDeBERTa fine-tuned on XNLI. Its labels are read from
the model's `config.id2label` in whatever order it declares them: entailment -> supports,
neutral -> unrelated, contradiction -> contradicts.

Policy (why): the rules keep near-verbatim `repeats` (NLI adds nothing there) and hard evidence
(conflicting figures, opposite-direction words) that an NLI model tends to miss; otherwise, on
pairs the rules find related, the model's label wins when it is confident.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

from verify.errors import ModelError
from verify.records import Claim, Relation

if TYPE_CHECKING:
    from verify.match import PairVerdict
    from verify.match.rules import Decision, Thresholds

_LABEL_WORDS = (
    ("contradict", Relation.CONTRADICTS),
    ("entail", Relation.SUPPORTS),
    ("neutral", Relation.UNRELATED),
)


def map_labels(id2label: dict) -> list[Relation]:
    """Relations in the model's output order, from its `id2label` (keys may be ints or strings)."""
    if not id2label:
        raise ModelError("NLI model has no id2label in its config: set entailment / neutral / contradiction labels")
    ordered = sorted(((int(k), str(v)) for k, v in id2label.items()), key=lambda kv: kv[0])
    relations = []
    for _, label in ordered:
        name = label.lower()
        match = next((rel for word, rel in _LABEL_WORDS if word in name), None)
        if match is None:
            raise ModelError(
                f"NLI model label {label!r} is not entailment, neutral or contradiction: "
                f"its config.id2label is {dict(ordered)}; relabel the model or pick an NLI model"
            )
        relations.append(match)
    if Relation.CONTRADICTS not in relations:
        raise ModelError(f"NLI model has no contradiction label (id2label {dict(ordered)}): pick an NLI model")
    return relations


class NliRefiner:
    """Wraps a sentence-transformers CrossEncoder; loads it on first use (torch imported then)."""

    def __init__(self, model_name_or_path: str, *, min_probability: float = 0.5, batch_size: int = 16,
                 max_length: int = 256):
        self.name = model_name_or_path
        self.min_probability = min_probability
        self.batch_size = batch_size
        self.max_length = max_length
        self._model = None
        self._relations: list[Relation] | None = None
        self.calls = 0  # pairs sent to the model, for tests and benchmarks

    def _load(self):
        if self._model is not None:
            return self._model
        try:
            from sentence_transformers import CrossEncoder

            model = CrossEncoder(self.name, device="cpu", max_length=self.max_length)
        except Exception as exc:  # hub offline, missing folder, not a cross-encoder: all user-fixable
            raise ModelError(
                f"NLI model {self.name!r} cannot be loaded ({type(exc).__name__}: {str(exc).splitlines()[0][:160]}); "
                "give a local folder holding a sentence-transformers CrossEncoder, or a hub id already cached"
            ) from None
        config = getattr(model, "config", None) or model.model.config
        self._relations = map_labels(getattr(config, "id2label", None) or {})
        self._model = model
        return model

    @property
    def relations(self) -> list[Relation]:
        self._load()
        assert self._relations is not None
        return self._relations

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """(n, labels) softmax probabilities, columns in `self.relations` order."""
        model = self._load()
        if not premises:
            return np.zeros((0, len(self.relations)), dtype=np.float32)
        self.calls += len(premises)
        scores = model.predict(list(zip(premises, hypotheses)), batch_size=self.batch_size,
                               apply_softmax=True, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(scores, dtype=np.float32).reshape(len(premises), -1)

    def refine(self, pairs: Sequence[tuple[Claim, Claim]], decisions: Sequence["Decision"],
               verdicts: Sequence["PairVerdict"], similarities: np.ndarray, thresholds: "Thresholds",
               ) -> list["PairVerdict"]:
        """Re-decide the related pairs with the model (policy in the module docstring)."""
        from verify.match import PairVerdict

        out = list(verdicts)
        todo = [
            i for i, d in enumerate(decisions)
            if d.relation != Relation.REPEATS
            and (d.relation != Relation.UNRELATED or similarities[i] >= thresholds.contradiction_similarity)
        ]
        if not todo:
            return out
        probs = self.probabilities([pairs[i][0].text for i in todo], [pairs[i][1].text for i in todo])
        relations = self.relations
        for row, i in zip(probs, todo):
            best = int(np.argmax(row))
            label, p = relations[best], float(row[best])
            d = decisions[i]
            hard = d.evidence.figure_conflict is not None or d.evidence.antonyms is not None
            note = f"NLI {label.value if label != Relation.UNRELATED else 'neutral'} {p:.2f}"
            if p < self.min_probability or (hard and d.relation == Relation.CONTRADICTS):
                out[i] = PairVerdict(out[i].relation, out[i].score, f"{out[i].reason}; {note}")
                continue
            if label == d.relation:
                out[i] = PairVerdict(label, round(max(out[i].score, p), 4), f"{out[i].reason}; {note}")
            else:
                out[i] = PairVerdict(label, round(p, 4), f"{note} (rules said {d.relation.value}: {out[i].reason})")
        return out

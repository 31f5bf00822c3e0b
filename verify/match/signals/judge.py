"""The judge signal: the NLI judge's verdict, both readings."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation

_JUDGE_RELATION = {"contradiction": Relation.CONTRADICTS, "entailment": Relation.SUPPORTS}


class Judge:
    """The NLI judge's verdict, both readings."""

    name = "judge"

    def read(self, pair: PairView) -> Finding | None:
        if pair.judge is None:
            return None
        label, p = pair.judge.verdict()
        relation = _JUDGE_RELATION.get(label, Relation.UNRELATED)
        return Finding(self.name, relation, False, p, f"judge: {label} {p:.2f}")

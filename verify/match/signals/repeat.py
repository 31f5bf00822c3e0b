"""The repeat signal: near-verbatim restatement."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Repeat:
    """Near-verbatim restatement."""

    name = "repeat"

    def read(self, pair: PairView) -> Finding | None:
        if pair.decision.relation != Relation.REPEATS:
            return None
        return Finding(self.name, Relation.REPEATS, True, pair.decision.score,
                       f"{pair.who_b} repeats {pair.who_a} near-verbatim")

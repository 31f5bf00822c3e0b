"""The directions signal: opposite directions of one thing (subió / bajó)."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Directions:
    """Opposite directions of one thing (subió / bajó)."""

    name = "directions"

    def read(self, pair: PairView) -> Finding | None:
        words = pair.decision.evidence.antonyms
        if not words:
            return None
        return Finding(self.name, Relation.CONTRADICTS, True, 0.6, f"opposite directions: {words[0]} vs {words[1]}")

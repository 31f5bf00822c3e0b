"""The overlap signal, the rules' own supports: close in meaning, most words shared, same stance."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Overlap:
    """The rules' own supports: close in meaning, most words shared, same stance."""

    name = "overlap"

    def read(self, pair: PairView) -> Finding | None:
        d = pair.decision
        if d.relation != Relation.SUPPORTS or d.by_role:
            return None
        return Finding(self.name, Relation.SUPPORTS, False, d.score,
                       f"{pair.who_b} backs what {pair.who_a} says (same proposition, "
                       f"{d.evidence.coverage:.0%} of words shared)")

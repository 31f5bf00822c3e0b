"""The stance signal: one claim denies a clause the other states (who denies what)."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Stance:
    """One claim denies a clause the other states (who denies what)."""

    name = "stance"

    def read(self, pair: PairView) -> Finding | None:
        ev = pair.decision.evidence
        if not (ev.stance_conflict and ev.denied_clause is not None):
            return None
        denier, asserter = (pair.who_a, pair.who_b) if ev.denier == 0 else (pair.who_b, pair.who_a)
        clause = ev.denied_clause
        return Finding(self.name, Relation.CONTRADICTS, True, 0.75,
                       f'{denier} denies what {asserter} asserts ("{clause.cue}" {clause.predicate_word})')

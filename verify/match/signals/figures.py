"""The figures signal: two figures for the same counted noun that cannot both hold."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Figures:
    """Two figures for the same counted noun that cannot both hold."""

    name = "figures"

    def read(self, pair: PairView) -> Finding | None:
        conflict = pair.decision.evidence.figure_conflict
        if not conflict:
            return None
        x, y = conflict
        if x.unit == "%":
            text = f"conflicting figures: {x.text} % vs {y.text} %"
        elif x.unit == "duration":  # "doce meses" vs "cinco años": the units are in the texts
            text = f"conflicting figures: {x.text} vs {y.text}"
        else:
            text = f"conflicting figures: {x.text} vs {y.text} ({pair.fa.stem_words.get(x.unit, x.unit)})"
        return Finding(self.name, Relation.CONTRADICTS, True, 0.6, text)

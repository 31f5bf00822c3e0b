"""The figures signal: two figures for the same counted noun that cannot both hold."""

from __future__ import annotations

from verify.match.figures import MEASURE_BASES, SCORE_UNITS, is_rank, unit_word
from verify.match.signals.base import Finding, PairView
from verify.records import Relation

# The judge reads the two claims, with one's figure in the other's place, as one statement more likely
# than not (`JudgeReading.figures`): the reason says so; whether it decides is the policy's
# (`JudgePolicy.same_but_figure`).
FLOOR = 0.5


class Figures:
    """Two figures for the same counted noun that cannot both hold: the rules' conflict, or, once the
    judge has read the pair, one the rules alone do not trust (`PairEvidence.figure_disputed`), which
    `combine` counts only where the judge is surer the claims are about one thing
    (`JudgePolicy.disputed_same_thing`)."""

    name = "figures"

    def read(self, pair: PairView) -> Finding | None:
        evidence = pair.decision.evidence
        conflict = evidence.figure_conflict or (evidence.figure_disputed if pair.judge is not None else None)
        if not conflict:
            return None
        x, y = conflict
        if x.unit == "%":
            text = f"conflicting figures: {x.text} % vs {y.text} %"
        elif x.unit in ("", "duration") or x.unit in MEASURE_BASES:
            # "doce meses" vs "cinco años": the units are in the texts; a bare number ("6.8" vs "magnitud
            # 7,2") has none to name
            text = f"conflicting figures: {x.text} vs {y.text}"
        elif x.unit == "age":  # "a los 87 años" vs "a los 89 años"
            text = f"conflicting ages: {x.text} vs {y.text}"
        elif x.unit in SCORE_UNITS:  # "ganar 2-0" vs "golear 4-1"
            text = f"conflicting scores: {x.text} vs {y.text}"
        elif is_rank(x.unit):  # "la quinta mujer" vs "la tercera mujer"
            text = f"conflicting ranks: {x.text} vs {y.text}"
        else:
            noun = unit_word(x.unit, pair.fa.stem_words, pair.fa.language)
            text = f"conflicting figures: {x.text} vs {y.text} ({noun})"
        if pair.judge is not None and pair.judge.figures is not None and pair.judge.figures >= FLOOR:
            text += (f", one statement but for them (judge: entailment {pair.judge.figures:.2f} with the figures"
                     " made equal)")
        return Finding(self.name, Relation.CONTRADICTS, True, 0.6, text, trusted=evidence.figure_conflict is not None)

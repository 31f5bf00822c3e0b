"""The denied signal: one claim denies what the other states, as the judge reads it."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation

# The judge reads the other claim as stating what is denied more likely than not; whether that decides
# the pair is the policy's (`JudgePolicy.denial`). Under it the finding only says who denies what, for
# the policy's other use of a denial (`JudgePolicy.denied_contradiction`).
FLOOR = 0.5


class Denied:
    """One claim denies what the other states. "El GIEI negó que los cuerpos de los estudiantes hubieran
    sido quemados en el basurero" against "... fueron asesinados por narcos e incinerados en un
    basurero": the rules see who denies (the frame, a statement that opens by denying, "no hay pruebas
    de que ...", or an answer, "«Nunca hemos pactado ...», replicó") and what (the denied statement,
    `verify.match.restate`); the judge says whether the other claim states it (`JudgeReading.denial`,
    an entailment). Checkable: the denial is in one text, and what it denies is quoted in the reason."""

    name = "denied"

    def read(self, pair: PairView) -> Finding | None:
        if pair.judge is None or pair.judge.denial is None:
            return None
        a_denies = bool(pair.fa.denied_statement)
        who, other = (pair.who_a, pair.who_b) if a_denies else (pair.who_b, pair.who_a)
        said = (pair.fa if a_denies else pair.fb).denied_statement
        shown = said if len(said) <= 90 else said[:87].rsplit(" ", 1)[0] + " ..."
        if pair.judge.denial < FLOOR:
            return Finding(self.name, Relation.CONTRADICTS, True, pair.judge.denial, f'{who} denies "{shown}"')
        return Finding(self.name, Relation.CONTRADICTS, True, pair.judge.denial,
                       f'{who} denies "{shown}", which {other} states (judge: entailment {pair.judge.denial:.2f})')

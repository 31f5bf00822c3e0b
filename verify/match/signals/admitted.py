"""The admitted signal: one speaker admits in one claim what they deny in the other."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.match.signals.own_words import in_own_words
from verify.records import Relation


class Admitted:
    """One claim says someone admits something ("Jordi Pujol admitió que su familia mantuvo durante 34
    años una fortuna en el extranjero") and the other that the same one denies ("Pujol negó haber
    ocultado nunca dinero fuera de España"): one speaker's two stances, which the rules cannot restate
    one into the other (the denial is reworded) and the judge reads as contradicting only half surely
    (0.5-0.7). The speaker's name in both is the checkable evidence that the two are about one matter;
    whether the judge's contradiction then decides is the policy's (`JudgePolicy.admitted_contradiction`).
    Not where both deny or neither does."""

    name = "admitted"

    def read(self, pair: PairView) -> Finding | None:
        if pair.judge is None or pair.fa.denied == pair.fb.denied:
            return None
        denier, other = (pair.fa, pair.fb) if pair.fa.denied else (pair.fb, pair.fa)
        if not other.admits or not other.names_speaker_of(denier):
            return None
        # A denial: one the rules restate ("Pujol negó haber ocultado ...") or in the speaker's own words
        # ("'No he tenido nunca ni un duro en el extranjero', aseguró Jordi Pujol"); not any negation
        # ("ella aseguró que nadie más era responsable del crimen" against her own confession, news_es).
        if not (denier.denied_statement or in_own_words(pair)):
            return None
        speaker = (pair.a if pair.fa.denied else pair.b).speaker or "the speaker"
        return Finding(self.name, Relation.CONTRADICTS, True, pair.judge.contradiction,
                       f"{speaker} admits in one claim and denies in the other")

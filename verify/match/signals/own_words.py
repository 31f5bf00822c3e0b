"""One claim denying in its own words: a denial as a whole against a claim that negates nothing
(`one_sided`), and one quoted (`in_own_words`), which `combine` and the admitted signal read."""

from __future__ import annotations

import re
from functools import lru_cache

from verify.lang import alternation, entries_pattern, fold, words
from verify.match.signals.base import PairView
from verify.match.text import ClaimFeatures
from verify.match.vocabulary import QUOTATION


def one_sided(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """One claim denies as a whole and the other negates nothing (`JudgePolicy.one_sided_contradiction`)."""
    return a.denied != b.denied and not (b if a.denied else a).cues


def in_own_words(pair: PairView) -> bool:
    """The claim that denies as a whole (`one_sided`) quotes a denial: a quotation that denies
    emphatically (`_denial_words`: "«Nunca me he dopado»", "«Es falso»", "«Ni la
    cúpula ni el número dos están imputados»"), or any quotation where the claim writes a verb of
    denying or replying, in its frame or not ("negó ...: «Solo hemos tocado el impuesto de ventas»").
    A plain "no" in a quotation is most often no denial of anything another claim says ("«Esto no tiene
    razón de ser», dijo", "«Ya no requerimos la ayuda de Apple»": all of news_es, session 45)
    (`JudgePolicy.quoted_one_sided_contradiction`). Not an answer that denies the question it gives
    (`ClaimFeatures.denies_the_question`): Peskov's "«No, Moscú no está participando en esto de ninguna
    manera»" denies only what "esto" points back at, not his own "Moscú está en contacto con los
    representantes libios" (0.84 on the seeds)."""
    denier, features = (pair.a, pair.fa) if pair.fa.denied else (pair.b, pair.fb)
    quoted = [m.group(1) or m.group(2) for m in QUOTATION.finditer(denier.text)]
    if not quoted or features.denies_the_question:
        return False
    emphatic, denying, replying, negative_subject = _denial_words(features.language)
    folded = fold(denier.text)
    # "ningún" is emphatic only in a quotation the claim opens with and gives to its speaker ("«No hay
    # ninguna deuda pendiente ...», sostuvo el consejero"): in one a claim reports, a plain negative
    # statement takes it as often ('El estudio indica que "el satélite no usa el espectro ... de ningún
    # país"', news_es).
    said = denier.text.lstrip()
    opening = QUOTATION.match(said)
    spoken = ((opening.group(1) or opening.group(2))
              if opening is not None and said[opening.end():].lstrip().startswith(",") else "")
    return bool((emphatic and emphatic.search(fold(" ".join(quoted))))
                or (negative_subject and spoken and negative_subject.search(fold(spoken)))
                or (denying and denying.search(folded)) or (replying and replying.search(folded)))


@lru_cache(maxsize=8)
def _denial_words(language: str) -> tuple[re.Pattern[str] | None, ...]:
    """Emphatic denials (the lexicon's negative fillers, additive negators and falsity words, and its
    `emphatic_denials` besides), verbs of denying, verbs of replying, negative subjects ("ningún"):
    whole-word patterns of folded text."""
    keys = ("negative_fillers", "additive_negators", "falsity_words", "emphatic_denials")
    emphatic = [w for key in keys for w in words(key, (language,))]
    subjects = words("negative_subjects", (language,))
    return ((re.compile(rf"\b(?:{alternation(emphatic)})\b") if emphatic else None),
            entries_pattern(language, "deny_verbs"), entries_pattern(language, "reply_verbs"),
            (re.compile(rf"\b(?:{alternation(subjects)})\b") if subjects else None))

"""The denied signal: one claim denies what the other states, as the judge reads it."""

from __future__ import annotations

import re
from functools import lru_cache

from verify.lang import fold, load_data
from verify.match.names import names_place, places_told
from verify.match.restate import contrast_kept, contrasted_denial
from verify.match.signals.base import Finding, PairView
from verify.match.vocabulary import STOPWORDS, TOKEN
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
    an entailment). Checkable: the denial is in one text, and what it denies is quoted in the reason.
    Not a denial of one's own part against a claim that names neither the denier nor its side
    (`_own_part_unnamed`), nor one of where against a claim that names no such place (`_where_unnamed`),
    nor a correction's denied half against a claim that states the half it keeps (`_kept_stated`)."""

    name = "denied"

    def read(self, pair: PairView) -> Finding | None:
        if pair.judge is None or pair.judge.denial is None:
            return None
        a_denies = bool(pair.fa.denied_statement)
        if _own_part_unnamed(pair, a_denies) or _where_unnamed(pair, a_denies) or _kept_stated(pair, a_denies):
            return None
        who, other = (pair.who_a, pair.who_b) if a_denies else (pair.who_b, pair.who_a)
        said = (pair.fa if a_denies else pair.fb).denied_statement
        shown = said if len(said) <= 90 else said[:87].rsplit(" ", 1)[0] + " ..."
        indicative = pair.judge.indicative
        if indicative is not None and indicative >= FLOOR and indicative > pair.judge.denial:
            # (the strength stays the reading as written: the indicative counts at the plain bar only)
            return Finding(self.name, Relation.CONTRADICTS, True, pair.judge.denial,
                           f'{who} denies "{shown}", which {other} states (judge: entailment {indicative:.2f}'
                           ' in the indicative)')
        if pair.judge.denial < FLOOR:
            return Finding(self.name, Relation.CONTRADICTS, True, pair.judge.denial, f'{who} denies "{shown}"')
        return Finding(self.name, Relation.CONTRADICTS, True, pair.judge.denial,
                       f'{who} denies "{shown}", which {other} states (judge: entailment {pair.judge.denial:.2f})')


def _own_part_unnamed(pair: PairView, a_denies: bool) -> bool:
    """A denial of the denier's own part ("Kirchner negó cualquier responsabilidad en la muerte de
    Nisman") against a claim that names neither the denier nor the side it speaks for: "Nisman fue
    hallado muerto" states the death, not anyone's part in it, though the judge reads the bare
    "Responsabilidad en la muerte de Nisman" as stated (0.94; heldout61 and heldout62, session 41).
    "Moscú rechazó cualquier implicación" is met by "un misil Buk de origen ruso": Moscú speaks for the
    Kremlin, whose country's adjective that is."""
    denier, other = (pair.fa, pair.fb) if a_denies else (pair.fb, pair.fa)
    if not (denier.denies_involvement and denier.speaker_stems):
        return False
    if other.names_speaker_of(denier):
        return False
    side = (pair.a if a_denies else pair.b).side
    text = fold((pair.b if a_denies else pair.a).text)
    return not (side and any(re.search(rf"\b{re.escape(word)}\b", text) for word in _side_words(side)))


def _where_unnamed(pair: PairView, a_denies: bool) -> bool:
    """A denial of where ("negó que ninguna de las muertes se produjera en territorio español", a state
    told by a noun of place and its demonym: `places_told`) against a claim that names no such state:
    "Al menos 23 migrantes murieron en el salto a la valla de Melilla" states the deaths, not where they
    happened, though the judge reads the denied deaths as stated (0.89; a wrong contradiction in ten
    blind files, rules-116)."""
    said = (pair.fa if a_denies else pair.fb).denied_statement
    told = places_told(TOKEN.findall(fold(said)))
    if not told:
        return False
    other = TOKEN.findall(fold((pair.b if a_denies else pair.a).text))
    return not any(names_place(other, place) for place in told)


def _kept_stated(pair: PairView, a_denies: bool) -> bool:
    """A correction's denied half ("por abuso sexual, no por violación" restated "por violación":
    `restate.contrasted_denial`) against a claim that states the half it keeps ("condenó ... por abuso
    sexual"): the two agree, though the judge reads the restated "por violación" as stated by it (0.97,
    heldout133; 0.80, heldout66, rules-128). The kept half's content words, two or more, in a row: "los
    clientes, y no los bancos" against "... liberando de ese pago a los clientes" is no agreement."""
    denier = pair.fa if a_denies else pair.fb
    if denier.denied_statement != contrasted_denial(denier.statement, denier.language):
        return False
    kept = [w for w in TOKEN.findall(fold(contrast_kept(denier.statement, denier.language))) if w not in STOPWORDS]
    if len(kept) < _KEPT_WORDS:
        return False  # "los clientes, y no los bancos": a word the other claim may use otherwise
    written = " ".join(TOKEN.findall(fold((pair.b if a_denies else pair.a).text)))
    return f" {' '.join(kept)} " in f" {written} "


_KEPT_WORDS = 2  # content words a kept half needs, written in a row in the other claim (`_kept_stated`)


@lru_cache(maxsize=64)
def _side_words(side: str) -> tuple[str, ...]:
    """The folded names and adjectives a side is written with (verify/data/sides.json): its
    institutions ("Moscú", "Kremlin") and its country's names and adjectives ("Rusia", "ruso")."""
    data = load_data("sides.json")
    written = [name for name, to in data["institutions"].items() if to == side]
    written += data["governments"].get(side, [])
    return tuple(dict.fromkeys(fold(w) for w in written + [side]))

"""The actors signal: each claim names someone or something the other never mentions."""

from __future__ import annotations

from verify.lang import fold
from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Actors:
    """Each claim names an actor the other never mentions ("Corea del Norte" on one side, "Estado
    Islámico" on the other): two stories that share a verb and a negation, which the judge, reading
    "tiene pruebas" against "no hay pruebas", can take for one proposition denied. Checkable: the names
    are in one text and not in the other."""

    name = "actors"

    def read(self, pair: PairView) -> Finding | None:
        only_a = pair.fa.names_missing_in(pair.fb)
        only_b = pair.fb.names_missing_in(pair.fa)
        if not (only_a and only_b):
            return None
        return Finding(self.name, Relation.UNRELATED, True, 1.0,
                       f"about different actors: {show_names(only_a, pair.fa.name_words)} in {pair.who_a} only, "
                       f"{show_names(only_b, pair.fb.name_words)} in {pair.who_b} only")


def show_names(names: frozenset[str], written: dict[str, str], limit: int = 3) -> str:
    shown = sorted(written.get(n, n) for n in names)
    return ", ".join(shown[:limit]) + (", ..." if len(shown) > limit else "")


def one_matter_across_names(pair: PairView, coverage: float, words: int) -> bool:
    """The two claims share at least `coverage` of their content words (`PairEvidence.coverage`) and
    `words` of them outside names: each names an actor the other does not, yet they tell of one matter
    ("Las grandes energéticas se reúnen con Casado por la crisis de la luz" / "Las eléctricas desmintieron
    haberse reunido con el líder del PP ... la crisis de la luz"), where "Lula da Silva viajó a Pekín"
    and "Lula da Silva criticó al Banco Central" share a name and nothing else, and "Rusia tiene pruebas
    de ..." and "no hay pruebas de que Corea del Norte ..." one word."""
    evidence = pair.decision.evidence
    name_words = {word for name in pair.fa.names | pair.fb.names for word in name.split()}
    beyond_names = [s for s in evidence.shared_stems if fold(s) not in name_words]
    return evidence.coverage >= coverage and len(beyond_names) >= words

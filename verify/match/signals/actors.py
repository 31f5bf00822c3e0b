"""The actors signal: each claim names someone or something the other never mentions."""

from __future__ import annotations

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
                       f"about different actors: {_show(only_a, pair.fa.name_words)} in {pair.who_a} only, "
                       f"{_show(only_b, pair.fb.name_words)} in {pair.who_b} only")


def _show(names: frozenset[str], written: dict[str, str], limit: int = 3) -> str:
    shown = sorted(written.get(n, n) for n in names)
    return ", ".join(shown[:limit]) + (", ..." if len(shown) > limit else "")

"""The places signal: one act on one date told in two states."""

from __future__ import annotations

from verify.match.names import is_state
from verify.match.rules import one_date
from verify.match.signals.actors import show_names
from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Places:
    """Each claim names a state the other never mentions, and no other name of its own, where the two
    share a name and a date: one actor's act on one day told in two places ("Militares hondureños ...
    trasladaron [a Manuel Zelaya] en avión a Costa Rica" / "Zelaya fue expulsado ... el 28 de junio de 2009
    en un avión militar con destino a Nicaragua"). Where it happened or led is what the two dispute, as
    a figure can be; evidence the rules alone would not trust (the act may be two acts), which `combine`
    counts only where the judge is sure the two are about one thing (`JudgePolicy.disputed_same_thing`).
    Two states, neither inside the other: a state and one of its regions ("Costa Rica" / "San José") are
    no two places."""

    name = "places"

    def read(self, pair: PairView) -> Finding | None:
        if pair.judge is None:
            return None
        only_a, only_b = pair.fa.names_missing_in(pair.fb), pair.fb.names_missing_in(pair.fa)
        if not (only_a and only_b) or not all(is_state(n) for n in only_a | only_b):
            return None
        if not pair.decision.evidence.shared_names or not one_date(pair.fa, pair.fb):
            return None
        return Finding(self.name, Relation.CONTRADICTS, True, 0.6,
                       f"one act told in two states: {show_names(only_a, pair.fa.name_words)} in {pair.who_a} "
                       f"only, {show_names(only_b, pair.fb.name_words)} in {pair.who_b} only", trusted=False)

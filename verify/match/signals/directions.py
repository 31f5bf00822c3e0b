"""The directions signal: opposite directions of one thing (subió / bajó), of one contest's outcome, or
an event called off against it taking place."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Directions:
    """Opposite directions of one thing (subió / bajó) or winners swapped ("Nadal derrota a Djokovic" /
    "Djokovic se impuso a Nadal"): the rules' conflict, or, once the judge has read the pair, one the
    rules alone do not trust (`PairEvidence.directions_disputed`, and an event one claim calls off that
    the other says takes place, `PairEvidence.called_off`), which `combine` counts only where the judge
    is surer the claims are about one thing (`JudgePolicy.disputed_same_thing`)."""

    name = "directions"

    def read(self, pair: PairView) -> Finding | None:
        evidence = pair.decision.evidence
        if evidence.reversed_contest:
            won, lost = evidence.reversed_contest
            return Finding(self.name, Relation.CONTRADICTS, True, 0.6, f'opposite winners: "{won}" vs "{lost}"')
        if evidence.first_overtaken:
            first, ahead = evidence.first_overtaken
            return Finding(self.name, Relation.CONTRADICTS, True, 0.6, f'two firsts: "{first}" vs "{ahead}"')
        if evidence.called_off and pair.judge is not None and not evidence.antonyms:
            event, call = evidence.called_off
            return Finding(self.name, Relation.CONTRADICTS, True, 0.6,
                           f'called off against taking place: "{call}" {event}', trusted=False)
        words = evidence.antonyms or (evidence.directions_disputed if pair.judge is not None else None)
        if not words:
            return None
        return Finding(self.name, Relation.CONTRADICTS, True, 0.6, f"opposite directions: {words[0]} vs {words[1]}",
                       trusted=evidence.antonyms is not None)

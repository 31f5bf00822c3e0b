"""What every signal shares: the pair it reads (`PairView`, with the judge's `JudgeReading`), the
`Finding` it returns, and the `Signal` protocol (the package docstring says how they combine)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from verify.records import Claim, Relation

if TYPE_CHECKING:
    from verify.match.rules import Decision
    from verify.match.text import ClaimFeatures


@dataclass(frozen=True, slots=True)
class JudgeReading:
    """The judge's probabilities for one pair, read both ways (entailment is directional), or one way
    when that reading was confidently neutral (`verify.match.read_judge`): then both hold it."""

    forward: np.ndarray  # (3,) A as premise, B as hypothesis: entailment, neutral, contradiction
    backward: np.ndarray  # (3,) B as premise, A as hypothesis
    both: bool = True  # False: read one way only, `forward` and `backward` are that one reading
    # Where one claim's frame denies something (`ClaimFeatures.denied_statement`) and the other does not
    # deny: the judge's entailment of the denied statement by the other claim's (`read_judge`).
    denial: float | None = None
    # ... and of the denied statement in the indicative, where the denial wrote it in the subjunctive and
    # the judge reads the two claims as neutral under `JudgePolicy.mood_neutral` (`read_judge`): a second
    # reading, which counts at the plain bar only (`verify.match.signals.combine`).
    indicative: float | None = None
    # Where the rules see two figures in conflict that did not count on the readings above (the judge
    # too neutral): its entailment, either way, of the two claims with one's figure written in the
    # other's place (`verify.match.read_judge`): whether they state one thing but for the figure.
    figures: float | None = None

    @property
    def contradiction(self) -> float:
        # Contradiction is symmetric: the mean of both readings is steadier than either.
        return float((self.forward[2] + self.backward[2]) / 2)

    @property
    def entailment(self) -> float:
        # Either way round: "supports" is one claim backing the other.
        return float(max(self.forward[0], self.backward[0]))

    @property
    def neutral(self) -> float:
        return float((self.forward[1] + self.backward[1]) / 2)

    def verdict(self) -> tuple[str, float]:
        scores = {"contradiction": self.contradiction, "entailment": self.entailment, "neutral": self.neutral}
        label = max(scores, key=scores.__getitem__)
        return label, scores[label]


@dataclass(frozen=True, slots=True)
class PairView:
    a: Claim
    b: Claim
    fa: ClaimFeatures
    fb: ClaimFeatures
    similarity: float
    decision: Decision
    judge: JudgeReading | None = None
    who_a: str = "claim A"
    who_b: str = "claim B"


@dataclass(frozen=True, slots=True)
class Finding:
    signal: str
    relation: Relation
    hard: bool  # checkable in the texts (a quoted denial, two figures, two words); the judge's is not
    strength: float
    text: str
    # False: evidence the rules alone would not trust (`PairEvidence.figure_disputed`,
    # `directions_disputed`), which counts from a surer reading of the judge
    # (`JudgePolicy.disputed_same_thing`, `combine`)
    trusted: bool = True


class Signal(Protocol):
    name: str

    def read(self, pair: PairView) -> Finding | None: ...

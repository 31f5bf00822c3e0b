"""`JudgeMemo`: a judge that answers from readings taken before a batch's transaction opened.

Why: the judge is about two thirds of `verify add`'s time, and a batch holds the store's writer lock
from its first read to its commit (on PostgreSQL, every other ingest writer of a shared index waits
for it). `verify.link.read_ahead` reads, before the batch, the pairs the linker will most likely ask
about; inside the batch, `link_claims` is given this memo in the judge's place, so the lock covers
storing, candidate search, the rules and the commit, not the model.

Exactness: the judge's numbers for a pair depend on which pairs share its padded batch, so a reading
equals the one the judge would give inside only when it came from the very same list. The memo answers
a call whose list is one it read ahead (in order; `read_judge` makes two, the second way round for
some pairs) from those readings. Any other list:
- no other writer committed since the reading ahead (`settle`): the list differs only because the
  forecast missed (`verify.link.AfterBatch` says where it can), and the real judge reads the whole
  list, as it would have without the memo: a single writer's links never change, a miss costs time;
- another writer committed (its claims may be candidates now): the pairs the memo holds are answered
  from it and the real judge reads the rest in one call. Each number is then the judge's reading of
  its pair, but from another padded batch than one call on the whole list would give it: with the
  shipped judge on OpenVINO bf16 a probability moves by up to ~1e-2 between such batches (the seeds'
  judged pairs read alone or in halves of their list), enough to move a score's last digits, and
  rarely a relation sitting at a threshold. Any commit counts, a fact-checker's verdict too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from verify.protocols import Judge

if TYPE_CHECKING:
    from verify.match import FigureConflict
    from verify.records import Claim


class JudgeMemo:
    """The `Judge` protocol over `judge`, answering from `read_ahead`'s readings (module docstring)."""

    def __init__(self, judge: Judge, *, generation: int | None = None):
        self.judge = judge
        self.name = judge.name  # links record the judge's own name
        self.generation = generation  # the store's generation when the readings were taken
        # Until `settle` says otherwise, assume another writer committed: answer what is held, read the rest.
        self.others_wrote = True
        self._calls: list[tuple[list[str], list[str], np.ndarray]] = []  # the lists read ahead, in order
        self._held: dict[tuple[str, str], np.ndarray] = {}  # (premise, hypothesis) -> its reading
        self.read_before = 0  # premise/hypothesis pairs the judge read ahead
        self.asked = 0  # ... the linker asked the memo about
        self.read_inside = 0  # ... the real judge read when asked

    def read_ahead(self, pairs: Sequence[tuple[Claim, Claim]], conflict: Sequence[bool] | None = None,
                   figures: Sequence[FigureConflict | None] | None = None) -> None:
        """Read `pairs` as `verify.match.read_judge` will ask about them inside the batch (its own code
        builds the lists); `conflict` and `figures` as the linker will pass them (the rules see a
        conflict; the figures they see in conflict)."""
        from verify.match import read_judge

        read_judge(_Reading(self), pairs, conflict=conflict, figures=figures)

    def _take(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        readings = np.asarray(self.judge.probabilities(premises, hypotheses), dtype=np.float32)
        self._calls.append((list(premises), list(hypotheses), readings))
        self._held.update(zip(zip(premises, hypotheses), readings))
        self.read_before += len(premises)
        return readings

    def __contains__(self, pair: object) -> bool:
        """Whether the memo holds a reading of this (premise, hypothesis)."""
        return pair in self._held

    def settle(self, generation: int) -> None:
        """Inside the batch, with the store's generation now: whether another writer committed since."""
        self.others_wrote = self.generation is None or generation != self.generation

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        premises, hypotheses = list(premises), list(hypotheses)
        if len(premises) != len(hypotheses):
            raise ValueError("one hypothesis per premise")
        self.asked += len(premises)
        for held_premises, held_hypotheses, readings in self._calls:
            if premises == held_premises and hypotheses == held_hypotheses:
                return readings.copy()
        if not self.others_wrote:
            self.read_inside += len(premises)
            return np.asarray(self.judge.probabilities(premises, hypotheses), dtype=np.float32)
        out = np.zeros((len(premises), 3), np.float32)
        missing = []
        for i, pair in enumerate(zip(premises, hypotheses)):
            reading = self._held.get(pair)
            if reading is None:
                missing.append(i)
            else:
                out[i] = reading
        if missing:
            self.read_inside += len(missing)
            out[missing] = self.judge.probabilities([premises[i] for i in missing], [hypotheses[i] for i in missing])
        return out


class _Reading:
    """The judge as `read_ahead` hands it to `read_judge`: the memo keeps what it reads."""

    def __init__(self, memo: JudgeMemo):
        self.name = memo.name
        self._memo = memo

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        return self._memo._take(premises, hypotheses)

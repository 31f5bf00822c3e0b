"""The roles signal: both claims give one person the same standing role."""

from __future__ import annotations

from verify.match.signals.base import Finding, PairView
from verify.records import Relation


class Roles:
    """Both claims give one person the same standing role."""

    name = "roles"

    def read(self, pair: PairView) -> Finding | None:
        if not (pair.decision.by_role and pair.decision.evidence.shared_role):
            return None
        role_a, role_b = pair.decision.evidence.shared_role
        return Finding(self.name, Relation.SUPPORTS, True, pair.decision.score,
                       f'{pair.who_a} and {pair.who_b} both state that {role_a.describe()} '
                       f'("{role_a.cue}" / "{role_b.cue}")')

"""The alias table's matching, scored in one rapidfuzz call per new name, against the plain loop it
replaced: the same entities, the same canonical names, in the same order, whatever the table holds."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from verify.extract import AliasTable
from verify.extract.entities import NAME_RATIO, _bare_surname, _tokens, tokens_agree
from verify.lang import fold_name


class LoopTable(AliasTable):
    """The table as it matched before: every known surface and surname looked at in Python."""

    def _match(self, surface: str, kind: str) -> int | None:
        if kind == "PER":
            toks = _tokens(surface)
            if not toks:
                return None
            candidates: set[int] = set()
            for surname, indexes in self._by_surname.items():
                if tokens_agree(toks[-1], surname):
                    candidates |= indexes
            fits = {i for i in candidates if self._person_fits(toks, i)}
            if len(fits) > 1 and len(toks) == 1:
                return None
            if len(fits) > 1:
                return max(fits, key=lambda i: sum(self._entities[i].surfaces.values()))
            return next(iter(fits), None)
        key = fold_name(surface)
        best, best_score = None, 0.0
        for i, entity in enumerate(self._entities):
            if entity.kind != kind:
                continue
            for s in entity.surfaces:
                score = fuzz.ratio(key, fold_name(s))
                if score > best_score:
                    best, best_score = i, score
        if best is not None and best_score >= NAME_RATIO and len(key) >= 6:
            return best
        people = self._people_named(surface) if surface[:1].isupper() else set()
        return next(iter(people)) if len(people) == 1 else None

    def _people_named(self, surface: str) -> set[int]:
        toks = _tokens(surface)
        if len(toks) != 1:
            return set()
        return {i for surname, indexes in self._by_surname.items()
                if tokens_agree(toks[0], surname) and toks[0][-1] == surname[-1]
                for i in indexes if self._entities[i].kind == "PER"
                and any(_bare_surname(_tokens(s)) for s in self._entities[i].surfaces)}


FIRST = ["Khalifa", "Jalifa", "Dmitri", "Dmitry", "María", "Pedro", "Raúl", "Fidel", "Ángel", "Marta"]
LAST = ["Haftar", "Hifter", "Hiftar", "Peskov", "Peskóv", "Sánchez", "Castro", "Moreno", "Suárez", "Juárez"]
ORGS = ["Organización Mundial de la Salud", "Organizacion Mundial de la Salud", "Corea del Norte",
        "Corea del Sur", "Banco Central Europeo", "Banco Central Europea", "Morena", "Naciones Unidas",
        "Naciones Unida", "Ejército Nacional Libio", "Ejercito Nacional Libio"]


def _mutate(rng: random.Random, name: str) -> str:
    chars = list(name)
    i = rng.randrange(len(chars))
    chars[i] = rng.choice("aeioubcdrst ")
    return "".join(chars)


def names(seed: int, count: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45:
            name = rng.choice(LAST) if rng.random() < 0.3 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            out.append((name, "PER"))
        elif roll < 0.9:
            name = rng.choice(ORGS)
            out.append((_mutate(rng, name) if rng.random() < 0.4 else name, rng.choice(["ORG", "LOC"])))
        else:
            out.append((rng.choice(LAST), rng.choice(["ORG", "LOC", "MISC"])))  # a surname typed as a place
    return out


def test_matching_in_one_call_gives_what_the_loop_gave():
    for seed in range(4):
        fast, slow = AliasTable(), LoopTable()
        for surface, kind in names(seed, 400):
            assert fast.canonical(surface, kind) == slow.canonical(surface, kind), (seed, surface, kind)
            assert fast.take_renames() == slow.take_renames()
        assert sorted(fast.rows()) == sorted(slow.rows())
        assert len(fast) == len(slow) > 20


def test_a_table_loaded_from_rows_matches_as_the_loop_does():
    table = AliasTable()
    for surface, kind in names(11, 200):
        table.canonical(surface, kind)
    fast, slow = AliasTable.from_rows(table.rows()), LoopTable.from_rows(table.rows())
    for surface, kind in names(12, 200):
        assert fast.canonical(surface, kind) == slow.canonical(surface, kind), (surface, kind)


def test_a_name_as_close_to_two_entities_joins_the_first_seen():
    table = AliasTable()
    first = table.canonical("organizacion mundial AA", "ORG")
    second = table.canonical("organizacion mundial BB", "ORG")
    assert first != second  # 91.3 apart: two entities
    assert fuzz.ratio("organizacion mundial ab", "organizacion mundial aa") == \
        fuzz.ratio("organizacion mundial ab", "organizacion mundial bb") >= NAME_RATIO
    assert table.canonical("organizacion mundial AB", "ORG") == first

"""The store-wide entity alias table: spelling variants of one name merge into one canonical entity.

News transliterates foreign names many ways (Haftar / Hifter / Hiftar / Jalifa Haftar / Khalifa Haftar;
Gadafi / Gadhafi; Dmitri / Dmitry Peskov). The table is learned, not hand-written: each new surface is
compared with the entities already seen, and joins one when the names agree.

Person names (kind PER) are compared token-wise: the surnames (last tokens) must agree, and the first
names must agree too unless one side has none. Two tokens agree when, after accent folding, either
their rapidfuzz ratio reaches `TOKEN_RATIO`, or their consonant skeletons are equal (ratio >=
`SKELETON_RATIO`), and they start alike (transliteration mostly moves vowels and 'h': Hifter / Haftar
-> "ftr", Jalifa / Khalifa -> "jlf"). A bare surname that fits two different people (Fidel / Raúl
Castro) joins neither. Other kinds merge only on a high whole-name ratio (`NAME_RATIO`): "Corea del
Norte" and "Corea del Sur" must stay apart.
Thresholds were checked on the person names spaCy finds in ../shared/data/news_es.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from verify.lang import fold_name

KINDS = ("PER", "ORG", "LOC", "MISC")
TOKEN_RATIO = 90.0  # folded token similarity for a surname / first name to agree without equal consonants
NAME_RATIO = 93.0  # folded whole-name similarity for organisations, places, misc
SKELETON_RATIO = 65.0  # with equal consonants: Hifter / Haftar is 66.7; Mouriño / Morena, McCall / Michael 61.5
MIN_SKELETON = 3  # shorter consonant skeletons say too little to merge on

_NUMBER = re.compile(r"\d+")
_LEADING = re.compile(r"^(el|la|los|las|the|al-(?=\w{8}))\s+", re.I)
_TITLES = {"sr", "sra", "dr", "dra", "don", "doña", "mr", "mrs", "ms", "general", "coronel", "presidente",
           "ministro", "strongman", "mariscal", "jeque", "rey", "papa", "príncipe", "principe"}


def _tokens(name: str) -> list[str]:
    words = [w for w in re.split(r"[\s]+", fold_name(name).replace(".", " ")) if w]
    return [w for w in words if w.strip("-") and w not in _TITLES]


def _skeleton(token: str) -> str:
    """Consonants only, 'kh' read as 'j' (Spanish transliteration), 'h' and doubled letters dropped."""
    token = token.replace("kh", "j").replace("y", "i").replace("-", "")
    out: list[str] = []
    for ch in token:
        if ch in "aeiouh" or not ch.isalpha():
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def tokens_agree(a: str, b: str) -> bool:
    """Two name tokens (folded) are the same name spelled differently."""
    if a == b:
        return True
    if min(len(a), len(b)) <= 3:  # "al", "el", initials: only an exact match is evidence
        return False
    na, nb = a.replace("kh", "j"), b.replace("kh", "j")
    if na[0] != nb[0]:  # "Formación" / "Información", "Juárez" / "Suárez"
        return False
    if fuzz.ratio(a, b) >= TOKEN_RATIO:
        return True
    # Transliteration moves vowels and 'h' but keeps consonants; a consonant change is another name
    # (Suárez / Juárez, Calderón / Cameron, Marta / María all have ratio >= 80 on news_es).
    sa, sb = _skeleton(a), _skeleton(b)
    return len(sa) >= MIN_SKELETON and sa == sb and fuzz.ratio(a, b) >= SKELETON_RATIO


def persons_agree(a: list[str], b: list[str]) -> bool:
    """Token lists of two person names refer to the same person (surname and, if both have one, first name)."""
    if not a or not b:
        return False
    if not tokens_agree(a[-1], b[-1]):
        return False
    if len(a) == 1 or len(b) == 1:
        # A bare surname is weak evidence: too short ("Li", "Gil") or another ending ("Morena", a party
        # the tagger called a person, against "Ángel Moreno") does not merge, nor does the place in
        # "Miss Universo de México" ("México" alone is the country).
        return len(a[-1]) >= 4 and a[-1][-1] == b[-1][-1] and _bare_surname(a) and _bare_surname(b)
    return tokens_agree(a[0], b[0])


_PARTICLES = frozenset("de del la las los da do dos di von van".split())


def _bare_surname(toks: list[str]) -> bool:
    """The last token of a name can stand for it alone: not after "de" ("Miss Universo de México",
    "Duque de Alba"), where it is a place or a title's object; such a surname keeps its particle
    ("De Guindos")."""
    return len(toks) < 2 or toks[-2] not in _PARTICLES


@dataclass
class _Entity:
    kind: str
    surfaces: Counter = field(default_factory=Counter)
    pinned: str | None = None  # canonical restored from the store; kept until a better name is seen

    @property
    def canonical(self) -> str:
        def score(s: str) -> tuple[int, int, int]:
            return (min(len(_tokens(s)), 3), self.surfaces[s], -len(s))
        best = max(self.surfaces, key=score)
        if self.pinned and score(self.pinned) >= score(best):
            return self.pinned
        return best


class AliasTable:
    """Store-wide table of entity surfaces -> canonical names, and of speakers' sides.

    `canonical(surface, kind)` both answers and learns. `rows()` / `side_rows()` and `from_rows` let the
    store persist it between runs.
    """

    def __init__(self) -> None:
        self._entities: list[_Entity] = []
        self._by_surface: dict[str, int] = {}  # folded surface -> entity index
        self._by_surname: dict[str, set[int]] = {}  # folded last token of PER names -> entity indexes
        # Per kind, each surface's folded form and its entity's index, for `_match` to score a new name
        # against all of them in one rapidfuzz call: the table grows with the index, and a Python loop over
        # it made extraction quadratic (docs/BENCHMARKS.md, session 11).
        self._names: dict[str, tuple[list[str], list[int]]] = {}
        self._sides: dict[str, str] = {}  # folded speaker canonical -> side
        self._renames: list[tuple[str, str]] = []  # (old canonical, new) since the last take_renames

    def __len__(self) -> int:
        return len(self._entities)

    @staticmethod
    def clean(surface: str) -> str:
        """The surface without leading articles and surrounding punctuation/space."""
        s = " ".join(surface.split()).strip(" ,.;:\"'“”«»()")
        return _LEADING.sub("", s) or s

    def canonical(self, surface: str, kind: str = "MISC") -> str:
        """The canonical name for `surface`, adding it to the table (merged with its entity if one fits)."""
        surface = self.clean(surface)
        if not surface:
            return surface
        key = fold_name(surface)
        if key in self._by_surface:
            known = self._by_surface[key]
            self._count(known, surface)
            return self._entities[known].canonical
        index = self._match(surface, kind)
        if index is None:
            index = len(self._entities)
            self._entities.append(_Entity(kind))
        entity = self._entities[index]
        self._count(index, surface)
        self._by_surface[key] = index
        if kind == "PER" or entity.kind == "PER":
            toks = _tokens(surface)
            if toks:
                self._by_surname.setdefault(toks[-1], set()).add(index)
        return entity.canonical

    def _count(self, index: int, surface: str) -> None:
        entity = self._entities[index]
        before = entity.canonical if entity.surfaces or entity.pinned else None
        self._add_surface(index, surface)
        if before is not None and entity.canonical != before:
            # A better or more frequent name arrived ("Haftar", then "Khalifa Hifter"): claims already
            # made under the old one must follow, or entity overlap misses them (`take_renames`).
            self._renames.append((before, entity.canonical))

    def _add_surface(self, index: int, surface: str) -> None:
        """One more sighting of `surface` for entity `index` (a new surface also joins `_names`)."""
        entity = self._entities[index]
        if surface not in entity.surfaces:
            keys, owners = self._names.setdefault(entity.kind, ([], []))
            keys.append(fold_name(surface))
            owners.append(index)
        entity.surfaces[surface] += 1

    def _surnames_near(self, token: str) -> set[str]:
        """The known surnames `tokens_agree` could accept for `token`: agreeing needs a rapidfuzz ratio of at
        least SKELETON_RATIO (or equality, ratio 100), so one C++ call narrows the table to these."""
        return {name for name, _, _ in process.extract(token, list(self._by_surname), scorer=fuzz.ratio,
                                                       limit=None, score_cutoff=SKELETON_RATIO)}

    def take_renames(self) -> list[tuple[str, str]]:
        """(old canonical, new canonical) pairs since the last call, in order."""
        renames, self._renames = self._renames, []
        return renames

    def lookup(self, surface: str) -> str | None:
        """The canonical name of a surface already in the table, without learning anything."""
        index = self._by_surface.get(fold_name(self.clean(surface)))
        return None if index is None else self._entities[index].canonical

    def _person_fits(self, toks: list[str], index: int) -> bool:
        """A person name fits an entity: a full name must agree with one of its full names, if it has any
        (so "María Sánchez" does not join "Pedro Sánchez" through a bare "Sánchez")."""
        names = [_tokens(s) for s in self._entities[index].surfaces]
        full = [n for n in names if len(n) > 1]
        pool = full if (len(toks) > 1 and full) else names
        return any(persons_agree(toks, n) for n in pool)

    def _match(self, surface: str, kind: str) -> int | None:
        if kind == "PER":
            toks = _tokens(surface)
            if not toks:
                return None
            candidates: set[int] = set()
            near = self._surnames_near(toks[-1])
            for surname, indexes in self._by_surname.items():  # the table's order, as sets are built below
                if surname in near and tokens_agree(toks[-1], surname):
                    candidates |= indexes
            fits = {i for i in candidates if self._person_fits(toks, i)}
            if len(fits) > 1 and len(toks) == 1:
                return None  # a bare surname shared by different people: do not guess
            if len(fits) > 1:
                # a full name that fits several: the entity whose first names fit, most seen first
                return max(fits, key=lambda i: sum(self._entities[i].surfaces.values()))
            return next(iter(fits), None)
        key = fold_name(surface)
        if len(key) >= 6:
            keys, owners = self._names.get(kind, ([], []))
            found = process.extract(key, keys, scorer=fuzz.ratio, limit=None, score_cutoff=NAME_RATIO)
            # (names whose numbers differ are two, one character apart and over NAME_RATIO: "Premio
            # Cervantes 2011" / "Premio Cervantes 2013", "Copa del Mundo de 2010" / "... de 2014")
            numbers = _NUMBER.findall(key)
            found = [hit for hit in found if _NUMBER.findall(hit[0]) == numbers]
            if found:
                # The best-scoring name; among equals the entity seen first.
                top = max(score for _, score, _ in found)
                return min(owners[at] for _, score, at in found if score == top)
        # The small model often types a bare surname as a place or an organisation ("el ejército de
        # Hafter", "que respalda a Hiftar"): one capitalised word that is the surname of exactly one
        # known person is that person.
        people = self._people_named(surface) if surface[:1].isupper() else set()
        return next(iter(people)) if len(people) == 1 else None

    def _people_named(self, surface: str) -> set[int]:
        """Known people whose surname a one-word `surface` is (spelling variants included)."""
        toks = _tokens(surface)
        if len(toks) != 1:
            return set()
        # The last letter must agree too: "Morena" (a party) is not "Moreno" (a person), while
        # transliterations move vowels inside the name ("Hiftar" / "Haftar").
        near = self._surnames_near(toks[0])
        return {i for surname, indexes in self._by_surname.items()
                if surname in near and tokens_agree(toks[0], surname) and toks[0][-1] == surname[-1]
                for i in indexes if self._entities[i].kind == "PER"
                and any(_bare_surname(_tokens(s)) for s in self._entities[i].surfaces)}

    def known(self, surface: str) -> bool:
        """`surface` is a name already in the table, or the surname of a person in it."""
        return self.lookup(surface) is not None or bool(self._people_named(self.clean(surface)))

    # ----- sides -------------------------------------------------------------------------------
    def _names_of(self, speaker: str) -> list[str]:
        """Folded keys a speaker's side may be stored under: the speaker and every surface of its entity."""
        key = fold_name(self.clean(speaker))
        index = self._by_surface.get(key)
        if index is None:  # an unseen spelling of a known person ("Peskov" after "Dmitry Peskov")
            index = self._match(self.clean(speaker), "PER")
        if index is None:
            return [key]
        entity = self._entities[index]
        return [fold_name(entity.canonical), key] + [fold_name(s) for s in entity.surfaces]

    def side_of(self, speaker: str) -> str | None:
        """The side learned for a speaker (any surface of the same entity works: Peskov, Dmitry Peskov)."""
        for key in self._names_of(speaker):
            if key in self._sides:
                return self._sides[key]
        return None

    def learn_side(self, speaker: str, side: str) -> None:
        """Remember that `speaker` stands for `side`, so later articles can use it."""
        if speaker and side:
            self._sides[self._names_of(speaker)[0]] = side

    # ----- persistence -------------------------------------------------------------------------
    def rows(self) -> list[tuple[str, str, str]]:
        """(surface, canonical, kind) for every surface seen."""
        return [(surface, entity.canonical, entity.kind)
                for entity in self._entities for surface in entity.surfaces]

    def side_rows(self) -> list[tuple[str, str]]:
        """(speaker canonical, folded; side) pairs learned so far."""
        return sorted(self._sides.items())

    @classmethod
    def from_rows(cls, rows=(), side_rows=()) -> AliasTable:
        """Rebuild a table from `rows()` and `side_rows()` output.

        Rows are (surface, canonical, kind); rows stored as (surface, kind, canonical) are recognised by
        where the kind sits, so either column order loads.
        """
        table = cls()
        groups: dict[str, int] = {}
        for row in rows:
            surface, b, c = row
            canonical, kind = (c, b) if b in KINDS and c not in KINDS else (b, c)
            index = groups.get(fold_name(canonical))
            if index is None:
                index = groups[fold_name(canonical)] = len(table._entities)
                table._entities.append(_Entity(kind, pinned=canonical))
            table._add_surface(index, surface)
            table._by_surface[fold_name(surface)] = index
            if kind == "PER":
                toks = _tokens(surface)
                if toks:
                    table._by_surname.setdefault(toks[-1], set()).add(index)
        for speaker, side in side_rows:
            table._sides[fold_name(speaker)] = side
        return table

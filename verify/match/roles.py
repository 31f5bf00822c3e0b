"""Standing roles a claim gives a person: "Haftar ... al frente del Ejército Nacional de Libia".

Two claims about different events often agree on a background fact: one article writes "Haftar ha
estado al frente del Ejército Nacional de Libia", another "Khalifa Hifter, comandante del
autoproclamado Ejército Nacional de Libia". Their embeddings differ (one is about a visit, the other
about a photo), but once the extractor has merged Haftar and Hifter both state one fact: this person
leads this organisation. `role_facts` reads such facts off a claim's text and its entities:

- a role word (verify/data/roles.json) followed within a few words by an entity: the target;
- the holder: a person named right after the target ("el portavoz del Kremlin, Dmitri Peskov"), or
  else the nearest person named before the role word whose name a comma follows (an apposition or a
  relative clause: "Hifter, comandante del ...", "Haftar, que controla ...").
A title ("el presidente Vladimir Putin") or a role whose "target" follows a comma ("el presidente
sirio, Bashar al Assad") is no fact about anyone else.

Plain string work on entity mentions, no parse: the extractor's entities carry the names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from verify.lang import fold, load_data

_WORD = re.compile(r"\w+", re.UNICODE)
_TARGET_WINDOW = 4  # words between the role word and its target ("comandante del autoproclamado ENL")
_HOLDER_WINDOW = 15  # words back from the role word to the person holding it, past an apposition
_AFTER_TARGET = 3  # words between the target and a person named after it ("del Kremlin, Dmitri Peskov")


@dataclass(frozen=True, slots=True)
class RoleFact:
    holder: str  # canonical entity names
    role: str  # the role's name in roles.json: "leads", "speaks for", ...
    target: str
    cue: str  # the role word as written, for the reason

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.holder, self.role, self.target)

    def describe(self) -> str:
        return f"{self.holder} {self.role} {self.target}"


@lru_cache(maxsize=16384)
def _mention(form: str) -> re.Pattern[str]:
    """`form` as a whole word or words. Compiled once per name: more names recur than `re`'s own cache
    (512 patterns) holds, and compiling was most of this module's time in a profile of linking."""
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


@lru_cache(maxsize=1)
def role_words() -> dict[str, dict[str, str]]:
    """{language: {folded role word: role}} (verify/data/roles.json)."""
    raw = load_data("roles.json")
    table: dict[str, dict[str, str]] = {}
    for role, entries in raw["roles"].items():
        for language, words in entries:
            for word in words:
                table.setdefault(language, {})[fold(word)] = role
    return table


def role_facts(text: str, entities: tuple[tuple[str, str, str], ...], language: str | None = None,
               ) -> frozenset[RoleFact]:
    """Facts (holder, role, target) stated in `text`; `entities` are (canonical, surface, kind)."""
    if not entities:
        return frozenset()
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    if not words:
        return frozenset()
    starts = [w[0] for w in words]

    def word_at(char: int) -> int:
        return next((i for i, s in enumerate(starts) if s >= char), len(words))

    # Every mention of every entity, as word index ranges; longer surfaces first so "Khalifa Hifter"
    # wins over a bare "Hifter" at the same place.
    mentions: list[tuple[int, int, str, str]] = []  # (first word, end word, canonical, kind)
    taken: set[int] = set()
    for canonical, surface, kind in sorted(entities, key=lambda e: -len(e[1])):
        for form in {surface, canonical}:
            if not form:
                continue
            for m in _mention(form).finditer(text):
                first, end = word_at(m.start()), word_at(m.end())
                if end > first and not taken & set(range(first, end)):
                    mentions.append((first, end, canonical, kind))
                    taken.update(range(first, end))
    mentions.sort()
    table = role_words().get(language or "es", {}) or role_words().get("es", {})
    facts: set[RoleFact] = set()
    for i, (_, _, word) in enumerate(words):
        role = table.get(fold(word))
        if role is None or i in taken:
            continue
        target = next((m for m in mentions if i < m[0] <= i + _TARGET_WINDOW), None)
        if target is None:
            continue
        # "el presidente sirio, Bashar al Assad": after a comma comes the holder in apposition, not
        # what the role is of.
        if "," in text[words[i][1]:words[target[0]][0]]:
            continue
        # "el presidente Vladimir Putin": a person right after the role word is its holder, titled.
        if target[3] == "PER" and target[0] == i + 1:
            continue
        after = next((m for m in mentions if m[3] == "PER" and target[1] <= m[0] <= target[1] + _AFTER_TARGET), None)
        # A person before the role holds it when an apposition or a relative clause opens right after
        # the name ("Hifter, comandante del ...", "Haftar, que controla ..."); "un viaje de Putin al
        # país, indicó un vocero del Kremlin" does not make Putin the spokesman.
        before = [m for m in mentions if m[3] == "PER" and m[1] <= i and i - m[1] <= _HOLDER_WINDOW
                  and text[words[m[1] - 1][1]:].lstrip().startswith(",")]
        holder = after or (before[-1] if before else None)
        if holder is None or holder[2] == target[2]:
            continue
        facts.add(RoleFact(holder[2], role, target[2], word))
    return frozenset(facts)

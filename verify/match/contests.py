"""Who beat whom: "Nadal derrota a Djokovic", "Djokovic se impuso a Nadal", "Sarkozy cae ante Hollande".

Two claims that name the same two sides of one contest with winner and loser swapped cannot both hold,
and neither a word list of opposites nor an NLI model trained on other sentences sees it: the words are
the same, only their order differs (judge3 reads "Djokovic se impuso a Nadal en la final de
Montecarlo" as entailing "Nadal derrota a Djokovic por el título de Montecarlo", 0.82). `contests`
reads such outcomes off a claim's text with the language's lexicon: a winning verb ("win_verbs") with
the name written right before it as the winner and the name after it (past a score, a link word and an
article) as the loser; a losing verb ("lose_verbs") the other way round, its link required ("cae ante",
"lost to"); a passive winning verb with its agent ("fue derrotado por") too. A winning verb with a
winner and no loser is an outcome too ("Gustavo Petro ganó la segunda vuelta"): against a claim where
that winner lost ("Rodolfo Hernández se impuso a Petro") it is as swapped, where the two share a
contest that decides (`DECISIVE_STEMS`). What a winning verb takes with an article and no link ("ganó
la Copa del Rey") is what was won, not who lost, where the language says so ("contest_prize_articles":
in Spanish who is beaten takes "a"); a verb that only wins a prize ("prize_verbs": "se llevó la final
ante la Real Sociedad") takes its loser past a far link alone ("se llevó a su familia" beat no one);
a losing verb takes its winner past one too ("perdió la final de la Copa del Rey ante el Real Madrid"),
and a winning verb its loser past what was won after "al" ("ganó la Copa del Rey de 2022 al Valencia";
a far link naming no one, "al final de noviembre", is passed over for the next).
Plain string work on capitalised words, no parse: a name is a run of capitalised words, and a negated
outcome ("no pudo vencer a") is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from verify.lang import LANGUAGES, entries_pattern, fold, lexicon
from verify.match.figures import parse_number
from verify.match.names import is_demonym
from verify.match.vocabulary import NEGATION_WORDS, STOPWORDS, stem

_TOKEN = re.compile(r"\w[\w\-]*", re.UNICODE)
# Words that join a name's capitalised words: "Real Madrid", "Medias Rojas", "Costa de Marfil".
_NAME_JOINERS = frozenset({"de", "del", "la", "da", "do", "van", "von", "di", "of", "the"})
_SCORE = re.compile(r"\d+(?:-\d+)*")
_NEGATION_REACH = 3  # words before the verb where a negation denies the outcome ("no pudo vencer a")
_SCORE_REACH = 4  # score tokens between the verb and the loser ("venció dos a cero a Tigres")
_PLACE_REACH = 5  # words of a phrase of place between the verb and the loser ("en la tanda de penaltis")
_SUBJECT_REACH = 4  # words before the name a sentence opens with ("La selección de Marruecos")
_FAR_REACH = 20  # words between a verb and a far link ("ganó la segunda vuelta ... frente a Bolsonaro")
# Punctuation that ends the clause a far link must be in (a decimal comma, "50,9", does not).
_CLAUSE_BREAK = re.compile(r"[,;:.]\s|[()«»\"]")


# Contests that decide one outcome, as stems of every language ("la final", "la segunda vuelta", "las
# elecciones"): a winner alone is only in dispute with a loss in one of these, as "ganó la Liga" and "el
# Girona se impuso al Madrid en un partido de Liga" both hold (`verify.match.rules.evidence`).
DECISIVE_STEMS = frozenset(stem(fold(word), language) for language in LANGUAGES
                           for word in lexicon(language).get("decisive_contests", ()))


@dataclass(frozen=True, slots=True)
class Contest:
    winner: frozenset[str]  # the winner's name, as folded words
    loser: frozenset[str]  # empty where the claim names none ("Petro ganó la segunda vuelta")
    text: str  # as written, for the reason: "Nadal derrota a Djokovic"
    stems: frozenset[str]  # of the sides and the verb: what else two claims share is what ties them
    # a win told as how something was won ("conquistó su segunda Copa Libertadores tras vencer a
    # Independiente del Valle", "al ganar la final"): the match that decided it
    decides: bool = False


@dataclass(frozen=True, slots=True)
class _Words:
    win: re.Pattern[str] | None  # winning verbs, over one folded word or two with "se" ("se impuso")
    # verbs that win a prize, never beat anyone they take ("se llevó la final ante la Real Sociedad", not
    # "se llevó a su familia"): who lost comes only past a far link
    prize: re.Pattern[str] | None
    lose: re.Pattern[str] | None  # losing verbs ("cae", "lost")
    links: frozenset[str]  # between a winning verb and the loser ("a", "ante", "over")
    score_openers: frozenset[str]  # before a score between a winning verb and the loser ("venció por 2-0 a")
    prize_articles: frozenset[str]  # after a winning verb with no link, what was won ("ganó la Copa")
    loss_links: frozenset[str]  # ... a losing verb and the winner, required ("ante", "to")
    articles: frozenset[str]
    agents: frozenset[str]  # the passive's agent preposition ("por", "by")
    auxiliaries: frozenset[str]  # the passive's auxiliaries ("fue", "was")
    # before a winning verb whose winner is the clause's subject, written before an earlier winning verb
    # ("España ganó el Mundial al vencer a Holanda", "Nadal won the final after beating Ruud")
    infinitive_openers: frozenset[str]
    # before the loser, a phrase of up to `_PLACE_REACH` words that says where or how ("venció en la final a
    # Ruud", "al vencer por penales a Boca Juniors")
    place_openers: frozenset[str]
    # before the loser after what was won ("ganó el balotaje frente a Scioli"), within `_FAR_REACH` words
    far_links: tuple[tuple[str, ...], ...]
    shootouts: frozenset[str]  # a penalty shoot-out's words ("venció por penales a"): no passive's agent
    # after a far link and the other side's share of the vote, before its name ("frente al 44,3 % de
    # Sergio Massa")
    share_links: frozenset[str]
    # before a winning verb whose winner is the one an earlier verb of the sentence named ("Hernández
    # ganó la segunda vuelta y derrotó a Petro")
    coordinators: frozenset[str]


@lru_cache(maxsize=8)
def _words(language: str) -> _Words:
    lex = lexicon(language)
    return _Words(entries_pattern(language, "win_verbs"), entries_pattern(language, "prize_verbs"),
                  entries_pattern(language, "lose_verbs"),
                  frozenset(lex.get("contest_links", ())), frozenset(lex.get("contest_score_openers", ())),
                  frozenset(lex.get("contest_prize_articles", ())), frozenset(lex.get("loss_links", ())),
                  frozenset(lex.get("contest_articles", ())),
                  frozenset(lex.get("passive_agents", ())), frozenset(lex.get("passive_auxiliaries", ())),
                  frozenset(lex.get("contest_infinitive_openers", ())), frozenset(lex.get("contest_place_openers", ())),
                  tuple(tuple(phrase.split()) for phrase in lex.get("contest_far_links", ())),
                  frozenset(lex.get("shootout_words", ())), frozenset(lex.get("contest_share_links", ())),
                  frozenset(lex.get("coordinators", ())))


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _adjacent(text: str, tokens: list[tuple[str, int, int]], j: int) -> bool:
    """Only white space between token j and the next: "Tenis: Nadal" is no one name."""
    return not text[tokens[j][2]:tokens[j + 1][1]].strip()


def _name_word(tokens: list[tuple[str, int, int]], j: int, words: list[str], toward: int) -> bool:
    """Token j continues a name: capitalised, or a joiner with a capitalised word beyond it."""
    if _capitalised(tokens[j][0]):
        return True
    k = j + toward
    return bool(words) and fold(tokens[j][0]) in _NAME_JOINERS and 0 <= k < len(tokens) and _capitalised(tokens[k][0])


def _name(words: list[str], articles: frozenset[str]) -> frozenset[str]:
    # (a capitalised article opening a sentence is no part of the name: "Los Tigres" / "los Tigres")
    return frozenset(fold(w) for w in words) - _NAME_JOINERS - articles


def _name_before(text: str, tokens: list[tuple[str, int, int]], end: int,
                 articles: frozenset[str]) -> tuple[int, frozenset[str]] | None:
    """The run of capitalised words (joined by "de", "del" ...) ending right before token `end`."""
    j = end - 1
    words: list[str] = []
    while j >= 0 and _adjacent(text, tokens, j) and _name_word(tokens, j, words, -1):
        words.append(tokens[j][0])
        j -= 1
    name = _name(words, articles)
    return (j + 1, name) if name else None


def _name_after(text: str, tokens: list[tuple[str, int, int]], start: int,
                articles: frozenset[str]) -> tuple[int, frozenset[str]] | None:
    """The run of capitalised words starting at token `start`, and the index past it."""
    j = start
    words: list[str] = []
    while j < len(tokens) and (not words or _adjacent(text, tokens, j - 1)) and _name_word(tokens, j, words, 1):
        words.append(tokens[j][0])
        j += 1
    name = _name(words, articles)
    return (j, name) if name else None


def _score(word: str) -> bool:
    return bool(_SCORE.fullmatch(word)) or parse_number(fold(word)) is not None


def _other_side(text: str, tokens: list[tuple[str, int, int]], after: int, lex: _Words,
                links: frozenset[str], link_required: bool) -> tuple[int, frozenset[str]] | None:
    """The name after a verb ending at token `after`: past a score ("2-0", "dos a cero", "por 4-0"), a
    phrase of place that a link word follows ("en la final a"), a link word ("a", "ante", "to"), an
    article and one lower-case word before the name ("al noruego Casper Ruud"). None where an article
    with no link opens what was won ("ganó la Copa del Rey")."""
    j = after
    for _ in range(_SCORE_REACH):
        if j < len(tokens) and _score(tokens[j][0]):
            j += 1
        elif j + 1 < len(tokens) and fold(tokens[j][0]) in lex.score_openers and _score(tokens[j + 1][0]):
            j += 2  # "por 4-0"
        elif j + 1 < len(tokens) and fold(tokens[j][0]) in links and _score(tokens[j + 1][0]):
            j += 2  # "dos a cero"
        else:
            break
    if j < len(tokens) and fold(tokens[j][0]) in lex.place_openers:
        link = next((k for k in range(j + 1, min(j + 1 + _PLACE_REACH, len(tokens)))
                     if fold(tokens[k][0]) in links), None)
        if link is not None and not any(_capitalised(t[0]) for t in tokens[j + 1:link]):
            j = link
    linked = j < len(tokens) and fold(tokens[j][0]) in links
    if linked:
        j += 1
        if j < len(tokens) and fold(tokens[j][0]) in links:
            j += 1  # "frente a"
    elif link_required or (j < len(tokens) and fold(tokens[j][0]) in lex.prize_articles):
        return None
    if j < len(tokens) and fold(tokens[j][0]) in lex.articles:
        j += 1
    if linked and j + 1 < len(tokens) and not _capitalised(tokens[j][0]) and _capitalised(tokens[j + 1][0]) \
            and _adjacent(text, tokens, j):
        j += 1  # "al noruego Casper Ruud"
    return _name_after(text, tokens, j, lex.articles)


def _far_side(text: str, tokens: list[tuple[str, int, int]], after: int, lex: _Words
              ) -> tuple[int, frozenset[str]] | None:
    """The other side named after what a verb ending at token `after` won or lost, past a far link in
    the same clause: "Macri ganó el balotaje de noviembre de 2015 frente a Daniel Scioli", "Keiko
    Fujimori perdió la segunda vuelta presidencial peruana de 2021 ante Pedro Castillo", past the
    side's share of the vote ("ganó el balotaje con el 55,7 % frente al 44,3 % de Sergio Massa")."""
    for k in range(after, min(after + _FAR_REACH, len(tokens))):
        if k > after and _CLAUSE_BREAK.search(text[tokens[k - 1][2]:tokens[k][1]]):
            return None
        for link in lex.far_links:
            if tuple(fold(t[0]) for t in tokens[k:k + len(link)]) == link:
                j = k + len(link)
                if j < len(tokens) and fold(tokens[j][0]) in lex.articles:
                    j += 1
                share = j
                while share < min(j + _SCORE_REACH, len(tokens)) and _score(tokens[share][0]):
                    share += 1
                if share > j and share < len(tokens) and fold(tokens[share][0]) in lex.share_links:
                    j = share + 1
                found = _name_after(text, tokens, j, lex.articles)
                if found is not None:
                    return found
    return None


def _clause_winner(text: str, tokens: list[tuple[str, int, int]], opener: int, lex: _Words
                   ) -> tuple[int, frozenset[str]] | None:
    """The winner of a winning verb an opener puts in the infinitive ("al vencer"): the name written right
    before the nearest winning verb before the opener ("España ganó el Mundial al vencer a Holanda"), else
    (no such verb, or no name right before it: "Liga de Quito fue el primer club ecuatoriano en ganar la
    Copa, al vencer a Fluminense") the name the sentence opens with, past an article and a noun it
    belongs to ("El Real Madrid conquistó su décima Copa al vencer al Atlético", "La selección de
    Marruecos ... tras eliminar a Portugal")."""
    for k in range(opener - 1, 0, -1):
        if lex.win is not None and lex.win.fullmatch(fold(tokens[k][0])):
            named = _name_before(text, tokens, k, lex.articles)
            if named is not None:
                return named
            break
    return _subject(text, tokens, opener, lex)


def _subject(text: str, tokens: list[tuple[str, int, int]], end: int, lex: _Words
             ) -> tuple[int, frozenset[str]] | None:
    """The name the sentence opens with, before token `end`, past an article and a noun it belongs to
    ("La selección de Marruecos")."""
    for j in range(min(end, _SUBJECT_REACH)):
        if _capitalised(tokens[j][0]) and fold(tokens[j][0]) not in lex.articles | STOPWORDS:
            found = _name_after(text, tokens, j, lex.articles)
            return (j, found[1]) if found else None
    return None


def contests(text: str, language: str = "es") -> tuple[Contest, ...]:
    """The outcomes `text` states: who beat whom (module docstring)."""
    lex = _words(language)
    win, lose, articles = lex.win, lex.lose, lex.articles
    if win is None and lose is None and lex.prize is None:
        return ()
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[Contest] = []
    winner_before: tuple[int, frozenset[str]] | None = None  # the last winner named before a winning verb
    for i, (word, _, _) in enumerate(tokens):
        folded = fold(word)
        reflexive = i > 0 and fold(tokens[i - 1][0]) == "se"
        first = i - 1 if reflexive else i  # "Djokovic se impuso a Nadal": the name comes before "se"
        key = f"se {folded}" if reflexive else folded
        prize_only = lex.prize is not None and bool(lex.prize.fullmatch(key))
        winning = prize_only or (win is not None and (win.fullmatch(key) or win.fullmatch(folded)))
        losing = lose is not None and lose.fullmatch(folded)
        if not (winning or losing):
            continue
        # (not "goleó por 4-0 al Middlesbrough" nor "venció por penales a Boca": a score or a shoot-out
        # after "por" is no agent)
        passive = (bool(winning) and not prize_only and i + 1 < len(tokens) and fold(tokens[i + 1][0]) in lex.agents
                   and not (i + 2 < len(tokens) and (_score(tokens[i + 2][0])
                                                     or fold(tokens[i + 2][0]) in lex.shootouts)))
        while passive and first > 0 and fold(tokens[first - 1][0]) in lex.auxiliaries:
            first -= 1  # "Djokovic fue derrotado por Nadal", "ha sido eliminado por"
        if any(fold(tokens[k][0]) in NEGATION_WORDS for k in range(max(0, first - _NEGATION_REACH), first)):
            continue
        opened = bool(winning) and not passive and first > 0 and fold(tokens[first - 1][0]) in lex.infinitive_openers
        before = (_clause_winner(text, tokens, first - 1, lex) if opened
                  else _name_before(text, tokens, first, articles))
        if before is None and not opened and first > 1 and is_demonym(fold(tokens[first - 1][0])):
            # the winner's demonym between it and its verb: "El Once Caldas colombiano conquistó ..."
            before = _name_before(text, tokens, first - 1, articles)
        if before is None and not opened and first > 0 and "," in text[tokens[first - 1][2]:tokens[first][1]]:
            # an apposition between the winner and its verb: "El Alcorcón, de Segunda B, goleó 4-0 al Real Madrid"
            before = _subject(text, tokens, first, lex)
        if (before is None and not passive and first > 0 and fold(tokens[first - 1][0]) in lex.coordinators
                and winner_before is not None and "." not in text[tokens[winner_before[0]][1]:tokens[first][1]]):
            before = winner_before  # "Hernández ganó la segunda vuelta y derrotó a Petro": the same winner
        after = (_name_after(text, tokens, i + 2, articles) if passive
                 else None if prize_only
                 else _other_side(text, tokens, i + 1, lex, lex.loss_links if losing else lex.links, bool(losing)))
        # (a loss too: "Osasuna perdió la final de la Copa del Rey de 2023 ante el Real Madrid")
        if after is None and (winning or losing) and not passive:
            after = _far_side(text, tokens, i + 1, lex)
        if winning and not passive and not opened and before is not None:
            winner_before = before
        if after is None and winning and not passive and before is not None:
            # a winner alone: "Gustavo Petro ganó la segunda vuelta" (the sides' words and the verb)
            found.append(Contest(before[1], frozenset(), text[tokens[before[0]][1]:tokens[i][2]],
                                 frozenset(stem(w, language) for w in (*before[1], folded)), opened))
            continue
        # (two sides that share a word are told apart by the rest: "Real Madrid" / "Atlético de Madrid")
        if before is None or after is None or before[1] <= after[1] or after[1] <= before[1]:
            continue
        shared = before[1] & after[1]
        winner, loser = (after[1], before[1]) if (passive or losing) else (before[1], after[1])
        winner, loser = winner - shared, loser - shared
        start_char = tokens[before[0]][1]
        end_char = tokens[after[0] - 1][2]
        # (the sides' words and the verb: a phrase of place between them, "en la final", is what two
        # claims must share besides, for one contest)
        found.append(Contest(winner, loser, text[start_char:end_char],
                             frozenset(stem(w, language) for w in (*winner, *loser, folded)), opened))
    return tuple(found)


def _swapped(x: Contest, y: Contest) -> bool:
    """x's winner lost in y, to x's loser where x names one, and no side wins or loses in both."""
    return bool(x.winner & y.loser and (x.loser & y.winner or not x.loser)
                and not (x.winner & y.winner or x.loser & y.loser))


def reversed_contest(a: tuple[Contest, ...], b: tuple[Contest, ...]) -> tuple[Contest, Contest] | None:
    """A contest `a` states whose winner `b` states lost to its loser (same two sides, swapped), or a
    winner alone one claim names that lost in the other ("Petro ganó" / "Hernández se impuso a Petro");
    two winners alone are no dispute the rules can read (two contests as likely as one). Two sides
    swapped first: they need less besides to be one contest (`verify.match.rules.evidence`)."""
    swaps = [(x, y) for x in a for y in b if _swapped(x, y) or _swapped(y, x)]
    return min(swaps, key=lambda swap: not (swap[0].loser and swap[1].loser), default=None)


def told_by_the_loser(contests: tuple[Contest, ...], other_stems: frozenset[str], verb: str,
                      language: str) -> bool:
    """A win with `verb` (as written) whose loser the other claim names, its winner not: a loss told
    there is the same outcome told from the loser's side ("El Real Madrid venció 2-1 a Osasuna" /
    "Osasuna ... perdió", "Nadal derrota a Djokovic" / "Djokovic perdió la final"), no opposite of the
    win. Not a loss with its winner named ("perdió la Liga ... ante el Espanyol" / "ganó la Liga"), whose
    loser is the one who wins in the other. `other_stems`: the other claim's content-word stems."""
    win = _words(language).win
    if win is None or not win.fullmatch(fold(verb)):
        return False
    for contest in contests:
        loser = {stem(w, language) for w in contest.loser}
        if (stem(fold(verb), language) in contest.stems and loser and loser <= other_stems
                and not {stem(w, language) for w in contest.winner} & other_stems):
            return True
    return False

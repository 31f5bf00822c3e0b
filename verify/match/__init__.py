"""Pair classification: how two claims bear on each other (`Relation`), with a score and a reason.

    verdict = classify(claim_a, claim_b, similarity=0.91)
    verdicts = classify_many([(a1, b1), (a2, b2)], np.array([0.91, 0.74]))

The rules are in `verify.match.rules` (order and reasons in its docstring) and read what
`verify.match.text` parses off each claim: the proposition without its attribution frame, negation
cues and their scope (side clauses marked by the extractor's parse left out), hedges, figures with
units, opposite-direction words, names; and what `verify.match.roles` reads: standing roles
("Hifter, comandante del Ejército Nacional de Libia") two claims can agree on. Embedding
similarity decides whether two claims are about the same proposition; it never decides stance.
With a judge (an NLI model, `verify.judge`), `verify.match.signals` combines its verdict with the
rules' evidence; the reason names both.

Headless: nothing here imports textual, torch or sentence-transformers at module level.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from verify.errors import InputError
from verify.lang import fold, fold_for_fuzz, unmask, words
from verify.match import signals
from verify.match.figures import Figure
from verify.match.negation import text_negated
from verify.match.restate import in_indicative, with_figure
from verify.match.roles import role_facts
from verify.match.rules import DEFAULT_THRESHOLDS, Decision, Thresholds, decide
from verify.match.signals import JudgePolicy, JudgeReading, Outcome, PairView, combine, read_all
from verify.match.text import ClaimFeatures, features
from verify.protocols import ClaimExtractor, Judge
from verify.records import Claim, Polarity, Relation

# Stored with every link: bump when a rule, a threshold, a word list or the NLI mapping changes, so
# links made by older rules can be found and recomputed.
MATCHER_VERSION = "rules-138"

# A claim is a sentence or two; anything much longer is a document pasted by mistake.
MAX_CLAIM_CHARS = 5000

__all__ = [
    "MATCHER_VERSION",
    "PairVerdict",
    "Thresholds",
    "classify",
    "classify_many",
    "claim_from_text",
    "JudgePolicy",
]


@dataclass(frozen=True)
class PairVerdict:
    """The relation between two claims, a confidence in it (0-1), and why, in one checkable line."""

    relation: Relation
    score: float
    reason: str

    def to_dict(self) -> dict:
        return {"relation": str(self.relation), "score": round(float(self.score), 4), "reason": self.reason}


# ---------------------------------------------------------------------------------------------- features

# The extractor's cue, folded, that denies the whole claim ("negó", "desmiente", "rechazaron", "denied").
_DENIAL_CUES = frozenset(words("denial_cue_forms"))
# The extractor's cues that only name a source ("según la Junta", "according to"): it labels such a claim
# as hedging, which is what its stance is to a reader; a copy of a statement with its source added is
# still a copy (`ClaimFeatures.sourced`).
_SOURCE_CUES = frozenset(words("according_to"))


@lru_cache(maxsize=65536)
def _cached_features(text: str, language: str | None, names: tuple[str, ...], polarity: str, cue: str,
                     side_spans: tuple[tuple[int, int], ...] = (), speaker: str = "") -> ClaimFeatures:
    # The extractor's stance, when it has one, adds to what the text shows: it sees across sentences
    # ("Peskov lo negó" after the quote) where the rules only see the claim.
    # The extractor sees context the sentence lacks ("..., algo que Peskov negó"; cue "negó"): then the
    # whole claim is denied. When the sentence carries its own negation, its scope (read here) says
    # what is denied better than a sentence-level label: "no" in a side clause denies nothing shared.
    whole_claim_denied = fold(cue) in _DENIAL_CUES or (polarity == Polarity.DENIES and not text_negated(text))
    f = features(text, language, names, denied_by_context=whole_claim_denied, side_spans=side_spans,
                 speaker=speaker)
    hedged = f.hedged or polarity == Polarity.HEDGES
    sourced = hedged and not f.hedged and fold(cue) in _SOURCE_CUES
    if whole_claim_denied:
        return dataclasses.replace(f, denied=True, negated=f.stems, hedged=hedged, sourced=sourced)
    return dataclasses.replace(f, hedged=hedged, sourced=sourced)


@lru_cache(maxsize=65536)
def _features_with_roles(text: str, language: str | None, entities: tuple[tuple[str, str, str], ...],
                         polarity: str, cue: str, side_spans: tuple[tuple[int, int], ...],
                         speaker: str = "") -> ClaimFeatures:
    names = tuple(sorted({canonical for canonical, _, _ in entities if canonical}))
    f = _cached_features(text, language, names, polarity, cue, side_spans, speaker)
    # The speaker's own spokesman title ("dijo el portavoz del Kremlin, Dmitri Peskov") says who is
    # talking, not what is claimed: two statements by one spokesman do not back each other.
    speaking = {canonical for canonical, surface, _ in entities if speaker and surface and
                (fold(surface) in fold(speaker) or fold(speaker) in fold(surface))}
    roles = frozenset(r for r in role_facts(text, entities, language)
                      if not (r.role == "speaks for" and r.holder in speaking))
    if not entities:
        return dataclasses.replace(f, roles=roles) if roles else f
    persons = frozenset(fold(canonical) for canonical, _, kind in entities if canonical and kind == "PER")
    return dataclasses.replace(f, roles=roles, persons=persons)


def claim_features(claim: Claim) -> ClaimFeatures:
    """Features of one claim (cached by text, language, entities, polarity, cue and side clauses)."""
    entities = tuple(sorted({(e.canonical, e.surface, e.kind) for e in claim.entities}))
    return _features_with_roles(claim.text, claim.language, entities, str(claim.polarity), claim.cue or "",
                                tuple(claim.side_spans or ()), claim.speaker or "")


# ---------------------------------------------------------------------------------------------- classify


def classify(a: Claim, b: Claim, similarity: float, *, thresholds: Thresholds = DEFAULT_THRESHOLDS,
             judge: Judge | None = None, policy: JudgePolicy | None = None) -> PairVerdict:
    """Classify one pair of claims given their embedding cosine similarity."""
    return classify_many([(a, b)], np.array([similarity], dtype=np.float32), thresholds=thresholds,
                         judge=judge, policy=policy)[0]


def classify_many(pairs: Sequence[tuple[Claim, Claim]], similarities: np.ndarray, *,
                  thresholds: Thresholds = DEFAULT_THRESHOLDS, judge: Judge | None = None,
                  policy: JudgePolicy | None = None, judged: np.ndarray | None = None) -> list[PairVerdict]:
    """Classify aligned pairs; `similarities[i]` is the cosine of `pairs[i]`.

    Each distinct claim is parsed once (`rule_decisions`). With a `judge`, the pairs `judged` marks
    (default: all) that it can change (`judge_requests`: not the rules' repeats) go through it
    (`read_judge`: batched, the other way round where that can matter) and
    `verify.match.signals.combine` decides them; the others keep the rules' decision, less
    conflicting figures and opposite directions, which count only when the judge has said the two
    claims are about the same thing. `policy` defaults to `signals.DEFAULT_POLICY` as it is when called
    (benches swap it).
    """
    policy = policy or signals.DEFAULT_POLICY
    sims = np.asarray(similarities, dtype=np.float32).reshape(-1)
    if len(sims) != len(pairs):
        raise InputError(f"{len(pairs)} pairs but {len(sims)} similarities: give one similarity per pair")
    if not pairs:
        return []
    fa, fb, decisions = rule_decisions(pairs, sims, thresholds)
    readings: dict[int, JudgeReading] = {}
    if judge is not None:
        todo, conflict, figures = judge_requests(decisions,
                                                 None if judged is None else np.asarray(judged, bool).tolist())
        readings = dict(zip(todo, read_judge(judge, [pairs[i] for i in todo], conflict=conflict, figures=figures,
                                             policy=policy)))
    verdicts = []
    for i, ((a, b), d, s) in enumerate(zip(pairs, decisions, sims)):
        view = PairView(a, b, fa[i], fb[i], float(s), d, readings.get(i), _who(a, "claim A"), _who(b, "claim B"))
        findings = read_all(view)
        if view.judge is not None:
            outcome = combine(view, findings, policy)
        elif judge is not None and d.relation == Relation.CONTRADICTS and not any(f.signal == "stance"
                                                                                 for f in findings):
            # Figures or directions alone, on a pair the judge did not read: soft evidence (docstring).
            outcome = Outcome(Relation.UNRELATED, round(1.0 - d.score, 4), findings)
        else:
            outcome = Outcome(d.relation, d.score, findings)
        verdicts.append(PairVerdict(outcome.relation, outcome.score, explain(view, outcome)))
    return verdicts


def rule_decisions(pairs: Sequence[tuple[Claim, Claim]], similarities: np.ndarray,
                   thresholds: Thresholds = DEFAULT_THRESHOLDS) -> tuple[list[ClaimFeatures], list[ClaimFeatures],
                                                                       list[Decision]]:
    """The rules' decision on each pair (and both claims' features): near-verbatim scores for all pairs
    come from one rapidfuzz `cpdist` call (C++, both cores)."""
    from rapidfuzz import fuzz, process

    fa = [claim_features(a) for a, _ in pairs]
    fb = [claim_features(b) for _, b in pairs]
    # Each proposition folded once, not once per pair and scorer: a claim is in many pairs.
    folded = {p: fold_for_fuzz(p) for p in {f.proposition for f in (*fa, *fb)}}
    left, right = [folded[f.proposition] for f in fa], [folded[f.proposition] for f in fb]
    fuzz_scores = process.cpdist(left, right, scorer=fuzz.token_set_ratio, workers=-1)
    sort_scores = process.cpdist(left, right, scorer=fuzz.token_sort_ratio, workers=-1)
    decisions = [decide(x, y, float(s), float(z), thresholds, float(w))
                 for x, y, s, z, w in zip(fa, fb, similarities, fuzz_scores, sort_scores)]
    return fa, fb, decisions


def judge_can_change(decision: Decision) -> bool:
    """Whether a judge's reading can decide the pair: not when the rules call it a near-verbatim
    repeat, which `combine` keeps whatever the judge says (reading it costs a call and changes
    nothing). Wire copy makes them common: a reprinted article's claims each have their copy as
    closest candidate."""
    return decision.relation != Relation.REPEATS


class FigureConflict(NamedTuple):
    """Figures of a pair's two claims that cannot both hold (claim A's, claim B's), and whether the rules
    trust them alone (`PairEvidence.figure_conflict`) or leave them to the judge (`figure_disputed`)."""

    figure: Figure
    other: Figure
    trusted: bool


class JudgeRequests(NamedTuple):
    """What the judge reads of a list of pairs (`judge_requests`), as `read_judge` takes it."""

    todo: list[int]  # the pairs it reads
    conflict: list[bool]  # ... for each, whether the rules see a conflict (read both ways)
    figures: list[FigureConflict | None]  # ... and the figures they see in conflict, if any


def judge_requests(decisions: Sequence[Decision], asked: Sequence[bool] | None = None) -> JudgeRequests:
    """The pairs the judge reads, and for each whether the rules see a conflict, which `read_judge`
    reads both ways, and the figures they see in conflict: of the pairs `asked` (default: all), those
    it can change (`judge_can_change`). One definition for the linker and `verify.link.read_ahead`,
    whose forecast must ask the judge the very same lists."""
    todo = [i for i, d in enumerate(decisions) if (asked is None or asked[i]) and judge_can_change(d)]
    return JudgeRequests(todo, [decisions[i].relation == Relation.CONTRADICTS for i in todo],
                         [figure_conflict(decisions[i]) for i in todo])


def figure_conflict(decision: Decision) -> FigureConflict | None:
    """The figures the rules see in conflict in a pair, and whether they trust them alone
    (`PairEvidence.figure_conflict`, else `figure_disputed`)."""
    ev = decision.evidence
    if ev.figure_conflict is not None:
        return FigureConflict(*ev.figure_conflict, trusted=True)
    return None if ev.figure_disputed is None else FigureConflict(*ev.figure_disputed, trusted=False)


def read_judge(judge: Judge, pairs: Sequence[tuple[Claim, Claim]], *, conflict: Sequence[bool] | None = None,
               figures: Sequence[FigureConflict | None] | None = None,
               policy: JudgePolicy | None = None) -> list[JudgeReading]:
    """The judge's reading of each pair, in two batches: first with the longer claim as premise (the
    one that can entail the other), then the other way round for the pairs where that can change the
    verdict (`JudgePolicy.second_reading` says which and why; `conflict` marks the pairs where the rules
    see a conflict, whose hard evidence counts on the two readings' mean neutral: `combine`). A pair
    read once holds its one reading both ways (`JudgeReading.both` False): the judge is most of an
    add's time, and most candidate pairs are plainly about different things. Two more batches, for
    the few pairs they concern: a denied statement against the other claim (`denial_reading`; in the
    indicative too where it was written in the subjunctive, `JudgeReading.indicative`), and
    the two claims with one figure put in the other's place where the `figures` the rules see in
    conflict did not count on the readings (`figure_reading`)."""
    if not pairs:
        return []
    policy = policy or signals.DEFAULT_POLICY
    longer_b = [len(b.text) > len(a.text) for a, b in pairs]
    premises = [b.text if swap else a.text for (a, b), swap in zip(pairs, longer_b)]
    hypotheses = [a.text if swap else b.text for (a, b), swap in zip(pairs, longer_b)]
    first = np.asarray(judge.probabilities(premises, hypotheses), dtype=np.float32)
    conflicted = [False] * len(pairs) if conflict is None else [bool(x) for x in conflict]
    can_contradict = first[:, 2] >= 2 * policy.contradiction - 1
    may_support = (first[:, 1] < policy.second_reading) & (first[:, 0] >= policy.second_reading_entailment)
    again = [i for i in range(len(pairs)) if conflicted[i] or can_contradict[i] or may_support[i]]
    second: dict[int, np.ndarray] = {}
    if again:
        probs = np.asarray(judge.probabilities([hypotheses[i] for i in again], [premises[i] for i in again]),
                           dtype=np.float32)
        second = dict(zip(again, probs))
    # One claim denies (in its frame, by opening with a denial, or in an answer) what the other may
    # state: is the denied statement entailed by the other's? (`JudgePolicy.denial`; a third call, for
    # the few pairs with such a denial.)
    readings = []
    for i, swap in enumerate(longer_b):
        other = second.get(i, first[i])
        forward, backward = (other, first[i]) if swap else (first[i], other)
        readings.append(JudgeReading(forward, backward, both=i in second))
    asked = [(i, d) for i, d in enumerate(denial_reading(a, b) for a, b in pairs) if d is not None]
    # ... and in the indicative too where the denial wrote it in the subjunctive ("negó que ETA estuviera
    # detrás" -> "ETA estuvo detrás", `in_indicative`; `JudgeReading.indicative`), where the judge does not
    # read the two claims as about other matters (`JudgePolicy.mood_neutral`).
    moods = []
    for i, (premise, denied) in asked:
        indicative = in_indicative(denied, _denier(*pairs[i]).language)
        if indicative != denied and readings[i].neutral < policy.mood_neutral:
            moods.append((i, (premise, indicative)))
    if asked:
        both = asked + moods
        probs = np.asarray(judge.probabilities([p for _, (p, _) in both], [h for _, (_, h) in both]),
                           dtype=np.float32)
        for (i, _), p in zip(asked, probs):
            readings[i] = dataclasses.replace(readings[i], denial=float(p[0]))
        for (i, _), p in zip(moods, probs[len(asked):]):
            readings[i] = dataclasses.replace(readings[i], indicative=float(p[0]))
    # Figures in conflict that did not count (`combine`: the judge too neutral): do the two claims state
    # one thing but for the figure? (`JudgePolicy.same_but_figure`; a fourth call, both ways.)
    rewritten = []  # (pair, claim A, claim B with A's figure)
    for i, ((a, b), conflict_of_figures) in enumerate(zip(pairs, figures or [None] * len(pairs))):
        b_with_a = figure_reading(a, b, conflict_of_figures, readings[i], policy)
        if b_with_a is not None:
            rewritten.append((i, a.text, b_with_a))
    if rewritten:
        lefts, rights = [a for _, a, _ in rewritten], [b for _, _, b in rewritten]
        probs = np.asarray(judge.probabilities(lefts + rights, rights + lefts), dtype=np.float32)
        for k, (i, _, _) in enumerate(rewritten):
            either_way = max(probs[k, 0], probs[len(rewritten) + k, 0])
            readings[i] = dataclasses.replace(readings[i], figures=float(either_way))
    return readings


def figure_reading(a: Claim, b: Claim, figures: FigureConflict | None, reading: JudgeReading,
                   policy: JudgePolicy) -> str | None:
    """Claim B with claim A's figure in place of its own, for the judge to read against claim A, where the
    rules see `figures` in conflict that the `reading` of the two claims does not let count (too neutral
    for them: `combine`) and does not make a contradiction by itself; None otherwise, or when a figure
    is not written exactly once (`verify.match.restate.with_figure`). "Más de 7.000 personas han
    abarrotado el acto de Vox en Granada" / "Unas 2.500 personas asistieron al mitin de Vox en Granada"
    reads neutral (0.68), as two events might; with "7.000" in the second, one statement."""
    if figures is None or reading.contradiction >= policy.contradiction:
        return None
    if reading.neutral < policy.same_thing_bar(figures.trusted):
        return None
    return with_figure(b.text, figures.other, a.text, figures.figure)


def _denier(a: Claim, b: Claim) -> ClaimFeatures:
    """The features of the claim of the two whose denied statement `denial_reading` reads."""
    fa = claim_features(a)
    return fa if fa.denied_statement else claim_features(b)


def denial_reading(a: Claim, b: Claim) -> tuple[str, str] | None:
    """(premise, hypothesis) for the judge when exactly one claim denies something (in its frame, by
    opening with a denial, or in an answer) and the other claim neither leaves it open nor is denied by
    its frame: the other's statement, then the denied statement (`verify.match.restate`). Two denials
    of one thing agree; "no descarta que" and "el temor de que" state nothing. A negation in the other
    claim's own words does not stop the reading: a negative can state what is denied ("no cumple lo
    firmado" / "rechazó que esté incumpliendo el acuerdo"), and where it denies the same thing ("no
    fueron quemados") the judge does not read the denied statement as stated."""
    fa, fb = claim_features(a), claim_features(b)
    if bool(fa.denied_statement) == bool(fb.denied_statement):
        return None
    denier, other = (fa, fb) if fa.denied_statement else (fb, fa)
    if other.left_open or (other.denied and not other.cues):
        return None
    return other.statement or (b.text if denier is fa else a.text), denier.denied_statement


# ---------------------------------------------------------------------------------------------- reason


def _who(claim: Claim, fallback: str) -> str:
    if claim.side and claim.speaker and fold(claim.side) != fold(claim.speaker):
        return f"{claim.side} ({claim.speaker})"
    return claim.side or claim.speaker or fallback


def _shared(a: Claim, b: Claim, decision: Decision, limit: int = 6) -> str:
    ev = decision.evidence
    display = {**claim_features(b).name_words, **claim_features(a).name_words}
    names = [display.get(n, n) for n in ev.shared_names]
    name_words = {w for n in ev.shared_names for w in n.split()}
    words = [w for w in ev.shared_stems if fold(w) not in name_words]
    items = names + words
    return ", ".join(items[:limit]) + (", ..." if len(items) > limit else "")


def explain(view: PairView, outcome: Outcome) -> str:
    """One line a fact-checker can verify against both texts in seconds: the evidence for the
    relation (each signal's own words), the judge's verdict when it ran, shared words, similarity."""
    parts = [f.text for f in outcome.findings if f.relation == outcome.relation and f.signal != "judge"]
    if outcome.relation == Relation.CONTRADICTS and parts and (view.fa.hedged or view.fb.hedged):
        parts.append("one side hedges")
    if not parts and outcome.relation == Relation.UNRELATED:
        parts.append(f"{view.who_a} and {view.who_b} make different propositions")
    if view.judge is not None:
        label, p = view.judge.verdict()
        one_way = "" if view.judge.both else "; read one way"
        parts.append(f"judge: {label} {p:.2f} (contradiction {view.judge.contradiction:.2f}, "
                     f"entailment {view.judge.entailment:.2f}{one_way})")
        if not parts[:-1] and outcome.decided_by == ("judge",):
            parts.append("no rule evidence: read both texts")
    shared = _shared(view.a, view.b, view.decision)
    if shared:
        parts.append(f"shared: {shared}")
    parts.append(f"similarity {view.similarity:.2f}")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------------- free text


def claim_from_text(text: str, extractor: ClaimExtractor | None = None, *, label: str = "text") -> Claim:
    """A `Claim` covering a whole free text, as `verify compare` needs.

    With an extractor, speaker, side, cue, polarity and entities come from the claim covering most of the text; without
    one, the claim has only the text and the rules read the stance off it themselves.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{label} is empty: give the claim's text")
    if len(text) > MAX_CLAIM_CHARS:
        raise InputError(f"{label} is {len(text)} characters; a claim is at most {MAX_CLAIM_CHARS}: "
                         "give one sentence or a short passage")
    text = unmask(text.strip())[0]  # as `verify add`'s cleaner reads an article: "Galindо" is "Galindo"
    base = Claim(article_id="-", text=text, start=0, end=len(text), checkworthiness=1.0)
    if extractor is None:
        return base
    # Every sentence of a text given to compare counts, check-worthy or not.
    claims = extractor.extract(text, min_checkworthiness=0.0)
    if not claims:
        return base
    main = max(claims, key=lambda c: (c.end - c.start, c.checkworthiness))
    entities = tuple({e.canonical: e for c in claims for e in c.entities}.values())
    # Side clauses of every claim found, moved from claim offsets to offsets into the whole text.
    side_spans = tuple(sorted((c.start + a, c.start + b) for c in claims for a, b in c.side_spans))
    return dataclasses.replace(base, speaker=main.speaker, side=main.side, cue=main.cue, quote=main.quote,
                               polarity=main.polarity, entities=entities, language=main.language,
                               side_spans=side_spans)

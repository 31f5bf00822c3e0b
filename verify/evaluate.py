"""Measure the running configuration on labelled files (the formats of ../shared/data).

    eval_sts(path, encoder)                 Spearman of cosine vs gold similarity (STS-es csv)
    eval_nli(path, encoder, extractor=None) `compare` on premise/hypothesis pairs (XNLI-es tsv)
    eval_pairs(path, encoder, ...)          `compare` on a news pair file (tests/data/news_pairs.jsonl)
    eval_checkworthy(path)                  check-worthiness F1 on a CheckThat! tsv (2022 1/0 or 2023/24 Yes/No)

Each returns a plain dict (JSON-ready); `format_confusion` prints a confusion matrix. Reading files
is kept here, at the edge; the scoring helpers take arrays. The encoder, extractor and judge come from
the caller: `verify eval` (verify.cli) is the command that runs these.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from verify.errors import InputError
from verify.protocols import ClaimExtractor, Encoder, Judge
from verify.records import Relation

if TYPE_CHECKING:
    from verify.match import PairVerdict, Thresholds

NLI_LABELS = ("entailment", "neutral", "contradiction")
# XNLI's labels as the matcher's relations; `repeats` counts as entailment (same proposition).
_RELATION_TO_NLI = {Relation.REPEATS: 0, Relation.SUPPORTS: 0, Relation.UNRELATED: 1, Relation.CONTRADICTS: 2}
PAIR_LABELS = tuple(r.value for r in Relation)


# ---------------------------------------------------------------------------------------------- readers


def read_sts(path: str | Path) -> tuple[list[str], list[str], np.ndarray]:
    """`sentence1,sentence2,score` rows, no header (stsb-multi-mt)."""
    a, b, gold = [], [], []
    with _open(path) as fh:
        for lineno, row in enumerate(csv.reader(fh), 1):
            if not row:
                continue
            try:
                s1, s2, score = row
                gold.append(float(score))
            except ValueError:
                raise InputError(f"line {lineno}: expected sentence1,sentence2,score, got {row[:3]!r}",
                                 source=str(path)) from None
            a.append(s1)
            b.append(s2)
    if not gold:
        raise InputError("no rows", source=str(path))
    return a, b, np.array(gold, dtype=np.float64)


_NLI_LABEL_IDS = {"entailment": 0, "neutral": 1, "contradiction": 2, "0": 0, "1": 1, "2": 2}


def read_nli(path: str | Path) -> tuple[list[str], list[str], np.ndarray]:
    """premise, hypothesis, label (0 entailment, 1 neutral, 2 contradiction): tab-separated with an
    optional header (XNLI-es), or JSON lines {"premise", "hypothesis", "label"} with the label as a
    word or a number (../shared/data/nli/*.jsonl, InferES)."""
    a, b, gold = [], [], []
    if str(path).endswith(".jsonl"):
        expected = "expected a JSON object with premise, hypothesis and label (entailment, neutral or contradiction)"
        for lineno, row in _json_lines(path, not_json=expected):
            try:
                a.append(str(row["premise"]))
                b.append(str(row["hypothesis"]))
                gold.append(_NLI_LABEL_IDS[str(row["label"]).lower()])
            except (ValueError, KeyError, TypeError):
                raise InputError(f"line {lineno}: {expected}", source=str(path)) from None
        if not gold:
            raise InputError("no rows", source=str(path))
        return a, b, np.array(gold, dtype=np.int64)
    with _open(path) as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row:
                continue
            if lineno == 1 and len(row) == 3 and row[2].strip().lower() == "label":
                continue
            if len(row) != 3 or row[2].strip() not in ("0", "1", "2"):
                raise InputError(f"line {lineno}: expected premise<TAB>hypothesis<TAB>0|1|2", source=str(path))
            a.append(row[0])
            b.append(row[1])
            gold.append(int(row[2]))
    if not gold:
        raise InputError("no rows", source=str(path))
    return a, b, np.array(gold, dtype=np.int64)


def read_pairs(path: str | Path) -> list[dict]:
    """JSON lines `{"a", "b", "label", ...}` with label one of repeats/supports/contradicts/unrelated."""
    rows = []
    for lineno, row in _json_lines(path):
        if not isinstance(row, dict) or row.get("label") not in PAIR_LABELS or not row.get("a") or not row.get("b"):
            raise InputError(f"line {lineno}: needs a, b and label in {', '.join(PAIR_LABELS)}", source=str(path))
        rows.append(row)
    return rows


def _json_lines(path: str | Path, not_json: str | None = None) -> Iterator[tuple[int, Any]]:
    """(line number, decoded value) for each non-blank line of a JSON-lines file; a line that is not
    JSON is an `InputError` naming it (`not_json` says what was expected instead)."""
    with _open(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {lineno}: {not_json or f'not JSON ({exc.msg})'}", source=str(path)) from None
            yield lineno, value


def _open(path: str | Path) -> IO[str]:
    try:
        return open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", source=str(path)) from None


# ---------------------------------------------------------------------------------------------- scoring


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman rank correlation (average ranks for ties)."""
    from scipy.stats import spearmanr

    return float(spearmanr(x, y).statistic)


def confusion(gold: np.ndarray, predicted: np.ndarray, n: int) -> np.ndarray:
    """n x n counts, rows gold, columns predicted."""
    matrix = np.zeros((n, n), dtype=np.int64)
    np.add.at(matrix, (gold, predicted), 1)
    return matrix


def per_class(matrix: np.ndarray, labels: Sequence[str]) -> dict[str, dict[str, float]]:
    out = {}
    for k, name in enumerate(labels):
        tp = matrix[k, k]
        predicted, actual = matrix[:, k].sum(), matrix[k, :].sum()
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[name] = {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f1), 4),
                     "predicted": int(predicted), "gold": int(actual)}
    return out


def format_confusion(matrix: np.ndarray | list, labels: Sequence[str]) -> str:
    """A text table: one row per gold label, one column per predicted label."""
    matrix = np.asarray(matrix)
    width = max(max(len(l) for l in labels), max(len(str(v)) for v in matrix.flat)) + 2
    lines = ["gold \\ predicted".ljust(width + 6) + "".join(l.rjust(width) for l in labels)]
    for name, row in zip(labels, matrix):
        lines.append(name.ljust(width + 6) + "".join(str(int(v)).rjust(width) for v in row))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- evals


def _encode_pairs(a: Sequence[str], b: Sequence[str], encoder: Encoder) -> np.ndarray:
    """Cosine of each aligned pair, encoding each distinct text once."""
    texts = sorted(set(a) | set(b))
    row = {t: i for i, t in enumerate(texts)}
    vectors = np.asarray(encoder.encode(texts), dtype=np.float32)
    va = vectors[[row[t] for t in a]]
    vb = vectors[[row[t] for t in b]]
    return np.einsum("ij,ij->i", va, vb)


def eval_sts(path: str | Path, encoder: Encoder) -> dict:
    """Spearman correlation of the encoder's cosine with gold similarity on an STS file."""
    a, b, gold = read_sts(path)
    sims = _encode_pairs(a, b, encoder)
    return {"task": "sts", "data": str(path), "pairs": len(gold), "model": getattr(encoder, "name", "?"),
            "spearman": round(spearman(sims, gold), 4)}


_CLASSIFY_CHUNK = 512  # pairs classified (and judged) per progress step; each pair is decided on its own


def _classify_texts(a: Sequence[str], b: Sequence[str], encoder: Encoder, extractor: ClaimExtractor | None = None,
                    judge: Judge | None = None, thresholds: Thresholds | None = None,
                    progress: Callable[[int, int], None] | None = None) -> tuple[list[PairVerdict], np.ndarray]:
    """Verdicts for aligned texts; `progress(done, total)` counts texts extracted, then pairs decided."""
    from verify.match import DEFAULT_THRESHOLDS, claim_from_text, classify_many

    texts = sorted(set(a) | set(b))
    total = len(texts) + len(a)
    claims = {}
    for done, text in enumerate(texts, 1):
        claims[text] = claim_from_text(text, extractor)
        if progress is not None:
            progress(done, total)
    pairs = [(claims[x], claims[y]) for x, y in zip(a, b)]
    # The claims' texts, as the rules and the judge read them (disguised letters made Latin).
    sims = _encode_pairs([x.text for x, _ in pairs], [y.text for _, y in pairs], encoder)
    verdicts: list[PairVerdict] = []
    for start in range(0, len(pairs), _CLASSIFY_CHUNK):
        end = start + _CLASSIFY_CHUNK
        verdicts += classify_many(pairs[start:end], sims[start:end], thresholds=thresholds or DEFAULT_THRESHOLDS,
                                  judge=judge)
        if progress is not None:
            progress(len(texts) + len(verdicts), total)
    return verdicts, sims


def eval_nli(path: str | Path, encoder: Encoder, extractor: ClaimExtractor | None = None, *,
             judge: Judge | None = None, rows: str = "all", thresholds: Thresholds | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict:
    """`compare` on an NLI file: contradiction precision/recall/F1, 3-class accuracy, confusion matrix.

    Mapping: entailment -> supports (repeats counts as supports), neutral -> unrelated,
    contradiction -> contradicts. `rows` = "all", "even" or "odd" (0-based data rows): thresholds were
    chosen on "even", so "odd" is the held-out half.
    """
    a, b, gold = read_nli(path)
    if rows not in ("all", "even", "odd"):
        raise InputError(f"rows={rows!r}: use all, even or odd")
    if rows != "all":
        keep = np.arange(len(gold)) % 2 == (0 if rows == "even" else 1)
        a = [x for x, k in zip(a, keep) if k]
        b = [x for x, k in zip(b, keep) if k]
        gold = gold[keep]
    verdicts, _ = _classify_texts(a, b, encoder, extractor, judge, thresholds, progress)
    predicted = np.array([_RELATION_TO_NLI[v.relation] for v in verdicts], dtype=np.int64)
    matrix = confusion(gold, predicted, 3)
    classes = per_class(matrix, NLI_LABELS)
    return {
        "task": "nli", "data": str(path), "rows": rows, "pairs": int(len(gold)),
        "model": getattr(encoder, "name", "?"), "judge": getattr(judge, "name", None),
        "contradiction": classes["contradiction"],
        "accuracy": round(float((predicted == gold).mean()), 4),
        "per_class": classes, "labels": list(NLI_LABELS), "confusion": matrix.tolist(),
    }


def eval_pairs(path: str | Path, encoder: Encoder, extractor: ClaimExtractor | None = None, *,
               judge: Judge | None = None, thresholds: Thresholds | None = None,
               progress: Callable[[int, int], None] | None = None) -> dict:
    """`compare` on a labelled pair file: per-relation precision/recall, accuracy, confusion, errors."""
    rows = read_pairs(path)
    a = [r["a"] for r in rows]
    b = [r["b"] for r in rows]
    verdicts, sims = _classify_texts(a, b, encoder, extractor, judge, thresholds, progress)
    index = {label: k for k, label in enumerate(PAIR_LABELS)}
    gold = np.array([index[r["label"]] for r in rows], dtype=np.int64)
    predicted = np.array([index[v.relation.value] for v in verdicts], dtype=np.int64)
    matrix = confusion(gold, predicted, len(PAIR_LABELS))
    classes = per_class(matrix, PAIR_LABELS)
    errors = [{"a": r["a"], "b": r["b"], "gold": r["label"], "predicted": v.relation.value, "score": v.score,
               "reason": v.reason, "similarity": round(float(s), 4)}
              for r, v, s in zip(rows, verdicts, sims) if r["label"] != v.relation.value]
    return {
        "task": "pairs", "data": str(path), "pairs": len(rows), "model": getattr(encoder, "name", "?"),
        "judge": getattr(judge, "name", None),
        "contradicts": classes["contradicts"], "accuracy": round(float((predicted == gold).mean()), 4),
        "per_class": classes, "labels": list(PAIR_LABELS), "confusion": matrix.tolist(), "errors": errors,
    }


_CHECKWORTHY_TEXT = ("tweet_text", "text", "sentence")  # 2022 names the text tweet_text; 2023/2024, Text
_CHECKWORTHY_LABEL = ("class_label", "label")
_CHECKWORTHY_VALUES = {"1": 1, "0": 0, "yes": 1, "no": 0}  # 2022 labels 1/0; 2023/2024, Yes/No


def read_checkworthy(path: str | Path) -> tuple[list[str], np.ndarray]:
    """CheckThat! check-worthiness tsv with a header, in either convention: 2022 task 1A (`tweet_text`,
    `class_label` 1/0) or 2023/2024 (`Sentence_id`, `Text`, `class_label` Yes/No). Column names and
    labels are matched in any case; 1 / Yes = check-worthy."""
    texts, labels = [], []
    with _open(path) as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        columns = {name.lstrip("\ufeff").strip().lower(): name for name in reader.fieldnames or [] if name}
        text = next((columns[c] for c in _CHECKWORTHY_TEXT if c in columns), None)
        label = next((columns[c] for c in _CHECKWORTHY_LABEL if c in columns), None)
        if text is None or label is None:
            raise InputError(f"{path}: expected a tab-separated file with a text column (tweet_text or Text) and a "
                             f"class_label column, found {', '.join(reader.fieldnames or []) or 'no header'}")
        for row in reader:
            value = (row.get(label) or "").strip()
            if value.lower() not in _CHECKWORTHY_VALUES:
                raise InputError(f"{path}:{reader.line_num}: class_label must be 1/0 or Yes/No, got {value!r}")
            labels.append(_CHECKWORTHY_VALUES[value.lower()])
            texts.append(row.get(text) or "")
    if not labels:
        raise InputError("no rows", source=str(path))
    return texts, np.asarray(labels, dtype=np.int64)


def eval_checkworthy(path: str | Path) -> dict:
    """F1 of the positive class of the shipped check-worthiness model at its own (dev-chosen) threshold.

    This scores the learned model alone, as trained on tweets; claims in news also get the news
    evidence of `verify.extract.checkworthy.news_checkworthiness`, which tweets do not have.
    """
    from verify.extract.checkworthy import learned_checkworthiness, model_threshold

    texts, gold = read_checkworthy(path)
    threshold = model_threshold()
    predicted = np.array([learned_checkworthiness(t) >= threshold for t in texts], dtype=np.int64)
    matrix = confusion(gold, predicted, 2)
    classes = per_class(matrix, ("not check-worthy", "check-worthy"))
    return {"task": "checkworthy", "data": str(path), "items": int(len(gold)), "threshold": threshold,
            "f1": classes["check-worthy"]["f1"], "per_class": classes,
            "accuracy": round(float((predicted == gold).mean()), 4),
            "labels": ["not check-worthy", "check-worthy"], "confusion": matrix.tolist()}

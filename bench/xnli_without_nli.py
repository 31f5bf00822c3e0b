"""What XNLI-es contradiction F1 can be had without an NLI model, and why none of it ships.

    .venv/bin/python bench/xnli_without_nli.py [--per-class 6000]

Prints, on all 5,010 pairs of ../shared/data/xnli_es/xnli-es-test.tsv:
1. "contradiction" for every pair (the floor any classifier must beat);
2. a hypothesis negation the premise lacks -> contradiction;
3. a logistic regression on frozen e5 pair features [u, v, |u-v|, u*v], 5-fold cross-validated on
   XNLI itself: a ceiling only (XNLI is CC BY-NC 4.0 test data: nothing trained on it can ship);
4. the same regression trained on synthetic pairs from permissively licensed text (news_es, CC BY 4.0;
   STS-es train, CC BY-SA 4.0) and scored on XNLI: sentences whose main verb is negated or un-negated,
   an antonym or a figure swapped, or the subject swapped for another sentence's (contradiction); the
   sentence pruned of modifiers, or an STS paraphrase scored >= 4.4 (entailment); STS pairs scored 1-2.8
   and two sentences of one article (neutral);
5. (4) or (2), with the probability threshold that scores best on XNLI (optimistic).
The figures are in docs/QUALITY.md. Nothing here is used by verify.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

NEGATION = re.compile(r"\b(no|nunca|jamás|nadie|nada|ningún|ninguna|ninguno|tampoco)\b", re.IGNORECASE)
PRUNABLE = {"advcl", "obl", "amod", "appos", "acl", "nmod", "advmod", "conj", "parataxis", "nummod"}


def _join(tokens) -> str:
    out = "".join(t.text_with_ws for t in tokens).strip()
    return out[:1].upper() + out[1:]


def _negate(doc):
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return None
    negs = [c for c in root.children if c.lower_ in ("no", "nunca") and c.dep_ == "advmod"]
    if negs:
        return _join([t for t in doc if t.i != negs[0].i])
    before = [c.i for c in root.children if c.dep_ in ("aux", "cop", "expl:pv", "obj", "iobj")
              and c.i < root.i and c.pos_ in ("AUX", "PRON")]
    if root.pos_ in ("ADJ", "NOUN"):
        cops = [c.i for c in root.children if c.dep_ == "cop"]
        if not cops:
            return None
        first = min(cops + [i for i in before if i < cops[0]])
    else:
        first = min([root.i] + before)
    words = [t.text_with_ws for t in doc]
    words[first] = ("no " + words[first]) if first else ("No " + words[first][:1].lower() + words[first][1:])
    return "".join(words).strip()


def _swap_word(doc, table):
    for t in doc:
        if t.lower_ in table:
            words = [x.text_with_ws for x in doc]
            words[t.i] = table[t.lower_] + t.whitespace_
            return "".join(words).strip()
    return None


def _swap_figure(doc, rng):
    for t in doc:
        if re.fullmatch(r"\d+", t.text):
            words = [x.text_with_ws for x in doc]
            words[t.i] = str(int(t.text) * rng.choice([3, 10]) + rng.randint(1, 9)) + t.whitespace_
            return "".join(words).strip()
    return None


def _prune(doc, rng):
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    options = [c for c in root.children if c.dep_ in PRUNABLE and c.lower_ not in ("no", "nunca")]
    options += [g for c in root.children if c.dep_ in ("nsubj", "obj") for g in c.children if g.dep_ in PRUNABLE]
    if not options:
        return None
    drop = {x.i for c in rng.sample(options, rng.randint(1, len(options))) for x in c.subtree}
    kept = [t for t in doc if t.i not in drop and (not t.is_punct or t.i == len(doc) - 1)]
    out = _join(kept)
    return out if len(out.split()) >= 3 and out != doc.text else None


def _swap_subject(doc, other):
    mine = next((t for t in doc if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    theirs = next((t for t in other if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    if mine is None or theirs is None:
        return None
    span = sorted(x.i for x in mine.subtree)
    new = _join(list(theirs.subtree))
    if new.lower() == _join(list(mine.subtree)).lower():
        return None
    words = [t.text_with_ws for t in doc]
    return ("".join(words[:span[0]]) + new + " " + "".join(words[span[-1] + 1:])).strip()


def synthetic_pairs(rng: random.Random) -> list[tuple[str, str, int]]:
    from verify.extract.nlp import spanish

    antonyms = {}
    for language, left, right in json.loads((ROOT / "verify" / "data" / "antonyms.json").read_text())["pairs"]:
        if language == "es":
            for group, other in ((left, right), (right, left)):
                for k, w in enumerate(group):
                    antonyms.setdefault(w, other[min(k, len(other) - 1)])
    sts = list(csv.reader(open(DATA / "sts_es" / "stsb-es-train.csv", encoding="utf-8")))
    sentences = sorted({s for row in sts for s in row[:2]})
    rng.shuffle(sentences)
    news = [json.loads(line) for line in open(DATA / "news_es" / "fake_news_corpus_spanish.jsonl", encoding="utf-8")]
    news_sentences = [(a["id"], s) for a in news for s in re.split(r"(?<=[.!?])\s+", a["text"])
                      if 6 <= len(s.split()) <= 30]
    rng.shuffle(news_sentences)
    news_sentences = news_sentences[:6000]
    pool = sentences[:9000] + [s for _, s in news_sentences]
    docs = list(spanish().pipe(pool, batch_size=256))
    pairs = []
    for doc in docs:
        base = _prune(doc, rng) or doc.text
        hyp_doc = spanish()(base) if base != doc.text else doc
        for make in (_negate, lambda d: _swap_word(d, antonyms), lambda d: _swap_figure(d, rng)):
            h = make(hyp_doc)
            if h and h != base:
                pairs.append((doc.text, h, 2))
                break
        if base != doc.text:
            pairs.append((doc.text, base, 0))
        h = _swap_subject(hyp_doc, docs[rng.randrange(len(docs))])
        if h:
            pairs.append((doc.text, h, 2))
    for a, b, score in sts:
        if float(score) >= 4.4:
            pairs.append((a, b, 0))
        elif 1.0 <= float(score) <= 2.8:
            pairs.append((a, b, 1))
    by_article: dict[str, list[str]] = {}
    for article_id, s in news_sentences:
        by_article.setdefault(article_id, []).append(s)
    pairs += [(*rng.sample(ss, 2), 1) for ss in by_article.values() if len(ss) >= 2]
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-class", type=int, default=6000)
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import cross_val_predict

    from verify.embed import load_encoder
    from verify.evaluate import read_nli

    premises, hypotheses, gold = read_nli(DATA / "xnli_es" / "xnli-es-test.tsv")
    is_contra = gold == 2
    encoder = load_encoder()

    def pair_features(a, b):
        u = np.asarray(encoder.encode(list(a)), dtype=np.float32)
        v = np.asarray(encoder.encode(list(b)), dtype=np.float32)
        return np.c_[u, v, np.abs(u - v), u * v]

    rows = []
    rows.append(("every pair 'contradiction'", f1_score(is_contra, np.ones_like(is_contra))))
    mismatch = np.array([bool(NEGATION.search(h)) and not NEGATION.search(p) for p, h in zip(premises, hypotheses)])
    rows.append(("hypothesis negated, premise not", f1_score(is_contra, mismatch)))
    x_test = pair_features(premises, hypotheses)
    cv = cross_val_predict(LogisticRegression(max_iter=3000), x_test, gold, cv=5)
    rows.append(("LR on e5 pair features, 5-fold CV on XNLI (ceiling, cannot ship)", f1_score(is_contra, cv == 2)))

    rng = random.Random(13)
    pairs = synthetic_pairs(rng)
    chosen = [p for label in (0, 1, 2) for p in
              rng.sample([p for p in pairs if p[2] == label], min(args.per_class, sum(p[2] == label for p in pairs)))]
    x_train = pair_features([p[0] for p in chosen], [p[1] for p in chosen])
    model = LogisticRegression(max_iter=3000, C=0.1).fit(x_train, [p[2] for p in chosen])
    prob = model.predict_proba(x_test)[:, 2]
    rows.append((f"LR trained on {len(chosen)} synthetic pairs from permissive text",
                 f1_score(is_contra, model.predict(x_test) == 2)))
    best = max((f1_score(is_contra, (prob >= th) | mismatch), th) for th in np.arange(0.2, 0.8, 0.05))
    rows.append((f"that or the negation rule, threshold {best[1]:.2f} chosen on XNLI", best[0]))
    print("| approach | XNLI-es contradiction F1 (5,010 pairs) |\n|---|---|")
    for name, f1 in rows:
        print(f"| {name} | {f1:.3f} |")


if __name__ == "__main__":
    main()

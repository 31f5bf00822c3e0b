"""Train the shipped check-worthiness model and print its dev_test F1.

    .venv/bin/python bench/train_checkworthy.py [--data ../shared/data/checkworthy_es]

Data: CLEF CheckThat! 2022 task 1A Spanish tweets (train / dev / dev_test, label 1 = check-worthy).
Model: logistic regression on the features of `verify.extract.checkworthy` (hashed word 1-2-grams and
char 3-5-grams + dense cues), L2-regularised, fitted with scipy's L-BFGS on train; the regularisation
strength and the decision threshold are picked on dev (best positive-class F1); F1 of the positive
class is reported on dev_test, which is touched once. Writes `verify/data/checkworthy_es.npz`
(float16 weights, < 2 MB) with the chosen threshold and the measured figures.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.extract.checkworthy import N_BUCKETS, N_DENSE, WEIGHTS_PATH, dense_cues, hashed_vector  # noqa: E402


def load(path: Path) -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            texts.append(row["tweet_text"])
            labels.append(int(row["class_label"]))
    return texts, np.asarray(labels, np.float64)


def features(texts: list[str]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        ids, values = hashed_vector(text)
        rows += [i] * len(ids)
        cols += ids.tolist()
        vals += values.tolist()
        for j, v in enumerate(dense_cues(text)):
            if v:
                rows.append(i)
                cols.append(N_BUCKETS + j)
                vals.append(v)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), N_BUCKETS + N_DENSE + 1)).tolil()


def with_bias(x: sparse.lil_matrix) -> sparse.csr_matrix:
    x[:, -1] = 1.0
    return x.tocsr()


def fit(x: sparse.csr_matrix, y: np.ndarray, l2: float, class_weight: float) -> np.ndarray:
    """L2 logistic regression (bias not penalised), positives weighted by `class_weight`."""
    sample_w = np.where(y > 0, class_weight, 1.0)
    sample_w /= sample_w.mean()
    n = x.shape[0]

    def loss(w):
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        ll = np.logaddexp(0, z) - y * z
        reg = 0.5 * l2 * (w[:-1] @ w[:-1])
        grad = x.T @ (sample_w * (p - y)) / n
        grad[:-1] += l2 * w[:-1]
        return (sample_w * ll).mean() + reg, grad

    w0 = np.zeros(x.shape[1])
    return optimize.minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 400}).x


def f1_at(scores: np.ndarray, y: np.ndarray, threshold: float) -> float:
    pred = scores >= threshold
    tp = float((pred & (y > 0)).sum())
    fp = float((pred & (y == 0)).sum())
    fn = float((~pred & (y > 0)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "checkworthy_es")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args()
    started = time.perf_counter()
    stem = "CT22_spanish_1A_checkworthy_{}.tsv"
    (tr_t, tr_y), (dv_t, dv_y), (te_t, te_y) = (load(args.data / stem.format(s)) for s in ("train", "dev", "dev_test"))
    x_tr, x_dv, x_te = (with_bias(features(t)) for t in (tr_t, dv_t, te_t))
    best = None
    for l2 in (3e-5, 1e-4, 3e-4, 1e-3):
        for cw in (1.0,):
            w = fit(x_tr, tr_y, l2, cw)
            dv_scores = 1 / (1 + np.exp(-(x_dv @ w)))
            for threshold in np.arange(0.05, 0.96, 0.01):
                f1 = f1_at(dv_scores, dv_y, threshold)
                if best is None or f1 > best[0]:
                    best = (f1, l2, cw, float(threshold), w)
            print(f"l2={l2:g} best dev F1 so far {best[0]:.3f}", file=sys.stderr)
    dev_f1, l2, cw, threshold, w = best
    te_scores = 1 / (1 + np.exp(-(x_te @ w)))
    test_f1 = f1_at(te_scores, te_y, threshold)
    pred = te_scores >= threshold
    tp, fp = int((pred & (te_y > 0)).sum()), int((pred & (te_y == 0)).sum())
    fn, tn = int((~pred & (te_y > 0)).sum()), int((~pred & (te_y == 0)).sum())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, hashed=w[:N_BUCKETS].astype(np.float16), dense=w[N_BUCKETS:-1].astype(np.float16),
                        bias=np.float64(w[-1]), threshold=np.float64(threshold),
                        dev_f1=np.float64(dev_f1), dev_test_f1=np.float64(test_f1), l2=np.float64(l2))
    print(f"l2={l2:g} threshold={threshold:.2f} (picked on dev)")
    print(f"dev F1 (positive class)      {dev_f1:.3f}")
    print(f"dev_test F1 (positive class) {test_f1:.3f}   tp={tp} fp={fp} fn={fn} tn={tn}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

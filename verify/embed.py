"""Sentence encoders behind one small protocol.

Everything that needs vectors takes an `Encoder`; tests use `FakeEncoder`, the application uses
`load_encoder(name)`. Vectors are float32, L2-normalised, so inner product is cosine similarity.
"""

from __future__ import annotations

import hashlib
import re
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

DEFAULT_MODEL = "multilingual-e5-small"


@runtime_checkable
class Encoder(Protocol):
    name: str  # what the user named: a sentence-transformers id, a folder, or DEFAULT_MODEL
    dim: int
    fingerprint: str  # changes when the weights change; stored with the index

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...


class FakeEncoder:
    """Deterministic bag-of-words hashing encoder for fast tests.

    Texts sharing words get similar vectors, so ranking tests mean something, but it knows nothing
    of meaning: a claim and its denial are close, as with the real models.
    """

    def __init__(self, dim: int = 64, name: str = "fake"):
        self.name = name
        self.dim = dim
        self.fingerprint = f"fake-{dim}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

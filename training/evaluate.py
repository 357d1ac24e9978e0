"""Evaluation shared by training scripts and ``scripts/``: nlpkit and natasha on the same docs."""

from __future__ import annotations

from collections.abc import Sequence

from training.metrics import span_prf
from training.ner_data import Doc


def nlpkit_ner_spans(model_path: str, docs: Sequence[Doc], device=None, precision: str = "auto",
                     stride: int = 64):
    from nlpkit.ner import NER

    ner = NER(model_path, device, stride=stride, precision=precision)
    out = []
    for i in range(0, len(docs), 16):
        for ents in ner([d.text for d in docs[i : i + 16]]):
            out.append({(e.start, e.end, e.label) for e in ents})
    return out


def natasha_ner_spans(docs: Sequence[Doc]):
    from natasha import Doc as NDoc
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    seg, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    out = []
    for d in docs:
        nd = NDoc(d.text)
        nd.segment(seg)
        nd.tag_ner(tagger)
        out.append({(s.start, s.stop, s.type) for s in nd.spans})
    return out


def ner_scores(pred, docs: Sequence[Doc]) -> dict:
    return span_prf([set(d.spans) for d in docs], pred)

"""Quotes: content, cue and source spans, and the canonical speaker of each.

With a quote model (a token classifier over the tags DIRECT, INDIRECT, CUE, SOURCE) the spans
come from the model, and the rules of :mod:`nlpkit.quote_rules` add the quotes whose
punctuation makes them certain; without one, the rules alone are used. Speakers are resolved by
:class:`nlpkit.speakers.SpeakerResolver`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import torch

from nlpkit.quote_rules import WORD, RawQuote, find_quotes, is_author_voice, is_cue
from nlpkit.source_mends import mend_source
from nlpkit.speakers import SpeakerResolver
from nlpkit.text import Words, bio_to_spans, split_words
from nlpkit.types import Entity, Quote, Span

__all__ = ["Quotes", "QUOTE_TAGS"]

QUOTE_TAGS = ("DIRECT", "INDIRECT", "CUE", "SOURCE")


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


class Quotes:
    """``Quotes(path)(texts, entities)`` → one list of :class:`Quote` per text (no stance)."""

    task = "quotes"

    def __init__(self, path: str | Path | None = None, device: str | torch.device | None = None,
                 max_length: int = 256, stride: int = 64, batch_tokens: int | None = None,
                 use_rules: bool = True, precision: str = "auto", min_score: float = 0.85,
                 skip_windows: bool = True, engine: str = "auto"):
        self.tagger = None
        if path is not None:
            from nlpkit.tagger import WordTagger

            self.tagger = WordTagger(path, device, max_length, stride, batch_tokens,
                                     expected_labels=QUOTE_TAGS, task="quotes",
                                     precision=precision, engine=engine)
        self.use_rules = use_rules or self.tagger is None
        self.min_score = min_score
        self.model_sources = False  # measured: the rules name the source better (see card)
        self.skip_windows = skip_windows

    def raw(self, texts: Sequence[str], entities: Sequence[Sequence[Entity]],
            words: Sequence[Words] | None = None) -> list[list[RawQuote]]:
        """Quote spans before speaker resolution; ``words``: the texts' word splits, when the
        caller has them (:func:`nlpkit.text.split_words`)."""
        # (start, end, label) in text order, which the rules look entities up by (bisect)
        ent_tuples = [sorted((e.start, e.end, e.label) for e in ents) for ents in entities]
        rule_quotes = [find_quotes(t, ents) if self.use_rules else []
                       for t, ents in zip(texts, ent_tuples)]
        if self.tagger is None:
            for text, found, ents in zip(texts, rule_quotes, ent_tuples):
                for q in found:
                    q.source = mend_source(text, q.source, q.cue, ents)
            return rule_quotes
        split = list(words) if words is not None else [split_words(t) for t in texts]
        spans = [w.spans for w in split]
        docs_words = [w.texts for w in split]
        # a model quote needs a cue, so windows without a reporting word or phrase are skipped
        needed = [[_signal(w) for w in ws] for ws in docs_words] if self.skip_windows else None
        preds = self.tagger.predict(docs_words, needed)
        out = []
        for text, ws, (tags, scores), rules, ents in zip(texts, spans, preds, rule_quotes,
                                                        ent_tuples):
            found = _merge_fragments(text, bio_to_spans(ws, tags, scores))
            cues = [(s, e) for s, e, lab, _ in found if lab == "CUE"]
            sources = [(s, e) for s, e, lab, _ in found if lab == "SOURCE"]
            model_q = []
            for s, e, lab, sc in found:
                if lab not in ("DIRECT", "INDIRECT"):
                    continue
                s, e = _strip_marks(text, s, e)
                if e <= s:
                    continue
                cue = _nearest(cues, s, e)
                src = _nearest(sources, s, e)
                model_q.append(RawQuote(s, e, lab.lower(), cue, src, sc))
            # the rules are precise where punctuation decides; the model adds the quotes they
            # miss (a model span that overlaps no rule quote and names its cue)
            merged = list(rules)
            if self.model_sources:
                for r in merged:  # the tagger's SOURCE span, when it has one near the quote
                    src = _nearest(sources, r.start, r.end, limit=120)
                    if src is not None:
                        r.source = src
            for m in model_q:
                if m.cue is None or m.end - m.start < 15 or m.score < self.min_score:
                    continue
                gap = text[min(m.end, m.cue[1]) : max(m.start, m.cue[0])]
                if "\n" in gap:  # a cue in another paragraph does not introduce this text
                    continue
                if m.kind == "indirect" and not _speech_cue(text, m.cue):
                    continue  # «призвано», «гарантирует», «Стоит напомнить»: not a speech act
                if all(_iou((m.start, m.end), (r.start, r.end)) == 0 for r in merged):
                    merged.append(m)
            for q in merged:  # «— заявил «НГС24» руководитель агентства …»: not the outlet
                q.source = mend_source(text, q.source, q.cue, ents)
            out.append(sorted(merged, key=lambda q: q.start))
        return out

    def __call__(self, texts: Sequence[str],
                 entities: Sequence[Sequence[Entity]] | None = None,
                 words: Sequence[Words] | None = None) -> list[list[Quote]]:
        entities = entities if entities is not None else [[] for _ in texts]
        result = []
        for text, ents, raws in zip(texts, entities, self.raw(texts, entities, words)):
            resolver = SpeakerResolver(text, ents)
            quotes = []
            for q in raws:
                att = resolver.resolve(q.source, q.start, q.cue, q.kind)
                quotes.append(Quote(
                    q.start, q.end, text[q.start : q.end], q.kind,
                    Span(q.cue[0], q.cue[1], text[q.cue[0] : q.cue[1]]) if q.cue else None,
                    Span(q.source[0], q.source[1], text[q.source[0] : q.source[1]])
                    if q.source else None,
                    att.speaker, att.entity, None, float(q.score)))
            result.append(quotes)
        return result


MARKS = "«»„“”\"'—–- "
SIGNAL_WORDS = frozenset({"словам", "мнению", "данным", "слов"})


def _speech_cue(text: str, cue: tuple[int, int]) -> bool:
    """A cue the rules also accept, not in the author's voice («Стоит также напомнить»)."""
    if is_author_voice(text, cue[0]):
        return False
    return any(_signal(w) for w in WORD.findall(text, cue[0], cue[1]))


@lru_cache(maxsize=200_000)
def _signal(word: str) -> bool:
    """A word that can introduce a quote: a reporting verb or «по словам / мнению / данным»."""
    return word.lower() in SIGNAL_WORDS or (word[:1].isalpha() and is_cue(word))


def _merge_fragments(text: str, spans, gap: int = 12):
    """Join pieces of one quote that the tagger split (same label, a short gap inside one
    sentence)."""
    out: list[list] = []
    for s, e, lab, sc in spans:
        if out and out[-1][2] == lab and lab in ("DIRECT", "INDIRECT") and \
                s - out[-1][1] <= gap and not any(c in text[out[-1][1]:s] for c in ".!?\n"):
            out[-1][1] = e
            out[-1][3] = min(out[-1][3], sc)
        else:
            out.append([s, e, lab, sc])
    return [tuple(x) for x in out]


def _strip_marks(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in MARKS:
        s += 1
    while e > s and text[e - 1] in MARKS + ",:;.":
        e -= 1
    return s, e


def _nearest(spans: list[tuple[int, int]], s: int, e: int, limit: int = 200):
    """The span nearest to [s, e) within ``limit`` characters; ``spans`` in text order, apart
    (so their ends rise too: only those from the first that ends after s - limit are looked at)."""
    best, dist = None, limit + 1
    for cs, ce in spans[bisect.bisect_left(spans, s - limit, key=lambda x: x[1]):]:
        if cs > e + limit:
            break
        d = s - ce if ce <= s else cs - e if cs >= e else limit + 1
        if 0 <= d < dist:
            best, dist = (cs, ce), d
    return best

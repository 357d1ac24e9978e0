"""Words, sentences and BIO tags, all with character offsets into the original text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["WORD_RE", "Words", "fold", "split_words", "words", "word_texts", "sentences", "spans_to_bio",
           "bio_to_spans"]

# A word: letters/digits with inner hyphens or apostrophes («Санкт-Петербург», «O'Neil»),
# or any other single non-space character (punctuation, quotes, emoji).
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


class Words(NamedTuple):
    """A text's words: character offsets and the strings at them (``text[s:e]``)."""

    spans: list[tuple[int, int]]
    texts: list[str]


def fold(word: str) -> str:
    """``word`` lower-cased with «ё» read as «е», as the rules compare words and names."""
    return word.lower().replace("ё", "е")


def split_words(text: str) -> Words:
    """The words of ``text``, offsets and strings; a pipeline splits each document once and
    hands the split to every task that reads words (NER, the quote tagger)."""
    spans = words(text)
    return Words(spans, [text[s:e] for s, e in spans])


def words(text: str) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of every word of ``text``."""
    return [m.span() for m in WORD_RE.finditer(text)]


def word_texts(text: str) -> list[str]:
    """The words of ``text`` as strings (``text[s:e]`` for each of :func:`words`)."""
    return split_words(text).texts


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets from razdel, with offsets into ``text`` itself."""
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def spans_to_bio(word_spans: Sequence[tuple[int, int]],
                 spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """Word-level BIO tags for labelled character spans.

    A word belongs to a span when they overlap; the first such word gets ``B-``. Spans are
    taken in order of start; a word already tagged keeps its first tag (no nesting).
    """
    tags = ["O"] * len(word_spans)
    starts = [s for s, _ in word_spans]
    import bisect

    for start, end, label in sorted(spans):
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        first = True
        while i < len(word_spans) and word_spans[i][0] < end:
            ws, we = word_spans[i]
            if we > start and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + label
                first = False
            elif we > start:
                first = False
            i += 1
    return tags


def bio_to_spans(word_spans: Sequence[tuple[int, int]], tags: Sequence[str],
                 scores: Sequence[float] | None = None) -> list[tuple[int, int, str, float]]:
    """Character spans ``(start, end, label, score)`` from word-level BIO tags.

    An ``I-X`` that does not continue an ``X`` opens a new span (lenient decoding); the score of a
    span is the mean of its words' scores.
    """
    out: list[tuple[int, int, str, float]] = []
    cur: list[int] | None = None  # [start_word, end_word]
    label = ""

    def close() -> None:
        if cur is not None:
            s, e = cur
            sc = 1.0 if scores is None else sum(scores[s : e + 1]) / (e - s + 1)
            out.append((word_spans[s][0], word_spans[e][1], label, float(sc)))

    for i, tag in enumerate(tags):
        if tag == "O" or not tag:
            close()
            cur = None
            continue
        prefix, _, lab = tag.partition("-")
        if prefix == "I" and cur is not None and lab == label and cur[1] == i - 1:
            cur[1] = i
            continue
        close()
        cur, label = [i, i], lab
    close()
    return out

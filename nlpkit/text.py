"""Words, sentences and BIO tags, all with character offsets into the original text."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence

__all__ = ["WORD_RE", "words", "word_texts", "sentences", "spans_to_bio", "bio_to_spans"]

# A word: letters/digits with inner hyphens or apostrophes («Санкт-Петербург», «O'Neil»),
# or any other single non-space character (punctuation, quotes, emoji).
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


def words(text: str) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of every word of ``text``."""
    return list(_split(text)[0])


def word_texts(text: str) -> list[str]:
    """The words of ``text`` as strings (``text[s:e]`` for each of :func:`words`)."""
    return list(_split(text)[1])


SPLIT_CHARS = 4_000_000  # characters of documents whose split _split keeps (~25 bytes each)
_splits: OrderedDict[str, tuple[tuple[tuple[int, int], ...], tuple[str, ...]]] = OrderedDict()
_splits_lock = threading.Lock()
_split_chars = 0  # their length in all


def _split(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """Offsets and strings of a text's words, kept for the next task that reads the same
    document (NER and the quote tagger both split every document of a batch): the latest
    documents, up to ``SPLIT_CHARS`` characters in all, so long texts cannot fill memory."""
    global _split_chars
    with _splits_lock:
        kept = _splits.get(text)
        if kept is not None:
            _splits.move_to_end(text)
            return kept
    spans = tuple(m.span() for m in WORD_RE.finditer(text))
    kept = spans, tuple(text[s:e] for s, e in spans)
    if len(text) <= SPLIT_CHARS:
        with _splits_lock:
            if text not in _splits:
                _splits[text] = kept
                _split_chars += len(text)
            while _split_chars > SPLIT_CHARS:
                old, _ = _splits.popitem(last=False)
                _split_chars -= len(old)
    return kept


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

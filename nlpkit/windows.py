"""Split word sequences into encoder windows and join window outputs back.

A document of any length becomes windows of at most ``max_length`` sub-tokens (special tokens
included) that overlap by ``stride`` sub-tokens and never cut a word. Each word's prediction is
taken from the window where it sits farthest from an edge, so nothing is truncated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlpkit.tokens import PIECES_LIMIT

__all__ = ["Window", "WordPieces", "encode_words", "encode_many", "make_windows"]


@dataclass(frozen=True)
class Window:
    doc: int
    input_ids: list[int]
    word_index: list[int]  # per position: the word whose first sub-token it is, else -1
    first: int  # first word covered
    last: int  # last word covered (inclusive)


def encode_words(tokenizer, words: Sequence[str]) -> tuple[list[int], list[int]]:
    """Sub-token ids of ``words`` (no special tokens) and the word index of each sub-token."""
    return encode_many(tokenizer, [words])[0]


def encode_many(tokenizer, docs_words: Sequence[Sequence[str]]
                ) -> list[tuple[list[int], list[int]]]:
    """:func:`encode_words` for many documents in one tokenizer call (a fast tokenizer
    splits the batch across threads)."""
    todo = [i for i, words in enumerate(docs_words) if words]
    out: list[tuple[list[int], list[int]]] = [([], []) for _ in docs_words]
    if not todo:
        return out
    enc = tokenizer([list(docs_words[i]) for i in todo], is_split_into_words=True,
                    add_special_tokens=False)
    for row, i in enumerate(todo):
        out[i] = _fill_gaps(tokenizer, len(docs_words[i]), enc["input_ids"][row],
                            enc.word_ids(row))
    return out


class WordPieces:
    """:func:`encode_many` with each distinct word tokenised once across documents.

    With pre-split words a tokenizer reads every word alone, so a word's sub-tokens do not depend
    on its neighbours; news repeats its words, and a dictionary lookup costs far less than the
    tokenizer call. The first batch is checked against :func:`encode_many`; a tokenizer whose
    pieces do depend on the neighbours (or differ alone) is always called whole.
    """

    def __init__(self, tokenizer, limit: int = PIECES_LIMIT):
        self.tokenizer, self.limit = tokenizer, limit
        self.pieces: dict[str, list[int]] = {}
        self.checked = False
        self.usable = True

    def __call__(self, docs_words: Sequence[Sequence[str]]) -> list[tuple[list[int], list[int]]]:
        if not self.usable:
            return encode_many(self.tokenizer, docs_words)
        new = list(dict.fromkeys(w for ws in docs_words for w in ws if w not in self.pieces))
        if len(self.pieces) + len(new) > self.limit:
            self.pieces.clear()
            new = list(dict.fromkeys(w for ws in docs_words for w in ws))
        if new:
            # the new words as one pre-split sequence: one call, each word read alone
            enc = self.tokenizer([new], is_split_into_words=True, add_special_tokens=False)
            split: list[list[int]] = [[] for _ in new]
            for tid, wid in zip(enc["input_ids"][0], enc.word_ids(0)):
                if wid is not None:
                    split[wid].append(tid)
            unk = self.tokenizer.unk_token_id
            self.pieces.update((w, ids or [unk]) for w, ids in zip(new, split))
        out = []
        for ws in docs_words:
            ids: list[int] = []
            word_ids: list[int] = []
            for i, w in enumerate(ws):
                p = self.pieces[w]
                ids += p
                word_ids += [i] * len(p)
            out.append((ids, word_ids))
        if not self.checked and any(docs_words):
            self.checked = True
            self.usable = out == encode_many(self.tokenizer, docs_words)
            if not self.usable:
                self.pieces.clear()
                return encode_many(self.tokenizer, docs_words)
        return out


def _fill_gaps(tokenizer, n_words: int, ids: list[int], word_ids: list[int | None]
               ) -> tuple[list[int], list[int]]:
    out_ids, out_words = [], []
    for tid, wid in zip(ids, word_ids):
        if wid is None:
            continue
        out_ids.append(tid)
        out_words.append(wid)
    # a word that produced no sub-token (e.g. a character dropped by the normaliser) gets <unk>
    seen = set(out_words)
    if len(seen) != n_words:
        fixed_ids, fixed_words, j = [], [], 0
        for w in range(n_words):
            if w not in seen:
                fixed_ids.append(tokenizer.unk_token_id)
                fixed_words.append(w)
            while j < len(out_words) and out_words[j] == w:
                fixed_ids.append(out_ids[j])
                fixed_words.append(w)
                j += 1
        out_ids, out_words = fixed_ids, fixed_words
    return out_ids, out_words


def make_windows(doc: int, ids: list[int], word_ids: list[int], cls_id: int, sep_id: int,
                 max_length: int = 256, stride: int = 64) -> list[Window]:
    """Windows over one document's sub-tokens; each starts and ends on a word boundary."""
    body = max_length - 2
    if body < 8:
        raise ValueError(f"max_length={max_length} is too small for windows")
    stride = min(stride, body // 2)
    n = len(ids)
    if n == 0:
        return []
    windows = []
    a = 0
    while True:
        b = min(a + body, n)
        if b < n:  # cut at the start of a word so no word is split
            cut = b
            while cut > a and word_ids[cut] == word_ids[cut - 1]:
                cut -= 1
            b = cut if cut > a else b
        index = [-1] * (b - a + 2)
        for k in range(a, b):
            if k == 0 or word_ids[k] != word_ids[k - 1]:
                index[k - a + 1] = word_ids[k]
        windows.append(Window(doc, [cls_id, *ids[a:b], sep_id], index, word_ids[a], word_ids[b - 1]))
        if b >= n:
            break
        nxt = max(b - stride, a + 1)
        while nxt > a + 1 and word_ids[nxt] == word_ids[nxt - 1]:
            nxt -= 1
        while nxt < b and word_ids[nxt] == word_ids[nxt - 1]:
            nxt += 1
        a = nxt
    return windows

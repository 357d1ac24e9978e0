"""What the quote rules share (:mod:`nlpkit.quote_rules` for direct speech,
:mod:`nlpkit.indirect_rules` for reported speech): the raw quote record, sentence bounds that
know Russian abbreviations, span trimming and overlap, and the source named around a cue."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from nlpkit.cues import WORD
from nlpkit.cues import pos as _pos
from nlpkit.sources import source_in as _source_in

__all__ = ["ABBREVIATIONS", "CLOSE_FOR", "DASHES", "OPEN_Q", "RawQuote", "after_break",
           "antecedent", "overlaps", "sentence_end", "sentence_start", "sentences",
           "source_after", "trim"]

@dataclass
class RawQuote:
    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    score: float = 0.9


OPEN_Q = "«„“\""


CLOSE_FOR = {"«": "»", "„": "“", "“": "”", '"': '"'}


DASHES = "—–-"


SENT_END = re.compile(r"[.!?…](?=\s|$)|\n")


ABBREVIATIONS = frozenset("гг ст см им др пр тыс млн млрд руб долл ул чел коп проц".split())


LETTERS_BEFORE = re.compile(r"([^\W\d_]+)$")


def sentence_end(text: str, i: int) -> int:
    """The end of the sentence at ``i``; the dot of «2006г.», «ч. 4», «и.о.», «Н. Кан» is not."""
    for m in SENT_END.finditer(text, i):
        k = m.start()
        if text[k] == "\n":
            return k
        if text[k] == ".":
            before = LETTERS_BEFORE.search(text, max(0, k - 8), k)
            word = before.group(1) if before else ""
            nxt = text[m.end() : m.end() + 4].lstrip()[:1]
            if word and (len(word) == 1 or word.lower() in ABBREVIATIONS) and \
                    (not nxt or not nxt.isupper() or len(word) == 1 and word.isupper()):
                continue
            if nxt and (nxt.islower() or nxt.isdigit() and 0 < len(word) <= 3):
                continue  # «ч. 4», «ст. 5»; «… в этом году. 20 мая …» ends a sentence
        return k + 1
    return len(text)


def sentence_start(text: str, i: int) -> int:
    j = max(text.rfind(". ", 0, i), text.rfind("\n", 0, i), text.rfind("! ", 0, i),
            text.rfind("? ", 0, i))
    return 0 if j < 0 else j + (1 if text[j] == "\n" else 2)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in DASHES):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",:;—–"):
        e -= 1
    return s, e


def overlaps(taken, s: int, e: int) -> bool:
    """Whether [s, e) overlaps a span of ``taken`` (sorted by start, non-overlapping)."""
    k = bisect.bisect_left(taken, (e, e))
    return any(ts < e and s < te for ts, te in taken[max(0, k - 3) : k])


def after_break(text: str, s: int, e: int) -> int:
    """Where the last paragraph inside ``text[s:e]`` starts (``s`` when there is none)."""
    k = text.rfind("\n", s, e)
    return s if k < 0 else k + 1


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (razdel), with offsets into ``text``."""
    from nlpkit.text import sentences as split

    return split(text)


# a personal pronoun right after the cue is its subject; a name after it is whom it was told
PRONOUN_SUBJECT = re.compile(r"\s+(он|она|они)(?![\w-])")


def source_after(text: str, cue: tuple[int, int], start: int, end: int, ents):
    """The source named after the cue (up to ``end``), else before it (from ``start``); for a
    gerund cue, before it first: «— написал врач Леонид Рошаль, комментируя увольнение»."""
    relative = antecedent(text, start, cue, ents)
    if relative is not None:
        return relative
    first = WORD.match(text, cue[0])
    subject = PRONOUN_SUBJECT.match(text, cue[1])
    if subject is not None and subject.end() <= end:
        return subject.span(1)  # «— сказал он «Кактус Медиа»»: he told the outlet
    if first and _pos(first.group().lower())[0] == "GRND":
        return _source_in(text, start, cue[0], ents, prefer_last=True, cue=cue) or \
            _source_in(text, cue[1], end, ents, cue=cue)
    return _source_in(text, cue[1], end, ents, cue=cue) or \
        _source_in(text, start, cue[0], ents, cue=cue)


def antecedent(text: str, start: int, cue: tuple[int, int], ents):
    """The speaker a relative pronoun before the cue stands for: «слова министра Сергея
    Шматко, который уточнил» (the name), «передаёт слова журналистки, которая жалуется» (the
    noun right before the comma, not the outlet that relays); None without one."""
    relative = re.search(r",\s*котор(?:ый|ая|ые)\s+$", text[start : cue[0]])
    if relative is None:
        return None
    comma = start + relative.start()
    words = list(WORD.finditer(text, max(start, comma - 40), comma))
    last = words[-1] if words else None
    if last is not None and last.end() == comma and not any(
            e[0] <= last.start() < e[1] for e in ents) and _pos(last.group().lower())[0] == "NOUN":
        return last.span()
    return _source_in(text, start, comma, ents, prefer_last=True, cue=cue)

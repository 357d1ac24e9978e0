"""Mends of a quote's source span after the tagger and the rules found it: past an outlet the
speaker told or that only relayed, past the place it was said in, and the body a place
stands for."""

from __future__ import annotations

import bisect
import re

from nlpkit.cues import WORD
from nlpkit.ner_extras import body_of_place, is_place
from nlpkit.normal import normalize_name
from nlpkit.normal import parse as _parse
from nlpkit.sources import is_media, source_in

__all__ = ["mend_source"]

ADDRESSEE_GAP = re.compile(r"[\s«\"„]*")
WEB_ADDRESS = re.compile(r"[\w-]+\.(?:[a-zA-Z]{2,6}|рф|РФ)")  # «E1.RU», «24.kg»: an outlet
CLAUSE = re.compile(r"[^,.;:!?\n]*")


def past_addressee(text: str, src: tuple[int, int] | None, cue: tuple[int, int] | None,
                   entities) -> tuple[int, int] | None:
    """«— заявил «НГС24» руководитель агентства Евгений Колесников», «Как рассказала «НГС24»
    жена пострадавшего»: an outlet right after the cue, in quotation marks or known as one,
    is whom the speaker told when a person noun in the nominative follows it; the source is
    that person. ``entities``: (start, end, label) triples in text order."""
    if src is None or cue is None or src[0] < cue[1] or \
            not ADDRESSEE_GAP.fullmatch(text, cue[1], src[0]):
        return src
    quoted = text[src[0] - 1 : src[0]] in "«\"„" and src[0] > 0
    if not quoted and not is_media(text, src[0], src[1]) and \
            not WEB_ADDRESS.fullmatch(text, src[0], src[1]):
        return src
    after = src[1] + (1 if text[src[1] : src[1] + 1] in "»\"“" else 0)
    first = WORD.match(text, after + 1) if text[after : after + 1] == " " else None
    if first is None:
        return src
    if first.group().lower() in ("в", "во"):  # «Как пояснили E1.RU в пресс-службе ведомства»
        clause = CLAUSE.match(text, first.start())
        end = clause.end() if clause is not None else first.end()
        return source_in(text, first.start(), end, entities, cue=cue) or src
    word = first
    for _ in range(2):  # «27-летний Фарход», «местный житель»: past the adjectives
        p = _parse(word.group().lower())[0]
        nxt = WORD.match(text, word.end() + 1)
        if str(p.tag.POS) != "ADJF" or p.tag.case != "nomn" or nxt is None:
            break
        word = nxt
    p = _parse(word.group().lower())[0]
    if not (str(p.tag.POS) == "NOUN" and "anim" in p.tag and p.tag.case == "nomn" or
            word is not first and word.group()[:1].isupper()):
        return src
    clause = CLAUSE.match(text, first.start())
    end = clause.end() if clause is not None else first.end()
    if not any(first.start() <= e[0] < end and e[2] == "PER" for e in entities):
        return word.span()  # «жена пострадавшего», «27-летний Фарход из Вахдата»
    return source_in(text, first.start(), end, entities, cue=cue) or src


SENTENCE_START = re.compile(r"[.!?\n][^.!?\n]*$")


def past_outlet(text: str, src: tuple[int, int] | None, cue: tuple[int, int] | None,
                entities) -> tuple[int, int] | None:
    """«Юристы, опрошенные «Кактус Медиа», считают»: an outlet before the cue is the source only
    when its clause names no one else (guidelines §2); otherwise who that is."""
    if src is None or cue is None or src[1] > cue[0] or not is_media(text, src[0], src[1]):
        return src
    m = SENTENCE_START.search(text, 0, src[0])
    start = m.start() + 1 if m is not None else 0
    found = source_in(text, start, cue[0], entities, cue=cue)
    if found is not None and not is_media(text, found[0], found[1]):
        return found
    first = WORD.search(text, start, src[0])  # «Юристы, опрошенные …»: people it does not name
    p = _parse(first.group().lower())[0] if first is not None else None
    if first is not None and p is not None and str(p.tag.POS) == "NOUN" and "anim" in p.tag \
            and p.tag.number == "plur" and p.tag.case == "nomn":
        return first.span()
    return src


PLACE_OF_SPEECH = re.compile(r"(?:^|\s)[Вв]о?\s+$")


def past_place(text: str, src: tuple[int, int] | None, cue: tuple[int, int] | None,
               entities) -> tuple[int, int] | None:
    """«— сказал Шрестха журналистам в Катманду»: a place after «в» past the cue is where it
    was said; the source is the name between the cue and it."""
    if src is None or cue is None or src[0] < cue[1] or \
            not is_place(src, entities) or \
            not PLACE_OF_SPEECH.search(text, max(0, src[0] - 4), src[0]):
        return src
    return source_in(text, cue[1], src[0], entities, cue=cue) or src


SPACE = re.compile(r"[^\S\n]+")


def person_before_cue(text: str, src: tuple[int, int] | None, cue: tuple[int, int] | None,
                      entities) -> tuple[int, int] | None:
    """«На вопрос о критике Стрельцов ответил: …», «— пообещала Ковачич, отвечая на вопрос
    журналистов»: a source that is no name gives way to a person named in the nominative
    right beside the cue, between the cue and it (the cue's subject); before the cue, not
    when a noun that can be the subject stands before the name («Адвокат Маркива заявил»)."""
    if src is None or cue is None:
        return src
    # entities in text order (as source_in reads them): those that start before the source ends
    # may overlap it; only those that start between the source and the cue can stand beside it
    if any(src[0] < e for _, e, _ in entities[: bisect.bisect_left(entities, (src[1],))]):
        return src
    lo, hi = min(src[1], cue[1]), max(src[0], cue[0])
    for s, e, label in entities[bisect.bisect_left(entities, (lo,)) :
                                bisect.bisect_left(entities, (hi,))]:
        before = src[1] <= cue[0] and src[1] <= s and SPACE.fullmatch(text, e, cue[0]) is not None
        after = src[0] >= cue[1] and e <= src[0] and SPACE.fullmatch(text, cue[1], s) is not None
        if label == "PER" and (before or after) and \
                normalize_name(text[s:e], "PER") == text[s:e] and \
                not (before and _head_before(text, s)):
            return s, e  # «Стрельцов ответил», «— пообещала Ковачич, отвечая на вопрос»
    return src


WORD_BEFORE = re.compile(r"(?<![\w-])([а-яё]+)[^\S\n]+$")


def _head_before(text: str, start: int) -> bool:
    """A noun that can be a subject right before the name: the name is its genitive
    («Адвокат Маркива заявил», «противники Сибелиус указывали»)."""
    m = WORD_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and any(str(p.tag.POS) in ("NOUN", "ADJF") and p.tag.case == "nomn"
                                 for p in _parse(m.group(1)))


def mend_source(text: str, src: tuple[int, int] | None, cue: tuple[int, int] | None,
                entities) -> tuple[int, int] | None:
    """A quote's source past an outlet the speaker told or that only relayed
    (:func:`past_addressee`, :func:`past_outlet`), past the place it was said in
    (:func:`past_place`), the person beside the cue rather than a word that names no one
    (:func:`person_before_cue`), with the body a place stands for."""
    src = past_outlet(text, past_addressee(text, src, cue, entities), cue, entities)
    src = person_before_cue(text, past_place(text, src, cue, entities), cue, entities)
    return body_of_place(text, src, entities)

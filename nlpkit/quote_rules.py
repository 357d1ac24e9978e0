"""Rule-based quote finding: direct speech in quotation marks, after a dash or a colon, and
split quotes here; indirect speech («заявил, что …», «по словам X, …», «Об этом сообщил X») in
:mod:`nlpkit.indirect_rules`; each quote with its cue and the span that names its source. Exact
where punctuation decides; the learned tagger in :mod:`nlpkit.quotes` corrects and extends it.
"""

from __future__ import annotations

import re

from nlpkit.cues import CUE_LEMMAS, WORD, cue_in, cue_lemma, is_author_voice, is_cue
from nlpkit.indirect_rules import indirect as _indirect
from nlpkit.quote_text import CLOSE_FOR, OPEN_Q, RawQuote
from nlpkit.quote_text import overlaps as _inside
from nlpkit.quote_text import sentence_end as _sentence_end
from nlpkit.quote_text import sentence_start as _sentence_start
from nlpkit.quote_text import source_after as _source_after
from nlpkit.quote_text import trim as _trim
from nlpkit.sources import is_media, is_person_title
from nlpkit.sources import source_in as _source_in

__all__ = ["RawQuote", "find_quotes", "cue_lemma", "is_cue", "is_author_voice", "CUE_LEMMAS",
           "is_media", "is_person_title", "WORD"]


def _quoted_spans(text: str):
    """(open, close) index pairs of quotation marks, with nesting for «»."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPEN_Q:
            close = CLOSE_FOR[ch]
            depth, j = 1, i + 1
            while j < n:
                if ch == "«" and text[j] == "«":
                    depth += 1
                elif ch == '"' and text[j] == '"' and _opens(text, j):
                    depth += 1  # «выделило "Роснано"» inside a "…" quotation
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                elif text[j] == "\n" and text[j + 1 : j + 2] == "\n":
                    j = n
                    break
                j += 1
            if j < n:
                yield i, j
                i = j + 1
                continue
        i += 1


def _opens(text: str, j: int) -> bool:
    """A straight quote that opens: after a space or bracket, before a letter or digit."""
    before = text[j - 1] if j else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return (before.isspace() or before in "([") and after.isalnum()


TITLED = re.compile(r"(?<![\w-])(?:закон|законопроект|указ|постановлени|программ|книг|фильм|"
                    r"песн|альбом|спектакл|роман|операци|лозунг)[а-яё]{0,3}\s+$")


def find_quotes(text: str, entities=()) -> list[RawQuote]:
    """Quotes found by rules. ``entities``: ``(start, end, label)`` tuples from NER."""
    ents = sorted((e[0], e[1], e[2]) for e in entities)
    quotes: list[RawQuote] = []
    taken: list[tuple[int, int]] = []
    for qs, qe in _quoted_spans(text):
        inner_s, inner_e = qs + 1, qe
        content = text[inner_s:inner_e]
        n_words = len(WORD.findall(content))
        if n_words < 2:
            continue  # single quoted words: names, scare quotes
        if n_words < 6 and TITLED.search(text, max(0, qs - 40), qs):
            continue  # the title of a law, a book, a film: «в закон «О милиции»»
        after = text[qe + 1 : qe + 120]
        before_s = _sentence_start(text, qs)
        m_after = re.match(r"\s*[,.!?…]?\s*[—–-]\s*", after)
        if m_after is None:  # «…», сказал Хоровитц: a comma and the verb, without the dash
            m_after = re.match(r",\s*(?=(\w+))", after)
            opens = _last_char(text, qs) in ("", "\n", ".", "!", "?", "…")
            if m_after and not (opens and content[:1].isupper() and is_cue(m_after.group(1))):
                m_after = None
        cue = source = None
        split = split_cue = None
        for sm in SPLIT.finditer(content):  # the dash pair whose middle names a cue
            split_cue = cue_in(text, inner_s + sm.start(2), inner_s + sm.end(2))
            if split_cue:
                split = sm
                break
        if split and split_cue:
            a_s, a_e = inner_s + split.start(2), inner_s + split.end(2)
            cue = split_cue
            source = _source_after(text, cue, a_s, a_e, ents)
            for s, e in ((inner_s, inner_s + split.start(1)), (inner_s + split.end(1), inner_e)):
                s, e = _trim(text, s, e)
                quotes.append(RawQuote(s, e, "direct", cue, source, 0.95))
            taken.append((qs, qe))
            continue
        if m_after:
            a_s = qe + 1 + m_after.end()
            a_e = min(_sentence_end(text, a_s), a_s + 150)
            cue = cue_in(text, a_s, a_e)
            if cue:
                source = _source_after(text, cue, a_s, a_e, ents)
        colon_cue = False
        if cue is None:
            lead = text[before_s:qs]
            if re.search(r"[:,]\s*$", lead) or re.search(r"[—–]\s*$", lead):
                cue = cue_in(text, before_s, qs)
                colon_cue = cue is not None and lead.rstrip().endswith(":")
                if cue:
                    source = _source_in(text, before_s, cue[0], ents, prefer_last=True, cue=cue) or \
                        _source_in(text, cue[1], qs, ents, cue=cue)
        partial = False
        if cue is None and content[:1].islower() and n_words >= 3:
            cue = _partial_cue(text, before_s, qs)
            if cue:
                partial = True
                source = _source_in(text, before_s, cue[0], ents, prefer_last=True, cue=cue)
        if cue is None:
            nxt = re.match(r"\s*[.!?…]?\s*", text[qe + 1 : qe + 5])
            n_s = qe + 1 + (nxt.end() if nxt else 0)
            if NEXT_ATTRIBUTION.match(text, n_s):
                n_e = _sentence_end(text, n_s)
                cue = cue_in(text, n_s, n_e)
                if cue:
                    source = _source_after(text, cue, n_s, n_e, ents)
        if cue is None and not _speech_alone(text, qs, qe, content):
            continue
        if cue is None and _last_char(text, qs, None) == ":":  # «Сам Белов оказался …: «…»»
            source = _source_in(text, before_s, qs, ents)
        if n_words < 4 and not (m_after and cue) and not partial and not colon_cue:
            continue  # short names and titles in quotes are not speech
        s, e = _trim(text, inner_s, inner_e)
        quotes.append(RawQuote(s, e, "direct", cue, source, 0.9 if cue else 0.6))
        taken.append((qs, qe))
    quotes += _after_colon(text, ents, taken)
    taken = sorted(taken + [(q.start, q.end) for q in quotes])
    quotes += _indirect(text, ents, taken)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _partial_cue(text: str, before_s: int, qs: int) -> tuple[int, int] | None:
    """The reporting verb right before a quotation inside its sentence: «пообещал «сделать
    системные выводы»», «сказав «мы принялись …»» (not «назвал его «учебным центром»»: the
    gold is split on a quoted phrase a verb's object stands between)."""
    words = list(WORD.finditer(text, max(before_s, qs - 40), qs))
    if words and not text[words[-1].end() : qs].strip() and is_cue(words[-1].group()):
        return words[-1].span()
    return None


# the middle may name an outlet or a party in quotation marks («— сказал он «Кактус Медиа». —»)
SPLIT = re.compile(r"(?=(,?\s+[—–-]\s+((?:[^—–«»]|«[^—–«»]{1,40}»){2,80}?)[.,]\s+[—–-]\s+))")
NEXT_ATTRIBUTION = re.compile(r"(?:Такое|Такую|Такие|Такой|Эт[оиу]|Об\s+этом|Так)\s+")
COLON = re.compile(r"(?<!\d):(?!\d)[ \t]*(?:\r?\n[ \t]*){0,2}(?=[^\s«„“\"—–-])")  # not «13:00»


def _last_char(text: str, i: int, skip: str | None = " \t") -> str:
    """The last character of ``text[:i]`` not in ``skip`` (``None``: not whitespace), "" when
    there is none; without copying the text before ``i`` for every quotation."""
    while i > 0 and (text[i - 1].isspace() if skip is None else text[i - 1] in skip):
        i -= 1
    return text[i - 1] if i else ""


def _speech_alone(text: str, qs: int, qe: int, content: str) -> bool:
    """A quotation with no cue is speech when a colon opens it («… оказался дипломатичным:
    «Для нас …»»), when it is a whole sentence after another («… сказал Джоэл Саймон. «Китай
    пытается …».») or a paragraph of its own that ends a sentence."""
    if text[max(0, qs - 3) : qs].rstrip().endswith(":"):
        return True
    ends = content.rstrip()[-1:] in ".!?…" or text[qe + 1 : qe + 2] in (".", "!", "?", "…")
    if _last_char(text, qs) in (".", "!", "?", "…") and text[qs - 1 : qs].isspace() and \
            content[:1].isupper() and ends:
        return True
    if text[max(0, qs - 2) : qs].strip() != "":
        return False
    if content.rstrip()[-1:] in ".!?…":
        return True
    paragraph = _last_char(text, qs) == "\n" or _last_char(text, qs, None) == ""
    return paragraph and text[qe + 1 : qe + 2] in (".", "!", "?", "…")  # «"Наши строители …".»


FIRST_PERSON = re.compile(r"(?<![\w-])(?:[Яя]|[Мм]ы|[Мм]еня|[Мм]не|[Нн]ас|[Нн]ам|[Мм]о[йяеи]\w*|"
                          r"[Нн]аш\w*)(?![\w-])")
PRONOUN_WORDS = re.compile(r"\b[Пп]о\s+(его|её|ее|их)\s+словам\s*$")
THAT_CLAUSE = re.compile(r",?\s+(?:что|о\s+том,\s+что)\s")


def _after_colon(text: str, ents, taken) -> list[RawQuote]:
    """Speech after a colon without quotation marks: «Дуда написал в Twitter:\nСвоими …» and
    interview turns «Мустафа Джемилев: Особых полномочий …» (to the end of the paragraph)."""
    out = []
    for m in COLON.finditer(text):
        if _inside(taken, m.start(), m.end() + 1):
            continue
        s_start = max(_sentence_start(text, m.start()), text.rfind("\n", 0, m.start()) + 1)
        lead = text[s_start : m.start()]
        cue = _last_cue(text, s_start, m.start())
        said = PRONOUN_WORDS.search(text, s_start, m.start()) if cue is None else None
        if said:  # «По её словам:\n…»: the pronoun is the source
            cue = said.span()
        # «Мустафа Джемилев: …», and «Хозяин плантации Джино Дескальси:\n…» (a paragraph)
        paragraph = "\n" in text[m.start() : m.end()]
        interview = cue is None and any(
            (e[0] == s_start or paragraph) and e[1] == m.start() and e[2] == "PER"
            for e in ents)
        # «Каприлес поздравил Чавеса с победой:\nЯ принимаю …»: a paragraph in the first
        # person after a colon speaks for the subject of the line before
        first_person = cue is None and paragraph and FIRST_PERSON.search(
            text, m.end(), _sentence_end(text, m.end())) is not None
        if cue is None and not interview and not first_person:
            continue
        if interview and not text[:s_start].strip():
            continue  # a headline «Игнатьев: покупка валюты не повлияет на курс»
        # a reporting verb far before the colon opens it when a «что» clause lies between
        # («Моралес подчеркнул, что … запрос от Сноудена:\nЕсли он попросит, …»)
        far = cue is not None and m.start() - cue[1] > 60
        that = cue is not None and THAT_CLAUSE.match(text, cue[1]) is not None
        if that and not paragraph:
            continue  # «заверили, что ситуация под контролем: …»: the «что» clause is the quote
        if far and not that:
            continue
        end = text.find("\n", m.end())
        c_s, c_e = _trim(text, m.end(), len(text) if end < 0 else end)
        # a paragraph of its own after a reporting verb may be short («сказав журналистам:\n
        # Я графоманию не комментирую»)
        if len(WORD.findall(text[c_s:c_e])) < (4 if cue and paragraph else 6) or len(lead) > 300:
            continue
        source: tuple[int, int] | None
        if said:
            source = said.span(1)
        elif cue is not None:  # the speaker is never a name inside the «что» clause
            source = _source_in(text, s_start, cue[0], ents, prefer_last=True, cue=cue) or \
                (None if far else _source_in(text, cue[1], m.start(), ents, cue=cue))
        elif first_person:
            source = _source_in(text, s_start, m.start(), ents)
        else:
            source = (s_start, m.start())
        out.append(RawQuote(c_s, c_e, "direct", cue, source, 0.7))
    return out


def _last_cue(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The cue nearest ``end`` in text[start:end] (the verb that opens what follows a colon,
    not one earlier in the sentence); a phrase cue when no word is one."""
    last = None
    for m in WORD.finditer(text, start, end):
        if is_cue(m.group()):
            last = m.span()
    return last or cue_in(text, start, end)



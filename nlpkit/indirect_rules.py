"""Rules for reported speech: «заявил, что …», «по словам X, …», «…, считает X», «…, заявил
X, …» and «Об этом сообщил X» (the sentence before), each with its cue and source span."""

from __future__ import annotations

import bisect
import re

from nlpkit.cues import WORD, cue_in, is_author_voice, is_cue
from nlpkit.cues import pos as _pos
from nlpkit.normal import parse as _parse
from nlpkit.quote_text import OPEN_Q, RawQuote
from nlpkit.quote_text import after_break as _after_break
from nlpkit.quote_text import antecedent as _antecedent
from nlpkit.quote_text import overlaps as _inside
from nlpkit.quote_text import sentence_end as _sentence_end
from nlpkit.quote_text import sentence_start as _sentence_start
from nlpkit.quote_text import sentences as _sentences
from nlpkit.quote_text import source_after as _source_after
from nlpkit.quote_text import trim as _trim
from nlpkit.sources import PHRASE_BREAK, is_media
from nlpkit.sources import source_in as _source_in

__all__ = ["INDIRECT_THAT", "indirect"]

INDIRECT_THAT = re.compile(r"(?:,\s+(?:что|о том,?\s+что|в том,?\s+что|будто)|\sтем,\s+что|"
                           r"\s(?:о|в)\s+том,\s+что|,\s+чтобы),?\s+")


PO_SLOVAM = re.compile(r"(?:^|(?<=[\s(]))(?:[Пп]о\s+(?P<who>(?:его|ее|её|их|моим|нашим)\s+)?"
                       r"(?:собственным\s+)?"
                       r"(?:словам|мнению|данным|информации|сведениям|сообщениям|оценке|оценкам|"
                       r"утверждению|утверждениям|заявлению|заявлениям|убеждению|сообщению|"
                       r"прогнозам|прогнозу)|По\s+версии|"
                       r"[Сс]огласно\s+(?:сообщению|данным|заявлению)|[Нн]а\s+(?:его|ее|её|их)\s+взгляд|"
                       r"[Кк]ак(?P<verb>(?:\s+[а-яё]+){1,3}?))(?:\s+|(?=,))")


SUBJECT_PRONOUN = re.compile(r"(?<![\w-])(?:он|она|они)(?![\w-])")
DATE = re.compile(r"\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|"
                  r"октября|ноября|декабря)\b")
# «При этом, подчеркнул Власенко, президент имеет право …»
PARENTHETICAL = re.compile(r",\s+(\w+)\s+([^,.!?«»\"]{1,60}?),\s+")


TRAILING_CUE = re.compile(r",\s*(?:[—–-]\s*)?(\w+)\s+[^,.!?]{2,80}[.!?…]?\s*$")


ABOUT_SPEECH = re.compile(r"(?:[Оо]б\s+этом|[Оо]\s+(?:своем|своём|таком)|[Сс]\s+таким|"
                          r"[Кк]ак\s+сообща)\b")


OB_ETOM = re.compile(r"^\s*(?:[Оо]б\s+этом|[Оо]\s+том|[Тт]акже\s+об\s+этом)\b")


RELATIVE = frozenset("который которая которое которые которого которой которых которым "
                     "что где когда чтобы если как чем кто".split())


def _clause_end(text: str, s: int, e: int, cue: tuple[int, int] | None = None) -> int:
    """Where a reported clause stops: before «, напомнив, что», «, и пообещал …», «, а глава
    МИДа отметил …» (another speech act), a colon opening a quotation, or the speaker's own
    next verb («заявил, что обвинения сняты, и ходатайствовал …»: past tense, the cue's
    gender and number)."""
    if cue is not None:
        form = _parse(text[cue[0] : cue[1]].lower())[0].tag
        if form.tense == "past":
            for m in re.finditer(r",?\s+и\s+(\w+)", text[s:e]):
                t = _parse(m.group(1).lower())[0].tag
                if str(t.POS) == "VERB" and t.tense == "past" and \
                        (t.number, t.gender) == (form.number, form.gender):
                    return _trim(text, s, s + m.start())[1]
    for m in re.finditer(r",\s+(\w+)|:\s*[«„“\"]", text[s:e]):
        if m.group(1) is None:
            return _trim(text, s, s + m.start())[1]
        if m.start() <= 5 or m.group(1).lower() in RELATIVE:
            continue
        stop = text.find(",", s + m.end(), e)
        clause = WORD.findall(text, s + m.start(1), e if stop < 0 else stop)[:7]
        if any(is_cue(w) for w in clause):
            return _trim(text, s, s + m.start())[1]
    return e


TOPIC = re.compile(r"\s+(?:о|об|обо|про)\s", re.IGNORECASE)


def _nested_speech(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] reports speech itself («Вучич заявил, что …»)."""
    for m in INDIRECT_THAT.finditer(text, s, e):
        if any(is_cue(w) for w in WORD.findall(text, max(s, m.start() - 80), m.start())):
            return True
    return False


def _genitive_end(text: str, start: int, ents) -> int:
    """Where the source of «По словам X» ends when no comma closes it: after the genitive
    words and names that follow («По сведениям некоторых изданий | Кинчев находится …»,
    «По сообщению портала Ivanovo News | работы участников …»); -1 when nothing does."""
    stop = 0
    pos = start
    for _ in range(6):
        m = WORD.search(text, pos, pos + 60)
        if m is None or PHRASE_BREAK.search(text, pos, m.start()):
            break
        k = bisect.bisect_left(ents, (m.start(),))
        if k < len(ents) and ents[k][0] == m.start() and ents[k][2] in ("PER", "ORG"):
            return ents[k][1]  # a name ends the source
        if not any(str(p.tag.case) == "gent" and str(p.tag.POS) in ("NOUN", "ADJF", "PRTF", "NPRO")
                   for p in _parse(m.group().lower())):
            break
        stop = pos = m.end()
    return stop if stop else -1


def _apposition_end(text: str, comma: int, ents) -> int:
    """The comma that closes a speaker's apposition, when a name ends right before the next
    comma: «Как заявил секретарь генсовета ЕР, вице-спикер Госдумы Сергей Неверов, …»."""
    nxt = text.find(",", comma + 1, comma + 90)
    if nxt < 0 or PHRASE_BREAK.search(text, comma + 1, nxt):
        return comma
    k = bisect.bisect_left(ents, (comma,))
    for e in ents[k : k + 8]:
        if e[0] >= nxt:
            break
        if e[2] == "PER" and text[e[1] : nxt].strip() == "" and not any(
                is_cue(w) or w.lower() in RELATIVE or _pos(w.lower())[0] == "VERB"
                for w in WORD.findall(text, comma, e[0])):  # «…, на открытии присутствовали X,»
            return nxt
    return comma


def indirect(text: str, ents, taken) -> list[RawQuote]:
    """Reported speech in ``text`` outside the spans ``taken`` by direct quotes."""
    out: list[RawQuote] = []
    occupied: list[tuple[int, int]] = []  # spans of `out`, sorted, for fast overlap checks

    def add(q: RawQuote) -> None:
        out.append(q)
        bisect.insort(occupied, (q.start, q.end))
    for m in INDIRECT_THAT.finditer(text):
        s_start = _sentence_start(text, m.start())
        cue = None
        for w in reversed(list(WORD.finditer(text, max(s_start, m.start() - 80), m.start()))):
            if is_cue(w.group()):
                cue = w.span()
                break
        if cue is None or _inside(taken, m.start(), m.end()):
            continue
        gap = text[cue[1] : m.start()]
        if "," in gap or "чтобы" in m.group() and len(WORD.findall(gap)) > 1:
            continue  # «…, что» of another clause; «сделать всё, чтобы» is a purpose
        if is_author_voice(text, cue[0]):
            continue  # «Стоит отметить, что …» is the author's voice
        c_s, c_e = _trim(text, m.end(), _sentence_end(text, m.end()))
        c_e = c_e - 1 if text[c_e - 1 : c_e] == "." else c_e
        c_e = _clause_end(text, c_s, c_e, cue)
        if c_e - c_s < 10 or _inside(taken, c_s, c_e):
            continue
        source = _antecedent(text, s_start, cue, ents) or \
            _source_in(text, s_start, cue[0], ents, prefer_last=True, cue=cue)
        if source is None or is_media(text, *source):  # «… со ссылкой на X, что»: X, if named
            after = _source_in(text, cue[1], m.start(), ents, cue=cue)
            if source is None or after is not None and not is_media(text, *after) and \
                    any(e[0] == after[0] and e[2] in ("PER", "ORG") for e in ents):
                source = after
        add(RawQuote(c_s, c_e, "indirect", cue, source, 0.8))
    for m in PO_SLOVAM.finditer(text):
        verb = m.group("verb")
        if _inside(taken, m.start(), m.end()) or (verb and not any(
                is_cue(w) for w in verb.split())):
            continue
        comma = text.find(",", m.end() - 1, m.end() + 120)
        if (comma < 0 or _sentence_end(text, m.end()) < comma) and not verb:
            comma = _genitive_end(text, m.end(), ents)  # «По словам женщины на щеке …»
        if comma < 0:
            continue
        comma = _apposition_end(text, comma, ents)  # «Как заявил секретарь ЕР, вице-спикер …»
        end = _sentence_end(text, comma)
        c_s, c_e = _trim(text, comma + 1, end)
        c_e = c_e - 1 if text[c_e - 1 : c_e] == "." else c_e
        if c_e - c_s < 10 or _inside(occupied, c_s, c_s + 1):
            continue
        if verb and _nested_speech(text, c_s, c_e):
            continue  # «Как сообщает газета, Вучич заявил, что …»: the inner report is the quote
        cue = (m.start(), m.start() + len(m.group().rstrip()))
        if m.group("who"):
            source = m.span("who")
        else:  # «По словам руководителя Льва Пономарёва»: the genitive; «Как заявил X»: nominative
            verb_at = m.start("verb") + len(verb) - len(verb.lstrip()) if verb else -1
            source = _source_in(text, m.end(), comma, ents, oblique=not verb,
                                cue=(verb_at, m.end("verb")) if verb else None)
        if m.group("who"):
            source = _trim(text, *source)
        add(RawQuote(c_s, c_e, "indirect", cue, source, 0.8))
    for m in PARENTHETICAL.finditer(text):
        p = _parse(m.group(1).lower())[0]
        if str(p.tag.POS) != "VERB" or not is_cue(m.group(1)) or _inside(taken, m.start(), m.end()):
            continue
        src = _source_in(text, m.start(2), m.end(2), ents, cue=m.span(1))
        end = _sentence_end(text, m.end())
        c_s, c_e = _trim(text, m.end(), end)
        first = WORD.match(text, c_s)
        if first and _pos(first.group().lower())[0] == "GRND":
            continue  # «…, заявил глава ЦБ Сергей Игнатьев, выступая в Госдуме»
        if DATE.match(text, c_s):
            continue  # «…, сообщает Agence France-Presse в воскресенье, 16 октября»: a date
        c_e = c_e - 1 if text[c_e - 1 : c_e] == "." else c_e
        if src is None or c_e - c_s < 10 or _inside(occupied, c_s, c_e):
            continue
        add(RawQuote(c_s, c_e, "indirect", m.span(1), src, 0.7))
    sents = _sentences(text)
    # «<statement>, — заявил X.» / «<statement>, считает X.» without quotation marks
    for s_s, s_e in sents:
        sent = text[s_s:s_e]
        for m in TRAILING_CUE.finditer(sent):
            if not is_cue(m.group(1)) or m.start() < 20 or \
                    TOPIC.match(sent, m.end(1)) or _pos(m.group(1).lower())[0] == "GRND":
                continue  # «Джобс, глава Apple, заявил о своём уходе»; «…, добавив в копилку»
            c_s, c_e = _trim(text, s_s, s_s + m.start())
            c_s = _trim(text, _after_break(text, c_s, c_e), c_e)[0]  # not the headline above
            if c_e - c_s < 20 or _inside(taken, c_s, c_e) or text[c_s] in OPEN_Q or \
                    _inside(occupied, c_s, c_e) or ABOUT_SPEECH.match(text, c_s):
                continue  # «Об этом говорится в заявлении …, сообщает AFP» reports, says nothing
            cue = (s_s + m.start(1), s_s + m.end(1))
            source = _source_in(text, cue[1], s_e, ents, cue=cue)
            if source is None:
                continue
            add(RawQuote(c_s, c_e, "indirect", cue, source, 0.7))
            break
    # «Об этом сообщил X»: the previous sentence is the statement
    for k, (s_s, s_e) in enumerate(sents):
        opening = OB_ETOM.match(text[s_s:s_e])
        if not opening:
            continue
        nxt = WORD.match(text, s_s + opening.end() + 1)
        if nxt and _pos(nxt.group().lower()) in (("NOUN", "loct"), ("ADJF", "loct")):
            continue  # «Об этом человеке говорят …» is about a person, not the sentence before
        cue = cue_in(text, s_s, s_e)
        if cue is None:
            continue
        if k == 0:
            continue
        p_s, p_e = _trim(text, *sents[k - 1])
        p_s = _trim(text, _after_break(text, p_s, p_e), p_e)[0]
        p_e = p_e - 1 if text[p_e - 1 : p_e] == "." else p_e
        if _inside(taken, p_s, p_e) or _inside(occupied, p_s, p_e):
            continue
        if p_e - p_s < 15:
            continue
        # «Об этом он заявил в интервью газете …»: the pronoun before the verb, not the paper
        pronoun = SUBJECT_PRONOUN.search(text, s_s + opening.end(), cue[0])
        source = pronoun.span() if pronoun else _source_after(text, cue, s_s, s_e, ents)
        add(RawQuote(p_s, p_e, "indirect", cue, source, 0.7))
    return out

"""Rule-based quote finding: direct speech in quotation marks or after a dash, split quotes,
indirect speech («заявил, что …», «по словам X, …», «Об этом сообщил X»), each with its cue
and the span that names its source. Exact where punctuation decides; the learned tagger in
:mod:`nlpkit.quotes` corrects and extends it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from nlpkit.cues import CUE_LEMMAS, WORD, cue_in, cue_lemma, is_author_voice, is_cue
from nlpkit.cues import pos as _pos
from nlpkit.normal import parse as _parse
from nlpkit.sources import PHRASE_BREAK, is_media, is_person_title
from nlpkit.sources import source_in as _source_in

__all__ = ["RawQuote", "find_quotes", "cue_lemma", "is_cue", "is_author_voice", "CUE_LEMMAS",
           "is_media", "is_person_title", "WORD"]

OPEN_Q = "«„“\""
CLOSE_FOR = {"«": "»", "„": "“", "“": "”", '"': '"'}
DASHES = "—–-"


@dataclass
class RawQuote:
    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    score: float = 0.9




SENT_END = re.compile(r"[.!?…](?=\s|$)|\n")
ABBREVIATIONS = frozenset("гг ст см им др пр тыс млн млрд руб долл ул чел коп проц".split())
LETTERS_BEFORE = re.compile(r"([^\W\d_]+)$")


def _sentence_end(text: str, i: int) -> int:
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


def _sentence_start(text: str, i: int) -> int:
    j = max(text.rfind(". ", 0, i), text.rfind("\n", 0, i), text.rfind("! ", 0, i),
            text.rfind("? ", 0, i))
    return 0 if j < 0 else j + (1 if text[j] == "\n" else 2)


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


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in DASHES):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",:;—–"):
        e -= 1
    return s, e


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
        after = text[qe + 1 : qe + 120]
        before_s = _sentence_start(text, qs)
        m_after = re.match(r"\s*[,.!?…]?\s*[—–-]\s*", after)
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
        if cue is None:
            lead = text[before_s:qs]
            if re.search(r"[:,]\s*$", lead) or re.search(r"[—–]\s*$", lead):
                cue = cue_in(text, before_s, qs)
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
        if cue is None and text[:qs].rstrip().endswith(":"):  # «Сам Белов оказался …: «…»»
            source = _source_in(text, before_s, qs, ents)
        if n_words < 4 and not (m_after and cue) and not partial:
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


SPLIT = re.compile(r"(?=(,?\s+[—–-]\s+([^—–«»]{2,80}?)[.,]\s+[—–-]\s+))")
NEXT_ATTRIBUTION = re.compile(r"(?:Такое|Такую|Такие|Такой|Эт[оиу]|Об\s+этом|Так)\s+")
COLON = re.compile(r":[ \t]*(?:\n[ \t]*){0,2}(?=[^\s«„“\"—–-])")


def _source_after(text: str, cue: tuple[int, int], start: int, end: int, ents):
    """The source named after the cue (up to ``end``), else before it (from ``start``); for a
    gerund cue, before it first: «— написал врач Леонид Рошаль, комментируя увольнение»."""
    relative = _antecedent(text, start, cue, ents)
    if relative is not None:
        return relative
    first = WORD.match(text, cue[0])
    if first and _pos(first.group().lower())[0] == "GRND":
        return _source_in(text, start, cue[0], ents, prefer_last=True, cue=cue) or \
            _source_in(text, cue[1], end, ents, cue=cue)
    return _source_in(text, cue[1], end, ents, cue=cue) or \
        _source_in(text, start, cue[0], ents, cue=cue)


def _antecedent(text: str, start: int, cue: tuple[int, int], ents):
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


def _speech_alone(text: str, qs: int, qe: int, content: str) -> bool:
    """A quotation with no cue is speech when a colon opens it («… оказался дипломатичным:
    «Для нас …»»), when it is a whole sentence after another («… сказал Джоэл Саймон. «Китай
    пытается …».») or a paragraph of its own that ends a sentence."""
    if text[max(0, qs - 3) : qs].rstrip().endswith(":"):
        return True
    before = text[:qs].rstrip(" \t")
    ends = content.rstrip()[-1:] in ".!?…" or text[qe + 1 : qe + 2] in (".", "!", "?", "…")
    if before[-1:] in (".", "!", "?", "…") and text[qs - 1 : qs].isspace() and \
            content[:1].isupper() and ends:
        return True
    if text[max(0, qs - 2) : qs].strip() != "":
        return False
    if content.rstrip()[-1:] in ".!?…":
        return True
    paragraph = text[:qs].rstrip(" \t").endswith("\n") or not text[:qs].strip()
    return paragraph and text[qe + 1 : qe + 2] in (".", "!", "?", "…")  # «"Наши строители …".»


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
        # «Мустафа Джемилев: …», and «Хозяин плантации Джино Дескальси:\n…» (a paragraph)
        paragraph = "\n" in text[m.start() : m.end()]
        interview = cue is None and any(
            (e[0] == s_start or paragraph) and e[1] == m.start() and e[2] == "PER"
            for e in ents)
        if cue is None and not interview:
            continue
        if interview and not text[:s_start].strip():
            continue  # a headline «Игнатьев: покупка валюты не повлияет на курс»
        if cue is not None and m.start() - cue[1] > 60:
            continue
        end = text.find("\n", m.end())
        c_s, c_e = _trim(text, m.end(), len(text) if end < 0 else end)
        # a paragraph of its own after a reporting verb may be short («сказав журналистам:\n
        # Я графоманию не комментирую»)
        if len(WORD.findall(text[c_s:c_e])) < (4 if cue and paragraph else 6) or len(lead) > 300:
            continue
        if cue is not None:
            source = _source_in(text, s_start, cue[0], ents, prefer_last=True, cue=cue) or \
                _source_in(text, cue[1], m.start(), ents, cue=cue)
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


INDIRECT_THAT = re.compile(r"(?:,\s+(?:что|о том,?\s+что|в том,?\s+что|будто)|\sтем,\s+что|"
                           r"\s(?:о|в)\s+том,\s+что|,\s+чтобы)(?:,(?=\s+[\w-]+(?:\s+\w+)?,))?\s+")
PO_SLOVAM = re.compile(r"(?:^|(?<=[\s(]))(?:[Пп]о\s+(?P<who>(?:его|ее|её|их|моим|нашим)\s+)?"
                       r"(?:словам|мнению|данным|информации|сведениям|сообщениям|оценке|оценкам|"
                       r"утверждению|утверждениям|заявлению|убеждению|сообщению|прогнозам|прогнозу)|"
                       r"[Сс]огласно\s+(?:сообщению|данным|заявлению)|[Нн]а\s+(?:его|ее|её|их)\s+взгляд|"
                       r"[Кк]ак(?P<verb>(?:\s+[а-яё]+){1,3}?))(?:\s+|(?=,))")
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


def _inside(taken, s: int, e: int) -> bool:
    """Whether [s, e) overlaps a span of ``taken`` (sorted by start, non-overlapping)."""
    k = bisect.bisect_left(taken, (e, e))
    return any(ts < e and s < te for ts, te in taken[max(0, k - 3) : k])


def _indirect(text: str, ents, taken) -> list[RawQuote]:
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
        source = _source_after(text, cue, s_s, s_e, ents)
        add(RawQuote(p_s, p_e, "indirect", cue, source, 0.7))
    return out


def _after_break(text: str, s: int, e: int) -> int:
    """Where the last paragraph inside ``text[s:e]`` starts (``s`` when there is none)."""
    k = text.rfind("\n", s, e)
    return s if k < 0 else k + 1


def _sentences(text: str) -> list[tuple[int, int]]:
    from nlpkit.text import sentences

    return sentences(text)

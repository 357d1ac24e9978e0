"""Rule-based quote finding: direct speech in quotation marks or after a dash, split quotes,
indirect speech («заявил, что …», «по словам X, …», «Об этом сообщил X»), each with its cue
and the span that names its source. Exact where punctuation decides; the learned tagger in
:mod:`nlpkit.quotes` corrects and extends it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from nlpkit.normal import lemma as cue_lemma
from nlpkit.normal import parse as _parse

__all__ = ["RawQuote", "find_quotes", "cue_lemma", "is_cue", "is_author_voice", "CUE_LEMMAS",
           "is_media"]

CUE_LEMMAS = frozenset("""
заявить заявлять сообщить сообщать отметить отмечать подчеркнуть подчёркивать подчеркивать
добавить добавлять пояснить пояснять разъяснить рассказать рассказывать сказать говорить уточнить
уточнять указать указывать заверить заверять гарантировать пообещать обещать успокоить уверить
уверять опровергнуть опровергать отрицать отвергнуть отвергать осудить осуждать возмутиться
раскритиковать критиковать потребовать требовать обвинить обвинять пригрозить грозить призвать
призывать констатировать напомнить напоминать объяснить объяснять ответить отвечать предупредить
предупреждать признать признаваться признаться считать полагать утверждать написать писать
заключить выразить высказать высказаться поделиться сетовать пожаловаться жаловаться настаивать
подтвердить подтверждать возразить возражать спросить заметить замечать прокомментировать
комментировать отчитаться информировать передать передавать цитировать процитировать
резюмировать продолжить продолжать убеждать убедить уверенный заявление цитата
посетовать оценить оценивать допустить допускать объявить объявлять проинформировать уведомить
сообщаться говориться отмечаться подчёркиваться подчеркиваться указываться рассуждать вспомнить
вспоминать предположить предполагать произнести воскликнуть парировать возмущаться удивиться
прогнозировать спрогнозировать предсказать анонсировать озвучить огласить зачитать прибавить
подытожить согласиться соглашаться опасаться попросить просить отреагировать сформулировать
описать описывать посоветовать советовать пожелать выступить признавать заверение подозревать
исключить исключать упомянуть упоминать угрожать надеяться доложить докладывать мотивировать
намекнуть намекать повторить повторять
""".split())
PHRASE_CUES = ("по словам", "по мнению", "по данным", "как сообщает", "как сообщил", "как сообщила",
               "как сообщили", "как заявил", "как заявила", "как заявили", "как отметил",
               "как отметила", "как пояснил", "как рассказал", "как передает", "как передаёт")
SOURCE_TITLES = frozenset("""министр глава президент премьер премьер-министр представитель пресс-служба
пресс-секретарь ведомство министерство мид посол губернатор мэр директор руководитель председатель
депутат спикер сенатор чиновник эксперт аналитик адвокат прокурор следователь полиция полицейский
лидер замминистра заместитель канцлер генсек секретарь командующий начальник пресс-центр источник
компания суд сторона правительство кремль посольство консул генконсульство организатор автор
политик дипломат врач журналист собеседник он она они оно мы я""".split())
PRONOUNS = frozenset({"он", "она", "они", "оно"})
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




@lru_cache(maxsize=200_000)
def _pos(word: str) -> tuple[str, str]:
    p = _parse(word)[0]
    return str(p.tag.POS or ""), str(p.tag.case or "")


WORD = re.compile(r"\w+(?:[-']\w+)*")


# the author's own voice and impersonal reports are not quotes («Напомним, что …»)
NOT_CUE_FORMS = frozenset({"напомним", "сообщается", "напомню", "отметим", "заметим",
                           "подчеркнем", "подчеркнём", "добавим", "уточним",
                           # impersonal past reports name no one («Как сообщалось ранее, …»)
                           "сообщалось", "объявлено", "сказано"})
# the author's voice: «Стоит (также / ли) напомнить, что», «нельзя сказать, что»
AUTHOR = re.compile(r"(?:[Сс]тоит|[Сс]ледует|[Нн]ужно|[Нн]адо|[Вв]ажно|[Мм]ожно|[Нн]ельзя|"
                    r"[Оо]ста[её]тся)(?:\s+(?:также|ли|лишь|только|же|бы|ещ[её]))*\s+$")


def is_author_voice(text: str, cue_start: int) -> bool:
    """Whether the cue starting at ``cue_start`` is the author's («Стоит также напомнить»)."""
    return AUTHOR.search(text, max(0, cue_start - 30), cue_start) is not None


@lru_cache(maxsize=200_000)
def is_cue(word: str) -> bool:
    """Whether ``word`` is a reporting verb, participle or gerund of the cue lexicon."""
    if word.lower() in NOT_CUE_FORMS:
        return False
    if cue_lemma(word) in CUE_LEMMAS:
        return True
    p = _parse(word.lower())[0]
    if str(p.tag.POS) in ("PRTF", "PRTS", "GRND"):
        verb = p.inflect({"INFN"})
        return verb is not None and verb.word in CUE_LEMMAS
    return False


def _cue_in(text: str, start: int, end: int) -> tuple[int, int] | None:
    for m in WORD.finditer(text, start, end):
        if is_cue(m.group()):
            return m.span()
    lower = text[start:end].lower()
    for ph in PHRASE_CUES:
        i = lower.find(ph)
        if i >= 0:
            return start + i, start + i + len(ph)
    m = RELAY_VERB.search(text, start, end)  # «приводит Reuters слова Маккристала»
    return m.span(1) if m else None


MEDIA = frozenset(m.lower() for m in """РИА Новости|Интерфакс|ТАСС|ИТАР-ТАСС|РБК|Reuters|AFP|AP|
Associated Press|Би-би-си|BBC|CNN|REGNUM|ИА REGNUM|УНИАН|Ъ|Лента.ру|Lenta.ru|Газета.Ru|Прайм|
РИА|Bloomberg|NEWSru.com|Росбалт|Agence France-Presse|Франс Пресс|Синьхуа|Киодо|ИТАР|Twitter|
Facebook|РБК daily|Известия|Коммерсантъ|Коммерсант|Ведомости|Sun|MENA|Голос Америки|Эхо Москвы|
Радио Свобода|Дождь|Fox News|Daily Mail|The Guardian|New York Times|Washington Post|Life|ТАСС-Урал
""".replace("\n", "").split("|"))
MEDIA_CONTEXT = re.compile(r"(?:агентств\w*|газет\w*|издани\w*|телеканал\w*|радиостанци\w*|журнал\w*|"
                           r"сайт\w*|портал\w*|интервью|передает|передаёт|сообщает|пишет|ссылкой на|"
                           r"эфире)\s*[«\"„]?$", re.IGNORECASE)


def is_media(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is a news outlet that relays («сообщил РИА Новости»)."""
    name = text[start:end].strip("«»\"„“ ").lower()
    return name in MEDIA or bool(MEDIA_CONTEXT.search(text[max(0, start - 30) : start]))


def _source_in(text: str, start: int, end: int, entities, prefer_last: bool = False,
               cue: tuple[int, int] | None = None, oblique: bool = False):
    """The span naming the speaker between start and end: a PER/ORG entity, else a title or
    pronoun, else the first noun. ``cue``: the reporting word, whose gender the subject shares
    («… заявил» is not «Дадашева») and which may relay («цитирует Фастовского «Советский
    спорт»» names Фастовский). ``oblique``: the speaker stands in the genitive («По словам
    руководителя движения Льва Пономарёва»)."""
    window = entities[bisect.bisect_left(entities, (start,)) : bisect.bisect_left(entities, (end,))]
    ents = [e for e in window if e[1] <= end and e[2] in ("PER", "ORG")]
    if prefer_last:
        ents = ents[::-1]
    cue_word = WORD.search(text, cue[0], cue[1]) if cue else None
    gender = _verb_gender(cue_word.group()) if cue_word else None
    if cue is not None and cue_word is not None and (
            cue_lemma(cue_word.group()) in RELAY_CUES or RELAY.match(text, cue[1], end)):
        people = [e for e in ents if e[2] == "PER"]
        # the outlet is the subject; the person it quotes is the object, in any case
        objects = [e for e in people if not _nominative(text[e[0]:e[1]])] or people
        if objects:
            return objects[0][0], objects[0][1]
    ref = REFERENCE.search(text, start, end)  # «сообщила со ссылкой на заместителя главы X»
    if ref is not None:
        people = [e for e in ents if e[2] == "PER" and e[0] >= ref.end()]
        if people:
            return people[0][0], people[0][1]
    # the speaker is the subject: a name in the nominative («Гибсона» in «пресс-агент Гибсона»
    # names whose agent it is, not who speaks)
    nominative = ents if oblique else \
        [e for e in ents if _nominative(text[e[0]:e[1]], gender if e[2] == "PER" else None)]
    # an outlet that relays is the source only when nobody else is named
    media = [e for e in nominative if is_media(text, e[0], e[1])]
    nominative = [e for e in nominative if e not in media]
    nominative.sort(key=lambda e: e[2] != "PER")  # «представитель ХАМАС Фаузи Бархум»
    words = list(WORD.finditer(text, start, end))
    if nominative:
        anon = _anonymous_subject(text, words, entities, nominative, oblique)
        if anon is not None and anon[0] < nominative[0][0]:
            return anon  # «Источник в ОДК сообщил»: the source, not the body it is in
        if nominative[0][2] == "ORG":
            head = _head_title(text, words, nominative[0], oblique)
            if head is not None:  # «глава комиссии ОП по культуре»: the head, not the body
                return head
        return nominative[0][0], nominative[0][1]
    if prefer_last:
        words = words[::-1]
    for m in words:
        w = m.group().lower()
        if w in SOURCE_TITLES or cue_lemma(w) in SOURCE_TITLES:
            return m.start(), _title_end(text, m, end)
    # «передает Reuters со ссылкой на Маккристала»: the person the outlet quotes, in any case
    people = [e for e in ents if e[2] == "PER"]
    if media and people:
        return people[0][0], people[0][1]
    if media:
        return media[0][0], media[0][1]
    for m in words:
        pos, case = _pos(m.group())
        if pos == "NOUN" and case == "nomn" and not is_cue(m.group()):
            return m.span()
    if ents:
        return ents[0][0], ents[0][1]
    return None


ANONYMOUS_SOURCES = frozenset("""источник собеседник инсайдер эксперт специалист житель
сторонник наблюдатель оппозиционер член очевидец свидетель аналитик политолог""".split())


def _anonymous_subject(text: str, words, entities, named=(), oblique: bool = False):
    """An unnamed speaker noun in the nominative («источник», «жители»), when no name of
    ``named`` follows it in the same phrase («эксперт Иван Петров», «член партии
    "Справедливая Россия" Алексей Казаков», «специалист … Университета Рочестера доктор
    Фредерик Мис» name the speaker)."""
    for m in words:
        if cue_lemma(m.group()) not in ANONYMOUS_SOURCES or \
                (_pos(m.group())[1] != "nomn" and not oblique):
            continue
        k = bisect.bisect_left(entities, (m.end(),))
        if k < len(entities) and entities[k][2] == "PER" and entities[k][0] - m.end() <= 2:
            return None
        for e in named:
            if e[2] == "PER" and m.end() < e[0] <= m.end() + 100 and \
                    not PHRASE_BREAK.search(text, m.end(), e[0]):
                return None
        return m.span()
    return None


HEAD_TITLES = frozenset("""глава руководитель председатель директор президент министр
замминистра заместитель генсек генсекретарь начальник лидер спикер пресс-секретарь командующий
секретарь посол губернатор мэр премьер премьер-министр вице-президент вице-премьер советник
помощник основатель владелец гендиректор глава""".split())


@lru_cache(maxsize=50_000)
def is_person_title(word: str) -> bool:
    """A title or a person noun that can head a body's name («глава», «сопредседатель
    группы», «солист»), not a spokesman or an anonymous source («представитель», «источник»)."""
    lem = cue_lemma(word)
    if lem in HEAD_TITLES:
        return True
    if lem in ANONYMOUS_SOURCES or lem in ("представитель", "член", "сотрудник"):
        return False
    p = _parse(word.lower())[0]
    return str(p.tag.POS) == "NOUN" and "anim" in p.tag and p.tag.number == "sing" and \
        not {"Name", "Surn", "Patr"} & p.tag.grammemes


def _title_end(text: str, title, end: int) -> int:
    """Where a title's phrase ends: its genitive dependents come with it («глава Минфина»,
    «президента США», «пресс-службе Райффайзенбанка»), up to three words."""
    stop = title.end()
    if title.group().lower() in PRONOUNS or cue_lemma(title.group()) in PRONOUNS:
        return stop  # «его слова» is no title
    for m in list(WORD.finditer(text, title.end(), end))[:3]:
        if PHRASE_BREAK.search(text, stop, m.start()):
            break
        w = m.group()
        pos, case = _pos(w)
        if not (case == "gent" and pos in ("NOUN", "ADJF") or w.isupper() and len(w) > 1
                or not re.match(r"[А-Яа-яЁё]", w)) or is_cue(w):
            break
        stop = m.end()
    return stop


def _head_title(text: str, words, org, oblique: bool) -> tuple[int, int] | None:
    """«глава комиссии ОП», «директор ФСБ»: a person's title governing the organisation named
    after it, within three words and no punctuation; the span from the title to the name."""
    before = [m for m in words if m.end() <= org[0]][-4:]
    for m in reversed(before):
        if PHRASE_BREAK.search(text, m.end(), org[0]):
            return None
        if is_person_title(m.group()) and (oblique or _pos(m.group())[1] == "nomn"):
            return m.start(), org[1]
    return None


REFERENCE = re.compile(r"\b(?:со\s+ссылкой\s+на|ссылаясь\s+на)\s", re.IGNORECASE)
PHRASE_BREAK = re.compile(r"[,.;:!?()—–]|\s[-]\s|\n")
# cues whose subject relays what its object said («цитирует X», «приводит слова X»)
RELAY_CUES = frozenset("цитировать процитировать привести приводить".split())
RELAY = re.compile(r"\s*(?:[\w«»\"-]+\s+){0,3}?слова\b", re.IGNORECASE)
RELAY_VERB = re.compile(r"\b(привод\w*|привел\w*|привёл\w*)\s+(?:[\w«»\"-]+\s+){0,3}?слова\b",
                        re.IGNORECASE)


@lru_cache(maxsize=50_000)
def _verb_gender(word: str) -> str | None:
    """The subject's gender a past-tense singular verb shows («заявила» → femn)."""
    p = _parse(word.lower())[0]
    if str(p.tag.POS) in ("VERB", "PRTS") and p.tag.number == "sing" and \
            p.tag.gender in ("masc", "femn"):
        return str(p.tag.gender)
    return None


def _nominative(name: str, gender: str | None = None) -> bool:
    """Whether a name can be in the nominative (Latin, abbreviations and unknowns can); with
    ``gender``, a nominative of that gender («Дадашева» is no man's nominative)."""
    words = [w for w in WORD.findall(name) if re.match(r"[А-Яа-яЁё]", w)
             and not (w.isupper() and len(w) > 1)]
    if not words:
        return True
    if not any(p.tag.case == "nomn" or p.tag.case is None for p in _parse(words[0])):
        return False
    # Russian surnames tell the gender of their nominative: «Дадашева» (she) or «Дадашев» (he)
    surname = words[-1].lower()
    if gender == "masc" and len(words[-1]) > 4 and surname.endswith(FEMN_SURNAME):
        return False
    return not (gender == "femn" and len(words[-1]) > 4 and surname.endswith(MASC_SURNAME))


FEMN_SURNAME = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")
MASC_SURNAME = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")


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
            split_cue = _cue_in(text, inner_s + sm.start(2), inner_s + sm.end(2))
            if split_cue:
                split = sm
                break
        if split and split_cue:
            a_s, a_e = inner_s + split.start(2), inner_s + split.end(2)
            cue = split_cue
            source = _source_in(text, cue[1], a_e, ents, cue=cue) or \
                _source_in(text, a_s, cue[0], ents, cue=cue)
            for s, e in ((inner_s, inner_s + split.start(1)), (inner_s + split.end(1), inner_e)):
                s, e = _trim(text, s, e)
                quotes.append(RawQuote(s, e, "direct", cue, source, 0.95))
            taken.append((qs, qe))
            continue
        if m_after:
            a_s = qe + 1 + m_after.end()
            a_e = min(_sentence_end(text, a_s), a_s + 150)
            cue = _cue_in(text, a_s, a_e)
            if cue:
                source = _source_in(text, cue[1], a_e, ents, cue=cue) or \
                    _source_in(text, a_s, cue[0], ents, cue=cue)
        if cue is None:
            lead = text[before_s:qs]
            if re.search(r"[:,]\s*$", lead) or re.search(r"[—–]\s*$", lead):
                cue = _cue_in(text, before_s, qs)
                if cue:
                    source = _source_in(text, before_s, cue[0], ents, prefer_last=True, cue=cue) or \
                        _source_in(text, cue[1], qs, ents, cue=cue)
        if cue is None:
            nxt = re.match(r"\s*[.!?…]?\s*", text[qe + 1 : qe + 5])
            n_s = qe + 1 + (nxt.end() if nxt else 0)
            if NEXT_ATTRIBUTION.match(text, n_s):
                n_e = _sentence_end(text, n_s)
                cue = _cue_in(text, n_s, n_e)
                if cue:
                    source = _source_in(text, cue[1], n_e, ents, cue=cue) or \
                        _source_in(text, n_s, cue[0], ents, cue=cue)
        if cue is None and not (text[qs - 2 : qs].strip() in ("", ":") and
                                content.rstrip()[-1:] in ".!?…"):
            continue
        if n_words < 4 and not (m_after and cue):
            continue  # short names and titles in quotes are not speech
        s, e = _trim(text, inner_s, inner_e)
        quotes.append(RawQuote(s, e, "direct", cue, source, 0.9 if cue else 0.6))
        taken.append((qs, qe))
    quotes += _after_colon(text, ents, taken)
    taken = sorted(taken + [(q.start, q.end) for q in quotes])
    quotes += _indirect(text, ents, taken)
    quotes.sort(key=lambda q: q.start)
    return quotes


SPLIT = re.compile(r"(?=(,?\s+[—–-]\s+([^—–«»]{2,80}?)[.,]\s+[—–-]\s+))")
NEXT_ATTRIBUTION = re.compile(r"(?:Такое|Такую|Такие|Такой|Эт[оиу]|Об\s+этом|Так)\s+")
COLON = re.compile(r":[ \t]*\n?[ \t]*(?=[^\s«„“\"—–-])")


def _after_colon(text: str, ents, taken) -> list[RawQuote]:
    """Speech after a colon without quotation marks: «Дуда написал в Twitter:\nСвоими …» and
    interview turns «Мустафа Джемилев: Особых полномочий …» (to the end of the paragraph)."""
    out = []
    for m in COLON.finditer(text):
        if _inside(taken, m.start(), m.end() + 1):
            continue
        s_start = max(_sentence_start(text, m.start()), text.rfind("\n", 0, m.start()) + 1)
        lead = text[s_start : m.start()]
        cue = _cue_in(text, s_start, m.start())
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
        if len(WORD.findall(text[c_s:c_e])) < 6 or len(lead) > 300:
            continue
        if cue is not None:
            source = _source_in(text, s_start, cue[0], ents, prefer_last=True, cue=cue) or \
                _source_in(text, cue[1], m.start(), ents, cue=cue)
        else:
            source = (s_start, m.start())
        out.append(RawQuote(c_s, c_e, "direct", cue, source, 0.7))
    return out


INDIRECT_THAT = re.compile(r"(?:,\s+(?:что|о том,?\s+что|в том,?\s+что|будто)|\sтем,\s+что|"
                           r"\s(?:о|в)\s+том,\s+что|,\s+чтобы)\s+")
PO_SLOVAM = re.compile(r"(?:^|(?<=[\s(]))(?:[Пп]о\s+(?P<who>(?:его|ее|её|их|моим|нашим)\s+)?"
                       r"(?:словам|мнению|данным|информации|сведениям|сообщениям|оценке|оценкам|"
                       r"утверждению|утверждениям|заявлению|убеждению|сообщению|прогнозам|прогнозу)|"
                       r"[Сс]огласно\s+(?:сообщению|данным|заявлению)|[Нн]а\s+(?:его|ее|её|их)\s+взгляд|"
                       r"[Кк]ак(?P<verb>(?:\s+[а-яё]+){1,3}?))(?:\s+|(?=,))")
# «При этом, подчеркнул Власенко, президент имеет право …»
PARENTHETICAL = re.compile(r",\s+(\w+)\s+([^,.!?«»\"]{1,60}?),\s+")
TRAILING_CUE = re.compile(r",\s*(?:[—–-]\s*)?(\w+)\s+[^,.!?]{2,80}[.!?…]?\s*$")
OB_ETOM = re.compile(r"^\s*(?:[Оо]б\s+этом|[Оо]\s+том|[Тт]акже\s+об\s+этом)\b")


RELATIVE = frozenset("который которая которое которые которого которой которых которым "
                     "что где когда чтобы если как чем кто".split())


def _clause_end(text: str, s: int, e: int) -> int:
    """Where a reported clause stops: before «, напомнив, что», «, и пообещал …», «, а глава
    МИДа отметил …» (another speech act) or a colon opening a quotation."""
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
    «По сообщению портала Ivanovo News | работы участников …»); 0 when nothing does."""
    stop = 0
    pos = start
    for _ in range(6):
        m = WORD.search(text, pos, pos + 60)
        if m is None or PHRASE_BREAK.search(text, pos, m.start()):
            break
        k = bisect.bisect_left(ents, (m.start(),))
        if k < len(ents) and ents[k][0] == m.start() and ents[k][2] in ("PER", "ORG"):
            return ents[k][1] + 1  # a name ends the source
        if not any(str(p.tag.case) == "gent" and str(p.tag.POS) in ("NOUN", "ADJF", "PRTF", "NPRO")
                   for p in _parse(m.group().lower())):
            break
        stop = pos = m.end()
    return stop + 1 if stop else 0


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
                is_cue(w) or w.lower() in RELATIVE for w in WORD.findall(text, comma, e[0])):
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
        c_e = _clause_end(text, c_s, c_e)
        if c_e - c_s < 10 or _inside(taken, c_s, c_e):
            continue
        source = _source_in(text, s_start, cue[0], ents, prefer_last=True, cue=cue) or \
            _source_in(text, cue[1], m.start(), ents, cue=cue)
        add(RawQuote(c_s, c_e, "indirect", cue, source, 0.8))
    for m in PO_SLOVAM.finditer(text):
        verb = m.group("verb")
        if _inside(taken, m.start(), m.end()) or (verb and not any(
                is_cue(w) for w in verb.split())):
            continue
        comma = text.find(",", m.end() - 1, m.end() + 120)
        if (comma < 0 or _sentence_end(text, m.end()) < comma) and not verb:
            comma = _genitive_end(text, m.end(), ents) - 1  # «По словам женщины на щеке …»
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
                    TOPIC.match(sent, m.end(1)):  # «Джобс, глава Apple, заявил о своём уходе»
                continue
            c_s, c_e = _trim(text, s_s, s_s + m.start())
            c_s = _trim(text, _after_break(text, c_s, c_e), c_e)[0]  # not the headline above
            if c_e - c_s < 20 or _inside(taken, c_s, c_e) or text[c_s] in OPEN_Q or \
                    _inside(occupied, c_s, c_e):
                continue
            cue = (s_s + m.start(1), s_s + m.end(1))
            source = _source_in(text, cue[1], s_e, ents, cue=cue)
            if source is None:
                continue
            add(RawQuote(c_s, c_e, "indirect", cue, source, 0.7))
            break
    # «Об этом сообщил X»: the previous sentence is the statement
    for k, (s_s, s_e) in enumerate(sents):
        if not OB_ETOM.match(text[s_s:s_e]):
            continue
        cue = _cue_in(text, s_s, s_e)
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
        source = _source_in(text, cue[1], s_e, ents, cue=cue) or \
            _source_in(text, s_s, cue[0], ents, cue=cue)
        add(RawQuote(p_s, p_e, "indirect", cue, source, 0.7))
    return out


def _after_break(text: str, s: int, e: int) -> int:
    """Where the last paragraph inside ``text[s:e]`` starts (``s`` when there is none)."""
    k = text.rfind("\n", s, e)
    return s if k < 0 else k + 1


def _sentences(text: str) -> list[tuple[int, int]]:
    from nlpkit.text import sentences

    return sentences(text)

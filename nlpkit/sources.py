"""The span that names a quote's source: the subject of the cue («— заявил глава МИД Сергей
Лавров»), the genitive of «по словам X», the object of a relaying verb («цитирует X»); an
anonymous source («источник в ОДК») and a relaying outlet («передает ТАСС») yield to a named one."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from nlpkit.cues import WORD, cue_gender, cue_lemma, is_cue
from nlpkit.cues import pos as _pos
from nlpkit.normal import normalize_name
from nlpkit.normal import parse as _parse
from nlpkit.person_names import FEMN_SURNAME, MASC_SURNAME
from nlpkit.speaker_words import AGENCY_WORDS, AGENTS, ORG_NOUNS, RELATIONS

__all__ = ["DOCUMENT_NOUNS", "REGIONAL", "source_in", "is_media", "is_person_title", "PHRASE_BREAK",
           "PRONOUNS"]

SOURCE_TITLES = frozenset("""министр глава президент премьер премьер-министр представитель пресс-служба
пресс-секретарь ведомство министерство мид посол губернатор мэр директор руководитель председатель
депутат спикер сенатор чиновник эксперт аналитик адвокат прокурор следователь полиция полицейский
лидер замминистра заместитель канцлер генсек секретарь командующий начальник пресс-центр источник
компания суд сторона правительство кремль посольство консул генконсульство организатор автор
политик дипломат врач журналист собеседник он она они оно мы я""".split())
PRONOUNS = frozenset({"он", "она", "они", "оно"})
NAMED_TITLES = SOURCE_TITLES - PRONOUNS


MEDIA = frozenset(m.lower() for m in """РИА Новости|Интерфакс|ТАСС|ИТАР-ТАСС|РБК|Reuters|AFP|AP|
Associated Press|Би-би-си|BBC|CNN|REGNUM|ИА REGNUM|УНИАН|Ъ|Лента.ру|Lenta.ru|Газета.Ru|Прайм|
РИА|Bloomberg|NEWSru.com|Росбалт|Agence France-Presse|Франс Пресс|Синьхуа|Киодо|ИТАР|Twitter|
Facebook|РБК daily|Известия|Коммерсантъ|Коммерсант|Ведомости|Sun|MENA|Голос Америки|Эхо Москвы|
Радио Свобода|Дождь|Fox News|Daily Mail|The Guardian|New York Times|Washington Post|Life|ТАСС-Урал|
Медуза|Meduza|RT|Sputnik|Спутник|Фонтанка|Фонтанка.ру|Новая газета|Газета.ру|Mash|Baza|Readovka|
Кактус Медиа|Kaktus.media|24.kg|Tengrinews|Tengrinews.kz|Азаттык|Azattyq|Orda.kz|Vlast.kz|Kun.uz|
Euronews|Deutsche Welle|DW|Интерфакс-Украина|Интерфакс-Казахстан|Казинформ|Kazinform|АКИpress|
Акипресс|Sputnik Кыргызстан|Sputnik Казахстан|Зеркало|Настоящее время
""".replace("\n", "").split("|"))
MEDIA_CONTEXT = re.compile(r"(?:агентств\w*|газет\w*|издани\w*|телеканал\w*|радиостанци\w*|журнал\w*|"
                           r"сайт\w*|портал\w*|интернет-ресурс\w*|интервью|запрос\w*|передает|передаёт|"
                           r"сообщает|пишет|ссылкой на|эфире)\s*[«\"„]?$", re.IGNORECASE)


def is_media(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is a news outlet that relays («сообщил РИА Новости»)."""
    name = text[start:end].strip("«»\"„“ ")
    head = name.split("-")[0]  # «Коммерсанту-Приволжье»: a regional edition of an outlet
    return name.lower() in MEDIA or normalize_name(name, "ORG").lower() in MEDIA or \
        head != name and normalize_name(head, "ORG").lower() in MEDIA or \
        bool(MEDIA_CONTEXT.search(text[max(0, start - 30) : start]))  # «Интерфаксу»


def source_in(text: str, start: int, end: int, entities, prefer_last: bool = False,
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
    gender = cue_gender(cue_word.group()) if cue_word else None
    if cue is not None and cue_word is not None and (
            cue_lemma(cue_word.group()) in RELAY_CUES or RELAY.match(text, cue[1], end)):
        people = [e for e in ents if e[2] == "PER"]
        # the outlet is the subject; the person it quotes is the object, in any case
        objects = [e for e in people if not _nominative(text[e[0]:e[1]])] or people
        if objects:
            return objects[0][0], objects[0][1]
        pronoun = OBJECT_PRONOUN.search(text, cue[1], end)  # «цитирует его слова РИА Новости»
        if pronoun:
            return pronoun.span()
        said = SAID.search(text, cue[1], end)  # «передаёт слова журналистки», «цитирует
        if said is not None:  # сообщение телеканала Al Libya»
            named = _phrase_after(text, said.end(), end, entities)
            if named is not None:
                return named
        for m in WORD.finditer(text, cue[1], end):  # «цитирует Infox.ru пресс-службу Минобороны»
            if cue_lemma(m.group()) in NAMED_TITLES and _pos(m.group())[1] == "accs":
                return m.start(), _title_end(text, m, end)
    ref = REFERENCE.search(text, start, end)  # «сообщила со ссылкой на заместителя главы X»
    if ref is not None:
        people = [e for e in ents if e[2] == "PER" and e[0] >= ref.end()]
        if people:
            return people[0][0], people[0][1]
        doc = SAID_DOC.match(text, ref.end(), end)  # «со ссылкой на пресс-релиз ведомства»
        named = _phrase_after(text, doc.end() if doc else ref.end(), end, entities)
        if named is not None:  # «со ссылкой на пресс-службу столичного главка МВД»
            return named
    # the speaker is the subject: a name in the nominative («Гибсона» in «пресс-агент Гибсона»
    # names whose agent it is, not who speaks)
    nominative = ents if oblique else \
        [e for e in ents if _nominative(text[e[0]:e[1]], gender if e[2] == "PER" else None)]
    if nominative:  # «Противники Ильхама Алиева заявили», «Отец Сингха», «Адвокат Маркива»:
        # the opponents, the father, the lawyer speak, not the man in the genitive
        kin = _relation_before(text, start, nominative[0][0],
                               KIN if nominative[0][2] == "PER" else RELATIONS)
        name = text[nominative[0][0] : nominative[0][1]]
        if kin is not None and (normalize_name(name, nominative[0][2]) != name or
                                _singular_genitive(name.split()[-1])):
            return kin  # («брат Пётр» is Пётр himself)
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
    owner = DOCUMENT.search(text, start, end)  # «говорится в заявлении Белого дома»
    if owner is not None:
        k = bisect.bisect_left(entities, (owner.end(),))
        person = next((e for e in entities[k : k + 4] if e[2] == "PER" and e[1] <= end and
                       not PHRASE_BREAK.search(text, owner.end(), e[0])), None)
        if person is not None:  # «в представлении генпрокурора РФ Юрия Чайки»
            return person[0], person[1]
        if k < len(entities) and entities[k][0] <= owner.end() + 1 and entities[k][1] <= end:
            return entities[k][0], entities[k][1]
    for m in reversed(words) if prefer_last else words:
        w = m.group().lower()
        if (w in SOURCE_TITLES or cue_lemma(w) in SOURCE_TITLES) and \
                (oblique or _pos(w)[1] in ("nomn", "")):  # not «… решение депутатов»
            return m.start(), _title_end(text, m, end)
        if w == "власти":  # «Турецкие власти», «власти США»
            first = m.start()
            for a in reversed(list(WORD.finditer(text, start, m.start()))[-2:]):
                if _pos(a.group().lower())[0] != "ADJF" or PHRASE_BREAK.search(
                        text, a.end(), first):
                    break
                first = a.start()
            return first, _title_end(text, m, end)
    locs = [e for e in window if e[2] == "LOC" and e[1] <= end and _nominative(text[e[0]:e[1]])]
    if locs:  # «США заявили, что …»; but «В Алматы …, в Минздраве заявили»: the body
        loc = locs[-1] if prefer_last else locs[0]
        where = _locative(text, words, cue_word)
        if where is not None and where[0] < loc[0] < where[1] and any(
                cue_lemma(w) in ORG_NOUNS for w in WORD.findall(text, where[0], loc[0])):
            return where[0], max(where[1], loc[1])  # «В администрации Костромской области»
        if where is None or where[0] < loc[1]:
            return loc[0], loc[1]
    # «Как передает AP, один из оппозиционеров сообщил», «жители Эквадора жалуются»: the
    # unnamed speaker, not the outlet
    one_of = ONE_OF.search(text, start, end)
    if one_of:  # «— сказал один из экспертов»: one the text does not name
        return one_of.span()
    anon = _anonymous_subject(text, words, entities)
    if media and anon:
        return anon
    # «передает Reuters со ссылкой на Маккристала»: the person the outlet quotes, in any case
    people = [e for e in ents if e[2] == "PER"]
    if media and people:
        return people[0][0], people[0][1]
    where = _locative(text, words, cue_word)
    if where is not None:  # «В ведомстве отметили», «сообщили ИА REGNUM в пресс-службе Совмина»
        return where
    issuer = _issuer(text, owner, end)
    if media and issuer is not None:  # «в ответе ведомства на запрос «Ура.ру»»: the body
        return issuer
    if media:
        return media[0][0], media[0][1]
    # the first noun that can speak, else the first noun: «француженка …, закончив эту часть
    # интервью заявлением:»
    noun = None
    for m in reversed(words) if prefer_last else words:
        pos, case = _pos(m.group())
        # «По словам очевидцев», «По мнению политолога»: the genitive
        if pos == "NOUN" and (case == "nomn" or oblique and case == "gent") and \
                not is_cue(m.group()):
            if _speaks(m.group()):
                noun = m
                break
            noun = noun or m
    if noun is not None:
        return noun.start(), _title_end(text, noun, end) if oblique else noun.end()
    if ents:
        return ents[0][0], ents[0][1]
    if owner is not None:  # «Как отмечается в пресс-релизе»: the document stands for its owner
        if issuer is not None:  # «в сообщении ведомства»: the body that issued it
            return issuer
        noun = list(WORD.finditer(text, owner.start(), owner.end()))[-1]
        return noun.span()
    return None


def _issuer(text: str, owner, end: int) -> tuple[int, int] | None:
    """The body noun in the genitive right after a document («в сообщении ведомства»), not
    «компании»: the company the sentence is about issued it, whatever other «Группа компаний»
    the text names."""
    if owner is None:
        return None
    body = WORD.match(text, owner.end())
    if body is not None and body.end() <= end and cue_lemma(body.group()) in ORG_NOUNS and \
            cue_lemma(body.group()) != "компания" and _genitive(body.group()):
        return body.span()
    return None


def _locative(text: str, words, cue_word) -> tuple[int, int] | None:
    """«В пресс-службе отметили», «в военном ведомстве добавили», «Как сообщили в суде»: a
    plural cue with no subject; the speakers are «in» the place or body named."""
    if cue_word is None or not _plural_verb(cue_word.group()):
        return None
    for i, m in enumerate(words[:-1]):
        if m.group().lower() not in ("в", "во"):
            continue
        for n in words[i + 1 : i + 4]:
            if PHRASE_BREAK.search(text, m.end(), n.start()):
                break
            pos, case = _pos(n.group())
            if (pos == "NOUN" and case == "loct" or _locative_noun(n.group())) and \
                    cue_lemma(n.group()) not in NOT_PLACES:
                return words[i + 1].start(), _title_end(text, n, cue_word.start()
                                                        if cue_word.start() > n.end() else
                                                        words[-1].end())
            if pos != "ADJF":
                break
    return None


@lru_cache(maxsize=10_000)
def _locative_noun(word: str) -> bool:
    """«администрации», «прокуратуре» read first as other cases yet can be locative: after
    «в» they are (a body noun of ORG_NOUNS only, so «в течение» stays out)."""
    return cue_lemma(word) in ORG_NOUNS and any(
        p.tag.case == "loct" and str(p.tag.POS) == "NOUN" for p in _parse(word.lower()))


NOT_PLACES = frozenset("""январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь
декабрь год время день неделя час период момент ход рамка связь интервью эфир беседа разговор
итог результат случай конец начало середина""".split())


@lru_cache(maxsize=10_000)
def _plural_verb(word: str) -> bool:
    """«отметили», «сообщают»: a plural verb form (past or present)."""
    p = _parse(word.lower())[0]
    return str(p.tag.POS) == "VERB" and p.tag.number == "plur"


OBJECT_PRONOUN = re.compile(r"\b(?:его|её|ее|их)\b", re.IGNORECASE)
ONE_OF = re.compile(r"\b(?:[Оо]дин|[Оо]дна|[Нн]екоторые|[Мм]ногие)\s+из\s+\w+")
SAID = re.compile(r"\b(?:слова|сообщение|заявление|высказывание)\s+", re.IGNORECASE)
SAID_DOC = re.compile(r"\s*(?:пресс-релиз|заявление|сообщение|данные|материалы|документ|"
                      r"письмо|доклад)\s+", re.IGNORECASE)


def _phrase_after(text: str, at: int, end: int, entities) -> tuple[int, int] | None:
    """What a word is «of» («слова журналистки», «пресс-релиз ведомства»): a name right
    after ``at``, else a noun and its genitive dependents («пресс-службу столичного главка
    МВД»)."""
    k = bisect.bisect_left(entities, (at,))
    if k < len(entities) and entities[k][0] <= at + 1 and entities[k][1] <= end and \
            entities[k][2] in ("PER", "ORG"):
        return entities[k][0], entities[k][1]
    m = WORD.search(text, at, end)
    if m is None or m.start() > at + 1 or _pos(m.group())[0] != "NOUN" or is_cue(m.group()):
        return None
    return m.start(), _title_end(text, m, end)


DOCUMENT = re.compile(r"\bв\s+(?:заявлении|сообщении|пресс-релизе|обращении|письме|документе|"
                      r"представлении|докладе|коммюнике|ответе|релизе)\s+", re.IGNORECASE)
# the same documents as lemmas: a source that is one of them stands for whoever issued it
DOCUMENT_NOUNS = frozenset("""заявление сообщение пресс-релиз обращение письмо документ доклад
коммюнике релиз""".split())
ANONYMOUS_SOURCES = frozenset("""источник собеседник инсайдер эксперт специалист житель
сторонник наблюдатель оппозиционер член очевидец свидетель аналитик политолог пациент пассажир
вкладчик родитель""".split())


COUNTS = frozenset("два две три четыре оба обе несколько ряд 2 3 4".split())


def _anonymous_subject(text: str, words, entities, named=(), oblique: bool = False):
    """An unnamed speaker noun in the nominative («источник», «жители»), when no name of
    ``named`` follows it in the same phrase («эксперт Иван Петров», «член партии
    "Справедливая Россия" Алексей Казаков», «специалист … Университета Рочестера доктор
    Фредерик Мис» name the speaker)."""
    for i, m in enumerate(words):
        counted = i > 0 and words[i - 1].group().lower() in COUNTS  # «два источника»
        if cue_lemma(m.group()) not in ANONYMOUS_SOURCES or \
                (_pos(m.group())[1] != "nomn" and not oblique and not counted):
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
помощник основатель владелец гендиректор""".split())


SPEAKING_BODIES = ORG_NOUNS | AGENCY_WORDS
KIN = RELATIONS | AGENTS  # who speaks before a person's name in the genitive


def _singular_genitive(word: str) -> bool:
    """Whether a name's word can be a singular genitive («Сингха», «Маркива»; not «Пётр»)."""
    return any(p.tag.case == "gent" and p.tag.number == "sing" for p in _parse(word))


def _relation_before(text: str, start: int, at: int,
                     nouns: frozenset[str] = RELATIONS) -> tuple[int, int] | None:
    """The relative, ally, member or agent right before a name («Отец | Сингха»), as a span."""
    m = re.search(r"([\w-]+)\s+$", text[max(start, at - 30) : at])
    if m is None:
        return None
    word = m.group(1)
    if cue_lemma(word) not in nouns:
        return None
    s = max(start, at - 30) + m.start(1)
    return s, s + len(word)


def _speaks(word: str) -> bool:
    """A person or a body: an animate noun, a title, an organisation noun."""
    p = _parse(word.lower())[0]
    return "anim" in p.tag or is_person_title(word) or p.normal_form in SPEAKING_BODIES


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
    found = list(WORD.finditer(text, title.end(), end))[:7]
    limit = 3  # «министерстве труда и социальной поддержки Ярославской области»: six with «и»
    for k, m in enumerate(found):
        if k >= limit or PHRASE_BREAK.search(text, stop, m.start()):
            break
        w = m.group()
        if w == "и" and 0 < k < min(limit, len(found)) - 1 and found[k + 1].group().islower() and \
                _genitive(found[k + 1].group()):
            limit = 7
            continue
        if not (_genitive(w) or w.isupper() and len(w) > 1
                or not re.match(r"[А-Яа-яЁё]", w)) or is_cue(w):
            break
        stop = m.end()
    region = REGIONAL.match(text, stop)  # «Управлении Роспотребнадзора по Красноярскому краю»
    if region is not None and region.end() <= end and stop > title.end():
        stop = region.end()
    host = HOST_PLACE.match(text, stop)  # «посольстве России в Шри-Ланке»: where it serves
    if host is not None and host.end() <= end and stop > title.end() and \
            cue_lemma(title.group()) in MISSIONS:
        stop = host.end()
    return stop


MISSIONS = frozenset("посольство генконсульство консульство представительство миссия".split())
HOST_PLACE = re.compile(r" в (?:[А-ЯЁ][а-яё]+-)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\b")


# the region an office serves: «ГУ МЧС России по Красноярскому краю»
REGIONAL = re.compile(r" по [А-ЯЁ][а-яё]+(?:ому|ой|ему) (?:краю|области|округу|району|республике)\b")


@lru_cache(maxsize=50_000)
def _genitive(word: str) -> bool:
    """A noun or adjective that can be genitive: «области» and «Самарской» read first as
    locatives, yet «в министерстве образования Самарской области» takes them as genitives."""
    return any(p.tag.case == "gent" and str(p.tag.POS) in ("NOUN", "ADJF")
               for p in _parse(word.lower()) if p.score >= 0.05)


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


def _nominative(name: str, gender: str | None = None) -> bool:
    """Whether a name can be in the nominative (Latin, abbreviations and unknowns can); with
    ``gender``, a nominative of that gender («Дадашева» is no man's nominative)."""
    words = [w for w in WORD.findall(name) if re.match(r"[А-Яа-яЁё]", w)
             and not (w.isupper() and len(w) > 1)]
    if not words:
        return True
    parses = _parse(words[0])
    if not any(p.tag.case == "nomn" or p.tag.case is None for p in parses):
        # «Дилноза Юсупова»: a first name pymorphy only guesses at, before a surname that is
        # a woman's nominative, is hers
        return gender != "masc" and len(words) > 1 and not any(p.is_known for p in parses) \
            and len(words[-1]) > 4 and words[-1].lower().endswith(FEMN_SURNAME)
    # Russian surnames tell the gender of their nominative: «Дадашева» (she) or «Дадашев» (he)
    surname = words[-1].lower()
    if gender == "masc" and len(words[-1]) > 4 and surname.endswith(FEMN_SURNAME):
        return False
    return not (gender == "femn" and len(words[-1]) > 4 and surname.endswith(MASC_SURNAME))

"""Names the tagger leaves out, splits or mislabels that a document shows by their form or their
neighbours: outlets by their web address («рассказал 24.kg»), streets («Кремлевской площади»,
«улицы Розыбакиева»), the parliaments of Central Asia («Маджлиси намояндагон»), agency
datelines («ПРИШТИНА, 12 июня»), places run into or taken for people («аким Семея | Серик
Жаксыбеков», «акимата Семея»), and sentence-opening phrases that name nothing («Надзорное
ведомство»)."""

from __future__ import annotations

import bisect
import dataclasses
import re

from nlpkit.normal import lemma, normalize_name, parse
from nlpkit.types import Entity

__all__ = ["PROPER_TAGS", "bodies_opening_sentences", "body_of_place", "comma_tail", "datelines",
           "generic_phrase", "is_place", "join_overlaps", "listed_remit", "outlets",
           "parliaments", "people_listed_with_places", "place_before_person",
           "places_after_bodies", "places_read_as_bodies", "span_entity", "streets"]


def span_entity(text: str, start: int, end: int, label: str, score: float) -> Entity:
    """The entity ``text[start:end]`` with its normal form (a span that mends made anew)."""
    return Entity(start, end, label, text[start:end], normalize_name(text[start:end], label), score)


# an outlet named by its web address, which the tagger leaves out when it opens with a digit or
# stands alone: «рассказал 24.kg», «передает Tengrinews.kz», «сообщает ria.ru», «59.RU», «161.ру»
ADDRESS = re.compile(r"(?<![\w.@/:-])[A-Za-zА-ЯЁа-яё0-9][\w-]*\.(?i:kg|ru|kz|uz|tj|tm|by|ua|am|az|ge|"
                     r"md|com|net|org|info|media|news|рф|ру)(?![\w-])(?!\.\w)")
# words that make a lowercase address an outlet rather than a site («на сайте gosuslugi.ru»)
MEDIA_CUE = re.compile(r"\b(?:сообща\w+|сообщил\w*|переда[её]т|передают|пишет|рассказал\w?|"
                       r"заявил\w?|сказал\w?|отметил\w?|интервью|беседе с|разговоре с|"
                       r"изданию|издания|порталу|портала|агентству|корреспонденту|ссылкой на|"
                       r"данным)[^.,;:!?\n]{0,25}$", re.IGNORECASE)


# a street, square or bridge named by an adjective: the noun is part of the name («Кремлевской
# площади», «Московского проспекта», «Воткинское шоссе»), as the corpora mark it
STREET = re.compile(r"(?<![\w-])(?:(?:Северо|Юго|Ново|Старо|Верхне|Нижне)-?)?[А-ЯЁ][а-яё]+(?:ая|ой|ую|ий|ый|ого|ому|ом|ое|"
                    r"ым|ей|ее|ему|его|им)\s+(?:улиц[аеуы]|улицей|проспект[аеу]?|проспектом|"
                    r"площад[ьи]|площадью|шоссе|переул(?:ок|ка|ке|ку|ком)|набережн(?:ая|ой|ую)|"
                    r"мост(?:а|у|е|ом)?|бульвар(?:а|е|у|ом)?|проезд(?:а|е|у|ом)?|тракт(?:а|е|у|ом)?)"
                    r"(?![\w-])")


# a street's noun before its name («улицы Розыбакиева», «улице Тэцевской»): the noun is taken into
# the name, as the guidelines' annotators of modern news mark it; a person's name there is a street
STREET_NOUN = re.compile(r"(?<![\w-])(?:[Уу]лиц(?:а|е|у|ы|ей)|[Пп]роспект(?:а|е|у|ом)?|"
                         r"[Пп]лощад(?:ь|и|ью)|[Пп]ереул(?:ок|ка|ке|ку|ком)|[Бб]ульвар(?:а|е|у|ом)?|"
                         r"[Нн]абережн(?:ая|ой|ую))\s+$")


def _street_nouns(text: str, ents: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for e in ents:
        m = STREET_NOUN.search(text, max(0, e.start - 20), e.start) if e.label in ("PER", "LOC") \
            else None
        if m is not None and (" " in e.text or "Geox" not in parse(e.text)[0].tag) and \
                not (out and out[-1].end > m.start()):  # not «улицы Лондона»
            e = span_entity(text, m.start(), e.end, "LOC", e.score)
        out.append(e)
    return out


def streets(text: str, ents: list[Entity]) -> list[Entity]:
    """Add the streets, squares and bridges named by an adjective that the tagger left out,
    widen a place it tagged without its noun («Московского» → «Московского проспекта»), and
    take in the noun before a street's name («улицы Розыбакиева»)."""
    ents = _street_nouns(text, ents)
    added, out = [], list(ents)
    for m in STREET.finditer(text):
        s, e = m.span()
        if s > 0 and text[: s].rstrip()[-1:] in ".!?\n" or s == 0:
            continue  # a sentence's first word is capitalised anyway
        inside = [x for x in out if x.start < e and s < x.end]
        if not inside:
            added.append(Entity(s, e, "LOC", text[s:e], normalize_name(text[s:e], "LOC"), 0.9))
        elif len(inside) == 1 and inside[0].label == "LOC" and inside[0].start == s and \
                inside[0].end < e:
            out[out.index(inside[0])] = Entity(s, e, "LOC", text[s:e],
                                               normalize_name(text[s:e], "LOC"), inside[0].score)
    return sorted(out + added, key=lambda x: x.start) if added or out != ents else ents


def outlets(text: str, ents: list[Entity]) -> list[Entity]:
    """Add the outlets a text names by their address and the tagger left out («24.kg»,
    «63.ru»): an address that opens with a capital or a digit, or that a media word precedes
    in its sentence. Addresses inside a name the tagger found stay as they are; a piece of an
    address the tagger took for a name («59.|RU|») gives way to the whole address."""
    added: list[Entity] = []
    dropped: set[int] = set()
    for m in ADDRESS.finditer(text):
        s, e = m.span()
        inside = [x for x in ents if x.start < e and s < x.end]
        if any(x.start < s or x.end > e for x in inside):
            continue
        if inside or text[s].isupper() or text[s].isdigit() or \
                MEDIA_CUE.search(text, max(0, s - 80), s):
            dropped.update(id(x) for x in inside)
            added.append(Entity(s, e, "ORG", text[s:e], text[s:e], 1.0))
    if not added:
        return ents
    return sorted([x for x in ents if id(x) not in dropped] + added, key=lambda x: x.start)


# a ministry's remit listed after a comma: «Министерство труда, | социального обеспечения и
# миграции», «Министерство экологии, | охраны окружающей среды и изменения климата»
REMIT_HEAD = re.compile(r"(?:Министерств|Комитет|Агентств|Департамент)[а-я]*\s")
REMIT_STEP = re.compile(r"(,\s+|\s+)([а-яё]+)")


def _genitive(word: str) -> bool:
    """A remit word that can be genitive in one of its three likeliest readings (laxer than
    sources._genitive, which keeps to nouns and adjectives)."""
    return any(p.tag.case == "gent" for p in parse(word)[:3])


def comma_tail(text: str, s: int, e: int) -> int:
    """«Агентстве по противодействию коррупции, | ущерб»: a body's span that runs past a comma
    into lower-case words not all in the genitive ends at the comma."""
    i = text.rfind(", ", s, e)
    tail = text[i + 2 : e].split() if i > s else []
    if tail and all(w.isalpha() and w.islower() for w in tail) and \
            not all(_genitive(w) or w == "и" for w in tail):
        return i
    return e


def listed_remit(text: str, s: int, e: int) -> int:
    """The end of a body's name that lists its remit, each part in the genitive, past where the
    tagger stopped at a comma or before «и»; the list ends on its «и» part. Without a comma,
    only a country in the genitive after it shows that «и» joins the remit («Министерство
    экономики и коммерции Кыргызстана»), not a second party."""
    if not REMIT_HEAD.match(text, s, e):
        return e
    listed = "," in text[s:e]
    end, pos, joined = e, e, False
    for _ in range(12):
        m = REMIT_STEP.match(text, pos)
        if m is None or m.group(2) != "и" and not _genitive(m.group(2)) or \
                m.group(1).strip() and joined:
            break
        if m.group(1).strip():
            listed = True
        elif m.group(2) == "и":
            joined = True
        pos = m.end()
        if joined and m.group(2) != "и":
            end = pos
    # with no comma, «Министерство экономики | и коммерции» only when its country follows
    place = PLACE_AFTER.match(text, end)
    if not listed and not (place and any("Geox" in p.tag and p.tag.case == "gent"
                                         for p in parse(place.group(1))[:2])):
        return e
    return end


PLACE_AFTER = re.compile(r"\s+([А-ЯЁ][а-яё-]+)")


# the parliaments of Central Asia, whose Tajik, Uzbek and Kyrgyz names the tagger splits or
# takes for people («Маджлиси | намояндагон», «Олий» as PER)
PARLIAMENT = re.compile(r"(?<![\w-])(?:Маджлиси\s+(?:намояндагон|милли|Оли)|Олий\s+Мажлис[а-я]{0,2}|"
                        r"Жогорку\s+Кенеш[а-я]{0,2}|Жокаргы\s+Кенес[а-я]{0,2}|Мажилис[а-я]{0,2}|"
                        r"Милли\s+[Мм]еджлис[а-я]{0,2}|Милли\s+[Мм]ажлис[а-я]{0,2}|"
                        r"Халк\s+[Мм]аслахаты?)(?![\w-])")


def parliaments(text: str, ents: list[Entity]) -> list[Entity]:
    """Each Central Asian parliament's name is one ORG, with whatever name the tagger ran into
    it («Олий» + «Мажлиса Узбекистана» → «Олий Мажлиса Узбекистана»)."""
    out = list(ents)
    for m in PARLIAMENT.finditer(text):
        s, e = m.span()
        inside = [x for x in out if x.start < e and s < x.end]
        head = re.sub(r"(Мажлис|Кенеш|Мажилис|Кенес|[Мм]еджлис|[Мм]ажлис)[а-я]{0,2}$", r"\1",
                      m.group())  # nominative
        if len(inside) == 1 and inside[0].label == "ORG" and inside[0].start <= s and \
                e <= inside[0].end:  # already within a name («Законодательная палата Олий
            if inside[0].start == s:  # Мажлиса»); its head in the nominative
                k = out.index(inside[0])
                out[k] = dataclasses.replace(inside[0], normal=head + text[e : inside[0].end])
            continue
        s = min([s] + [x.start for x in inside if x.label == "ORG"])
        e = max([e] + [x.end for x in inside if x.label == "ORG"])
        out = [x for x in out if not (x.start < e and s < x.end)]
        normal = head + text[m.end() : e] if s == m.start() else normalize_name(text[s:e], "ORG")
        out.append(Entity(s, e, "ORG", text[s:e], normal, 0.9))
    return sorted(out, key=lambda x: x.start) if out != ents else ents


# nouns a settlement's name follows («жительница села Кара-Суу Гульмира Осмонова», «жительница
# Ак-Ордо Айгерим Садыкова»)
PLACE_NOUNS = frozenset("""село аил айыл аул посёлок поселок микрорайон жилмассив деревня
станица кишлак махалля город район улица провинция штат префектура житель жительница уроженец
уроженка""".split())
# and those whose place in the genitive comes before a name («аким Семея Серик Жаксыбеков»)
PLACE_TITLES = frozenset("аким хоким мэр вице-мэр губернатор раис".split())
NAME_AFTER_PLACE = re.compile(r"(\S+)\s+(?=\S+\s+\S)")
LOWER_WORD_BEFORE = re.compile(r"([а-яё]+)\s+$")
CYR_WORD_BEFORE = re.compile(r"([А-ЯЁа-яё]+)\s+$")


def place_before_person(text: str, ents: list[Entity]) -> list[Entity]:
    """«микрорайона Анар Гулиза Ташиева», «Минобороны Камбоджи Чан Сопханна»: a person's name
    the tagger ran a place's name into, after the noun that says it is a place or right after an
    organisation, is the place (LOC, which then joins the organisation) and the person (PER)."""
    out: list[Entity] = []
    for i, e in enumerate(ents):
        if e.label == "PER" and " " not in e.text and i + 1 < len(ents) and \
                ents[i + 1].label == "PER" and text[e.end : ents[i + 1].start] == " " and \
                " " in ents[i + 1].text and _place_before(text, e.start, e.text):
            # «вице-мэр Токмока | Алмаз Жумабеков», «поселка Атакент | Ерболат Сейткали»
            out.append(_place(text, e.start, e.end, e.score))
            continue
        m = NAME_AFTER_PLACE.match(e.text) if e.label == "PER" else None
        after_org = m is not None and (bool(out) and out[-1].label == "ORG" and text[
            out[-1].end : e.start] == " " or _place_word(m.group(1))) and _genitive_word(m.group(1))
        if m is None or not _place_before(text, e.start, m.group(1)) and not after_org or \
                any("Patr" in p.tag for w in e.text.split()[1:] for p in parse(w)):
            out.append(e)  # «города Владимир Петрович Иванов» is one man
            continue
        s = e.start + m.end()
        out.append(_place(text, e.start, e.start + len(m.group(1)), e.score))
        out.append(Entity(s, e.end, "PER", text[s:e.end], normalize_name(text[s:e.end], "PER"),
                          e.score))
    return out


def _place_before(text: str, start: int, word: str) -> bool:
    """Whether a place noun, or a title a place in the genitive follows, comes right before
    ``word`` (at ``start``)."""
    before = CYR_WORD_BEFORE.search(text, max(0, start - 30), start)  # «Аким Риддера …» too
    noun = lemma(before.group(1).lower()) if before is not None else ""
    return noun in PLACE_NOUNS or noun in PLACE_TITLES and _genitive_word(word) or \
        _region_start(text, start, word) is not None


# «акима области Жетысу», «управлении здравоохранения области Абай»: a region's name after the
# noun, not «Чуйской области» (there the adjective names it)
REGION_BEFORE = re.compile(r"(?<![А-ЯЁа-яё])([а-яё]+)\s+област(?:ь|и|ью|ей)\s+$")


def _region_start(text: str, start: int, word: str) -> int | None:
    """Where «области» opens the region's name ``word`` at ``start`` (the place's span starts
    there, as «Чуйской области» ends with it), or None."""
    m = REGION_BEFORE.search(text, max(0, start - 50), start)
    if m is None or m.group(1).endswith(("ой", "ей", "ий", "ый")) or \
            any("Name" in p.tag or "Surn" in p.tag for p in parse(word)[:1]):
        return None
    return m.end(1) + len(text[m.end(1):start]) - len(text[m.end(1):start].lstrip())


def _place(text: str, s: int, e: int, score: float) -> Entity:
    """A LOC entity for ``text[s:e]``, widened to «области» before it when that opens it."""
    s = _region_start(text, s, text[s:e]) or s
    return Entity(s, e, "LOC", text[s:e], normalize_name(text[s:e], "LOC"), score)


def _place_word(word: str) -> bool:
    """«Еревана» in «мэр Еревана Гагик Мелконян»: a place's name first of all."""
    parses = parse(word)
    return bool(parses) and "Geox" in parses[0].tag


def _genitive_word(word: str) -> bool:
    """A word that can stand in the genitive and does not open a name: «Камбоджи», «Кенеша»,
    not «Урсула», «Педру» or the indeclinable «Абу»."""
    parses = parse(word)
    if not parses or "Name" in parses[0].tag and parses[0].tag.case == "nomn":
        return False
    return any(p.tag.case == "gent" and "Fixd" not in p.tag for p in parses)


# bodies a place in the genitive follows («акимата Семея», «хукумате Куляба»)
PLACE_BODIES = frozenset("""акимат хокимият хукумат мэрия администрация правительство парламент исполком
горсовет прокуратура аппарат маслихат кенеш""".split())


PLACE_PREPOSITION = re.compile(r"(?:^|\s)(?:[Вв]о?|[Ии]з|[Пп]од|[Нн]ад|[Зз]а)\s+$")


def places_after_bodies(text: str, ents: list[Entity]) -> list[Entity]:
    """A one-word name the tagger took for a person is a place right after a body's noun
    («акимата Семея»), unless it is a name pymorphy knows or the surname of a person the
    document names in full («администрации Путина»); and a known place's name after a place
    noun («Жители Владимира») or, in an oblique case, after a preposition («во Владимире»)."""
    surnames = {e.text.split()[-1] for e in ents if e.label == "PER" and " " in e.text}
    out = []
    for e in ents:
        if e.label == "PER" and " " not in e.text and "." not in e.text and e.text not in surnames:
            m = CYR_WORD_BEFORE.search(text, max(0, e.start - 30), e.start)
            noun = lemma(m.group(1).lower()) if m is not None else ""
            parses = parse(e.text)
            places = [p for p in parses if "Geox" in p.tag]
            if _region_start(text, e.start, e.text) is not None or \
                    noun in PLACE_BODIES and m is not None and m.group(1).islower() and not any(
                    p.is_known and {"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses) or \
                    places and (noun in PLACE_NOUNS or PLACE_PREPOSITION.search(
                        text, max(0, e.start - 4), e.start) and any(
                        p.tag.case in ("loct", "gent", "ablt") for p in places)):
                e = _place(text, e.start, e.end, e.score)
        out.append(e)
    return out


def is_place(span: tuple[int, int], entities) -> bool:
    """Whether ``span`` is a place among ``entities``, (start, end, label) triples in text
    order (those that start where it starts are looked at)."""
    at = bisect.bisect_left(entities, (span[0],))
    return (*span, "LOC") in entities[at : bisect.bisect_left(entities, (span[0] + 1,), at)]


def body_of_place(text: str, span: tuple[int, int] | None,
                  entities) -> tuple[int, int] | None:
    """A place named as a quote's source right after a body's noun stands with that noun for
    the body («По информации акимата | Семея», «В хукумате | Куляба пообещали»): the span
    widened to the noun. ``entities``: (start, end, label) triples."""
    if span is None or not is_place(span, entities):
        return span
    m = LOWER_WORD_BEFORE.search(text, max(0, span[0] - 30), span[0])
    return (m.start(1), span[1]) if m is not None and lemma(m.group(1)) in PLACE_BODIES else span


# an agency dateline: «ПРИШТИНА, 12 июня. /ТАСС/.», «НУР-СУЛТАН, 3 мая 2021.», «МЕХИКО, 9 мая —
# РИА Новости.», «БИШКЕК, 14 апреля — 24.kg.», and the agency it names
DATELINE = re.compile(r"(?m)^([А-ЯЁ][А-ЯЁ-]{2,}(?:[ -][А-ЯЁ-]{2,})*), \d{1,2} [а-я]+(?: \d{4})?"
                      r"(?:\.(?:\s*/([^/\n]{2,40})/)?|(?= — ([А-ЯЁA-Z0-9](?:[^.\n/—]|\.(?=\w)){1,38})\.))")
# a city alone in capitals opening a paragraph: «БИШКЕК. Первомайский районный суд …»
CITY_LINE = re.compile(r"(?m)^([А-ЯЁ][А-ЯЁ-]{2,}(?: [А-ЯЁ-]{2,})?)\. (?=[А-ЯЁ])")


def _capitalized(span: str) -> str:
    return re.sub(r"[А-ЯЁ]+", lambda m: m.group().capitalize(), span)


def datelines(text: str, ents: list[Entity]) -> list[Entity]:
    """The city of an agency's dateline is a place, and the agency between slashes or after a
    dash an organisation, whatever the tagger made of them."""
    found: list[tuple[int, int, str, str]] = []
    for m in DATELINE.finditer(text):
        found.append((*m.span(1), "LOC", _capitalized(m.group(1))))
        agency = 2 if m.group(2) else 3 if m.group(3) else 0
        if agency and m.group(agency).strip() == m.group(agency):
            found.append((*m.span(agency), "ORG", m.group(agency)))
    for m in CITY_LINE.finditer(text):
        city = _capitalized(m.group(1))
        if any("Geox" in p.tag for p in parse(city)[:2]):
            found.append((*m.span(1), "LOC", city))
    if not found:
        return ents
    kept = [x for x in ents if not any(x.start < e and s < x.end for s, e, _, _ in found)]
    added = [Entity(s, e, label, text[s:e], normal, 0.9) for s, e, label, normal in found]
    return sorted(kept + added, key=lambda x: x.start)


PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr")
# heads of phrases that describe a body without naming it («Надзорное ведомство», «Совет
# директоров», «Нижняя палата парламента страны»)
GENERIC_HEADS = frozenset("ведомство партия подразделение контроль руководство сторона директор "
                          "страна банк сообщество группа".split())


def generic_phrase(text: str, s: int, e: int) -> bool:
    """Whether a span of known common words, capitalised only because a sentence opens with
    it, has a generic head among its nouns: it describes a body and names none."""
    words = text[s:e].split()
    before = text[:s].rstrip(" \t")
    if len(words) < 2 or not words[0][:1].isupper() or not words[0][1:].islower() or \
            not all(w.isalpha() and w.islower() for w in words[1:]) or \
            before and before[-1] not in ".!?\n«\"" or text[e : e + 1] in ("»", '"'):
        return False  # «Балтийской судоходной группы» in its marks is a name
    parses = [parse(w.lower())[0] for w in words]
    if any(not p.is_known or any(t in p.tag for t in PROPER_TAGS) for p in parses):
        return False
    return any(str(p.tag.POS) == "NOUN" and p.normal_form in GENERIC_HEADS for p in parses)


# a body that opens a sentence with its place: «Прокуратура Липецкой области начала проверку»,
# «Акимат Алматы сообщил» (the body's official name; mid-sentence, «прокуратура области» is a
# description and its place stays a place)
OPENING_BODY = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?»]\s\s)|(?<=\n)|(?<=/\.\s))((?:Ген)?[Пп]рокуратур[аеуы]|"
                          r"Мэри[яию]|Акимат[ауе]?|Хокимият[ауе]?|Хукумат[ауе]?|Управлени[еяю]) $")


ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё]+(?:ий|ый|ой|ого|ому|ом|им|ая|ую|ой|ое))\s$")


def _adjective_before(text: str, e: Entity) -> re.Match | None:
    """«Среднесибирском | УГМС», «Бурятского | ЦГМС»: a capitalised place adjective right before
    a body's abbreviation the tagger found alone."""
    if e.label != "ORG" or not e.text.isupper() or " " in e.text:
        return None
    m = ADJECTIVE_BEFORE.search(text, max(0, e.start - 30), e.start)
    if m is None or not any(str(p.tag.POS) == "ADJF" for p in parse(m.group(1))[:2]):
        return None
    return m


def bodies_opening_sentences(text: str, ents: list[Entity]) -> list[Entity]:
    """A place, or a body in the genitive, right after a body's noun that opens a sentence is
    part of that body's name («Прокуратура Липецкой области», «Управление Роспотребнадзора по
    Оренбургской области»); so is a capitalised adjective before a body's abbreviation."""
    out: list[Entity] = []
    for e in ents:
        m = OPENING_BODY.search(text, max(0, e.start - 16), e.start)
        if e.label == "ORG" and m is not None and not any("gent" in p.tag for p in parse(
                e.text.split()[0])[:1]):
            m = None  # «Управление Роспотребнадзора», not «Управление Минобороны» apart
        m = m or _adjective_before(text, e)
        if m is None or m.end() != e.start or out and out[-1].end > m.start():
            out.append(e)
            continue
        span = text[m.start(1) : e.end]
        normal = normalize_name(span, "ORG")
        if e.text.isupper() and e.text[0] in NEUTER_HEADS:  # «Среднесибирское УГМС»: управление
            form = parse(m.group(1))[0].inflect({"nomn", "sing", "neut"})
            normal = form.word.capitalize() + " " + e.text if form is not None else normal
        out.append(Entity(m.start(1), e.end, "ORG", span, normal, e.score))
    return out


# an abbreviation's first letter whose word is neuter: «У»/«Г» управление, «М» министерство
NEUTER_HEADS = frozenset("УГМ")


UNION_WORDS = frozenset(("евросоюз", "евразэс", "содружество"))  # pymorphy's Geox, but bodies


def places_read_as_bodies(text: str, ents: list[Entity]) -> list[Entity]:
    """A one-word "organisation" that pymorphy knows first as a place, not in quotation marks
    (where «Ростов» or «Енисей» is a club), is a place: «в Ливерпуле», «Власти Таиланда»,
    «Азербайджан вступил в Совет Европы» (guidelines §1: a state as an actor is LOC)."""
    out = []
    for e in ents:
        if e.label == "ORG" and e.text.isalpha() and not e.text.isupper() and \
                text[e.start - 1 : e.start] not in ("«", '"', "„", "“") and \
                text[e.end : e.end + 1] not in ("»", '"', "“", "”"):
            parses = parse(e.text)[:2]
            if parses and parses[0].is_known and "Geox" in parses[0].tag and \
                    not any("Orgn" in p.tag for p in parses) and \
                    parses[0].normal_form not in UNION_WORDS:
                e = Entity(e.start, e.end, "LOC", e.text, normalize_name(e.text, "LOC"), e.score)
        out.append(e)
    return out


COORDINATION = re.compile(r"\s+(?:и|или)\s+|\s*[—–-]\s*")


def people_listed_with_places(text: str, ents: list[Entity]) -> list[Entity]:
    """A one-word "person" joined by «и» or a dash to a place is a place too: «в Истаравшане и
    Гафурове», «между Гондэром и Бахр-Даром», «дорогу Могадишо — Джоухар»; not a name pymorphy
    knows, and not the surname of a person the document names in full."""
    surnames = {w for e in ents if e.label == "PER" and " " in e.text for w in e.text.split()}
    out = list(ents)
    for i, e in enumerate(ents):
        if e.label != "PER" or " " in e.text or "." in e.text or e.text in surnames or any(
                p.is_known and {"Name", "Surn", "Patr"} & p.tag.grammemes for p in parse(e.text)[:2]):
            continue
        near = [x for x in (ents[i - 1] if i else None, ents[i + 1] if i + 1 < len(ents) else None)
                if x is not None and x.label == "LOC"]
        if any(COORDINATION.fullmatch(text[min(x.end, e.end) : max(x.start, e.start)]) for x in near):
            out[i] = Entity(e.start, e.end, "LOC", e.text, normalize_name(e.text, "LOC"), e.score)
    return out if out != ents else ents


HEAD_OFFICE_ALONE = re.compile(r"ГУ")  # «ОРЧ СБ ГУ» + «ГУ МВД России»: two bodies


def join_overlaps(text: str, ents: list[Entity]) -> list[Entity]:
    """Two organisations that overlap are one: a remit list taken into the first runs into the
    second the tagger found («Министерстве труда, | миграции и занятости населения
    Таджикистана»). A shared «ГУ» joins nothing («ОРЧ СБ ГУ» and «ГУ МВД России»)."""
    out: list[Entity] = []
    for x in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label == x.label == "ORG" and \
                prev.start < x.start < prev.end < x.end and not HEAD_OFFICE_ALONE.fullmatch(
                    text, x.start, prev.end):
            out[-1] = span_entity(text, prev.start, x.end, "ORG", min(prev.score, x.score))
        else:
            out.append(x)
    return out

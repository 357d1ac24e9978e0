"""Names in quotation marks and in brackets: what a quoted name after its kind's noun is
(«банке «Приневский»», «махалли «Ойдин»», «программы «Комфортная городская среда»») and an
organisation's abbreviation in brackets («Организации тюркских государств (ОТГ)»)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from nlpkit.ner_extras import CYR_WORD_BEFORE
from nlpkit.normal import lemma, normalize_name
from nlpkit.types import Entity

__all__ = ["KIND_NOUNS", "LEGAL_FORMS", "bracketed_abbreviations", "quoted_kinds", "quoted_names",
           "split_abbreviations", "split_entities"]

# what a quoted name is the name of: in apposition it stays nominative («компании «Фарм
# Импорт»», «газеты «Известия»»), unlike after other nouns («депутат «Единой России»»)
KIND_NOUNS = frozenset("""компания фирма партия газета журнал банк агентство холдинг издание
движение фонд группа концерн корпорация телеканал телекомпания радиостанция клуб организация
объединение завод предприятие общество центр союз ассоциация блок портал сайт издательство
студия театр фестиваль проект кооператив комбинат""".split())
LEGAL_FORMS = frozenset("ООО ОАО ЗАО АО ПАО НКО ГУП ФГУП МУП АНО ИА ФК ХК ТРК ТОО ОсОО ОДО ЧП ИП АОО".split())
# nouns a quoted place's name follows («махалли «Ойдин»», «пункт пропуска «Хоргос»»)
QUOTED_PLACE_NOUNS = frozenset("махалля махалли махалл пропуск станция стадион микрорайон жилмассив".split())
# more nouns a quoted organisation's name follows, which a quoted work's name does not
QUOTED_ORG_NOUNS = KIND_NOUNS - {"фестиваль", "проект", "театр", "студия", "сайт", "портал",
                                 "группа"} | {"профсоюз", "коалиция", "молокозавод", "супермаркет",
                                             "лагерь", "курорт", "аквапарк", "санаторий",
                                             "ополчение", "группировка"}
QUOTED = re.compile(r"«([A-ZА-ЯЁ][^«»\n]{1,60})»")


# nouns whose quoted name names no organisation: a programme, a work, an event, a law
QUOTED_WORK_NOUNS = frozenset("""программа нацпроект проект фестиваль платформа спектакль фильм
книга операция акция выставка конкурс кампания закон статья стратегия концепция приложение
сериал песня альбом роман постановка""".split())
ABBREVIATION = re.compile(r"[А-ЯЁA-Z][А-ЯЁA-Zа-яё]{1,5}")


def quoted_kinds(text: str, ents: list[Entity]) -> list[Entity]:
    """«программы «Комфортная городская среда»», «фестиваль «Стены»»: a quoted name after a
    noun of a work or a programme is no organisation; and a kind's abbreviation before a quoted
    name the tagger found apart («ОсОО | «Тенир-Тоо Майнинг»», «ГБУ | «…»») is no name."""
    out = []
    for i, e in enumerate(ents):
        if e.label == "ORG" and text[e.start - 1 : e.start] == "«" and \
                text[e.end : e.end + 1] == "»":
            before = CYR_WORD_BEFORE.search(text, max(0, e.start - 40), e.start - 1)
            if before is not None and before.group(1).islower() and \
                    lemma(before.group(1)) in QUOTED_WORK_NOUNS:
                continue
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if e.label == "ORG" and ABBREVIATION.fullmatch(e.text) and \
                sum(c.isupper() for c in e.text) >= 2 and nxt is not None and \
                nxt.label == "ORG" and text[e.end : nxt.start] == " «":
            continue
        out.append(e)
    return out if len(out) != len(ents) else ents


def quoted_names(text: str, ents: list[Entity]) -> list[Entity]:
    """A name in «» after the noun that says what it is: an organisation («банке «Приневский»»,
    «профсоюза «Действие»») the tagger left out, or a place («махалли «Ойдин»», «пункт пропуска
    «Хоргос»») it took for an organisation; and all of a quoted name whose last words the
    tagger found as a body (or, after such a noun, as a person)."""
    found = _ByStart(ents)
    for m in QUOTED.finditer(text):
        s, e = m.span(1)
        if len(m.group(1).split()) > 6:
            continue
        before = CYR_WORD_BEFORE.search(text, max(0, s - 40), s - 1)
        word = before.group(1) if before is not None else ""
        opening = before is not None and text[: before.start(1)].rstrip()[-1:] in ("", ".", "!",
                                                                                  "?", "\n")
        noun = lemma(word.lower()) if word.islower() or opening and word[1:].islower() else ""
        near = found.touching(s, e)
        inside = [x for x in near if s <= x.start and x.end <= e]
        if any(x.start < e and s < x.end and not (s <= x.start and x.end <= e) for x in near):
            continue
        if noun in QUOTED_PLACE_NOUNS and all(x.label == "ORG" for x in inside):
            found.drop(inside)
            found.add(Entity(s, e, "LOC", m.group(1), m.group(1), 0.9))
        elif not inside and (noun in QUOTED_ORG_NOUNS or word in LEGAL_FORMS):
            found.add(Entity(s, e, "ORG", m.group(1), m.group(1), 0.9))
        elif len(inside) == 1 and s < inside[0].start and inside[0].end == e and \
                noun not in QUOTED_WORK_NOUNS and (inside[0].label == "ORG" or inside[0].label
                                                   == "PER" and (noun in QUOTED_ORG_NOUNS or
                                                                 word in LEGAL_FORMS)):
            # «Семь звезд | Ритейл», «АО «Чирчик | Азот Кимё»»: the tagger found the name's end
            found.drop(inside)
            found.add(Entity(s, e, "ORG", m.group(1), m.group(1), inside[0].score))
    return found.items if found.changed else ents


class _ByStart:
    """A document's entities in order of start, found by position without a scan of them all
    (a long document names tens of thousands): those that can touch a span start before its
    end and at most the longest entity's length before its start."""

    def __init__(self, ents: list[Entity]):
        self.items = sorted(ents, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]
        self.longest = max((x.end - x.start for x in self.items), default=0)
        self.changed = False

    def touching(self, s: int, e: int) -> list[Entity]:
        """Every entity that may overlap ``[s, e)`` (and some that do not)."""
        return self.items[bisect.bisect_left(self.starts, s - self.longest) :
                          bisect.bisect_left(self.starts, e)]

    def drop(self, gone: list[Entity]) -> None:
        ids = {id(x) for x in gone}
        self.items = [x for x in self.items if id(x) not in ids]
        self.starts = [x.start for x in self.items]
        self.changed = True

    def add(self, ent: Entity) -> None:
        """After those that start where it starts, as a stable sort of the appended list puts it."""
        at = bisect.bisect_right(self.starts, ent.start)
        self.items.insert(at, ent)
        self.starts.insert(at, ent.start)
        self.longest = max(self.longest, ent.end - ent.start)
        self.changed = True


# «Организации тюркских государств (ОТГ)»: the name and its abbreviation are two names (as the
# guidelines' annotators, NEREL and factRuEval mark them; Collection5 mostly marks one span)
ABBREVIATION_AFTER = re.compile(r" \(((?=(?:[^()]*[A-ZА-ЯЁ]){2})[A-ZА-ЯЁ][\w/.-]{1,11})\)$")


def split_abbreviations(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation's span that ends with its abbreviation in brackets, as two spans.
    ``spans``: (start, end, label) triples in text order."""
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        m = ABBREVIATION_AFTER.search(text, s, e) if label == "ORG" else None
        if m is None or m.start() <= s:
            out.append((s, e, label))
        else:
            out += [(s, m.start(), label), (m.start(1), m.end(1), label)]
    return out


def split_entities(text: str, ents: list[Entity]) -> list[Entity]:
    out = []
    for ent in ents:
        parts = split_abbreviations(text, [(ent.start, ent.end, ent.label)])
        if len(parts) == 1:
            out.append(ent)
            continue
        (s, e, _), (a, b, _) = parts
        out += [Entity(s, e, ent.label, text[s:e], normalize_name(text[s:e], ent.label), ent.score),
                Entity(a, b, ent.label, text[a:b], text[a:b], ent.score)]
    return out


BRACKETED = re.compile(r" \(([A-ZА-ЯЁ][A-ZА-ЯЁ0-9/]{1,7})\)")


def bracketed_abbreviations(text: str, ents: list[Entity]) -> list[Entity]:
    """An abbreviation in brackets right after an organisation the tagger found is one too:
    «Управление ООН по координации гуманитарных вопросов (УКГВ)», «Движение 23 марта» (M23)."""
    added = []
    for e in ents:
        if e.label != "ORG":
            continue
        m = BRACKETED.match(text, e.end + (1 if text[e.end : e.end + 1] in "»\"" else 0))
        if m is not None and sum(c.isupper() for c in m.group(1)) >= 2 and not any(
                x.start < m.end(1) and m.start(1) < x.end for x in ents):
            added.append(Entity(m.start(1), m.end(1), "ORG", m.group(1), m.group(1), e.score))
    return sorted(ents + added, key=lambda x: x.start) if added else ents

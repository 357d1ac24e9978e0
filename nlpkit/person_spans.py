"""Person spans the tagger got wrong in ways the document shows.

- Two people run together into one name («Бориса Ельцина Евстафьев», «Хиллари Клинтон Лиза
  Бардек», «Акифа Мурадвердиева Фуад Агаев»): a person's name agrees in case and gender word
  by word, so a PER span whose words split into a complete name and a following name that can
  share no reading is two people. Checked on every PER span of three or more words nlpkit tags
  on both splits: 7 of 29 wrong spans mended, none of 818 right ones split.
- A surname alone the tagger left out, of a person the document names in full («Виктор
  Сафьянов … Сафьянов заявил»), or tagged as a place or body («Рейгана» tagged LOC).
- A name the tagger cut in two («Гурбангулы | Бердымухамедов»).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache

from nlpkit.cues import is_cue
from nlpkit.ner_extras import PLACE_NOUNS, span_entity
from nlpkit.normal import CYR, NAME_TAGS, _fixed, lemma, normalize_name, parse
from nlpkit.person_names import name_parts, surname_key
from nlpkit.text import fold
from nlpkit.types import Entity

__all__ = ["districts_read_as_people", "join_names", "mend_people", "missed_surnames",
           "outlet_before_surname", "split_names", "subject_names", "surnames_as_people"]

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
ANY = frozenset((c, g) for c in CASES for g in GENDERS)
CASE_OF = {"gen2": "gent", "acc2": "accs", "loc2": "loct", "voct": "nomn"}
# a name word, perhaps after initials («В.Володина»); the whole span must be such words
NAME_WORD = re.compile(r"(?:[А-ЯЁA-Z]\.)*[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*")


def mend_people(text: str, ents: list[Entity]) -> list[Entity]:
    """Every mend of this module, in order, on one document's entities."""
    ents = people_as_places(text, surnames_as_people(split_names(text, join_names(text, ents))))
    ents = districts_read_as_people(text, ents)
    ents = outlet_before_surname(subject_names(text, ents), full_names(ents))
    ents = same_person_same_normal(missed_surnames(text, ents, full_names(ents)))
    return after_po_slovam(text, ents)


# «…», — заявил Тоавина Рахаризака: the name after a closing quote, a dash and a verb is its subject
AFTER_QUOTE_VERB = re.compile(r"[»\"“]\s*,?\s*[—–-]\s*([а-яё]+)[^\S\n]+$")
NEXT_WORD = re.compile(r"[^\S\n]+([а-яё]+)")


def _finite_singular(word: str) -> bool:
    """A reporting verb a singular subject agrees with («заявил», «заявила», «считает»), not
    any verb («конфликт с Сериком Мукашевым начался»)."""
    return is_cue(word) and any(str(p.tag.POS) == "VERB" and p.tag.number == "sing" and
               (p.tag.tense == "past" or p.tag.person == "3per") for p in parse(word))


def subject_names(text: str, ents: list[Entity]) -> list[Entity]:
    """A foreign name the normaliser read as an oblique case («Тоавина Рахаризака» →
    «Тоавин Рахаризак») stays as written where it is the subject of a reporting verb: right
    before it («Тоавина Рахаризака заявил») or after a closing quote, a dash and the verb
    («…», — сказал Родригу Мескита). Only names with a word the dictionary does not know:
    «Ивана Петрова поддержал губернатор» is an object before its verb."""
    out = []
    for e in ents:
        words = e.text.split()
        if e.label == "PER" and len(words) >= 2 and e.normal != " ".join(words) and \
                any(w != n and not parse(w)[0].is_known
                    for w, n in zip(words, e.normal.split())):
            before = AFTER_QUOTE_VERB.search(text, max(0, e.start - 40), e.start)
            after = NEXT_WORD.match(text, e.end)
            if (before is not None and _finite_singular(before.group(1))) or \
                    (after is not None and _finite_singular(after.group(1))):
                e = dataclasses.replace(e, normal=" ".join(words))
        out.append(e)
    # the surname alone, as the subject's own: «Рахаризака добавил»
    kept = {e.text.split()[-1] for e in out if e.label == "PER" and " " in e.text and
            e.normal == " ".join(e.text.split()) and e.normal != normalize_name(e.text, "PER")}
    return [dataclasses.replace(e, normal=e.text) if e.label == "PER" and e.text in kept
            else e for e in out]


# «По словам 34-летнего жителя Истаравшана Фаридуна Саидова»: the name is in the genitive
PO_SLOVAM = re.compile(r"[Пп]о словам(?:[^\S\n]+[\w-]+){0,4}[^\S\n]+$")


def after_po_slovam(text: str, ents: list[Entity]) -> list[Entity]:
    """A two-word name read as nominative after «по словам» is in the genitive: when its
    first word's genitive readings as a name are of one gender, the normal is read with it
    («Фаридуна Саидова» → «Фаридун Саидов», not a woman Фаридуна)."""
    out = []
    for e in ents:
        if e.label == "PER" and e.normal == e.text and len(e.text.split()) == 2 and \
                PO_SLOVAM.search(text, max(0, e.start - 80), e.start) is not None:
            genders = {p.tag.gender for p in parse(e.text.split()[0])
                       if "Name" in p.tag and p.tag.case == "gent"}
            if len(genders) == 1:
                normal = normalize_name(e.text, "PER", gender=str(next(iter(genders))))
                e = dataclasses.replace(e, normal=normal)
        out.append(e)
    return out


def _declined_from(word: str, base: str) -> bool:
    """Whether ``word`` is ``base`` with a case ending («Жандоса» from «Жандос»)."""
    word, base = fold(word), fold(base)
    return word.startswith(base) and len(word) - len(base) <= 3


def same_person_same_normal(ents: list[Entity]) -> list[Entity]:
    """A name read as nominative where the document also names the person in a shorter
    nominative («Соседи Жандоса Тулегенова» after «Жандос Тулегенов»: not a woman Жандоса)
    takes that form: its normal is the other mention's."""
    # the nominative mentions by word count and the start of their first word: a declined
    # form begins with its base, so only those can match (a long document names thousands)
    nominative: dict[tuple[int, str], list[tuple[int, Entity]]] = {}
    for i, n in enumerate(ents):
        other = n.text.split()
        if n.label == "PER" and n.text == n.normal and len(other) > 1:
            nominative.setdefault((len(other), fold(other[0])[:2]), []).append((i, n))
    found: dict[str, str | None] = {}  # a normal form's replacement, once per distinct form
    out = []
    for e in ents:
        if e.label == "PER" and " " in e.normal:
            if e.normal not in found:
                found[e.normal] = _shorter_nominative(e.normal, nominative)
            better = found[e.normal]
            if better is not None:
                e = dataclasses.replace(e, normal=better)
        out.append(e)
    return out


def _shorter_nominative(normal: str,
                        nominative: dict[tuple[int, str], list[tuple[int, Entity]]]
                        ) -> str | None:
    """The normal of the first nominative mention ``normal`` is a declined form of, if any."""
    words = normal.split()
    if not words:
        return None
    first = fold(words[0])
    # a base of two letters or more shares the word's first two; a one-letter base its first
    candidates = nominative.get((len(words), first[:2]), []) + \
        (nominative.get((len(words), first[:1]), []) if len(first) > 1 else [])
    for _, n in sorted(candidates, key=lambda c: c[0]):  # in text order
        other = n.text.split()
        if n.text != normal and all(_declined_from(w, o) for w, o in zip(words, other)):
            return n.normal
    return None


def _bare(word: str) -> str:
    return word.rsplit(".", 1)[-1]


@lru_cache(maxsize=50_000)
def _readings(word: str, names_only: bool) -> frozenset | None:
    """(case, gender) readings of a name word; every reading for an indeclinable one; None
    when the word tells nothing (not Cyrillic, an acronym, no reading)."""
    word = _bare(word)
    if not CYR.match(word) or word.isupper():
        return None
    if _fixed(word):
        return ANY
    parses = [p for p in parse(word) if any(t in p.tag for t in NAME_TAGS)
              and p.tag.number != "plur"]
    if not parses and not names_only:
        parses = [p for p in parse(word) if p.tag.POS == "NOUN" and p.tag.number != "plur"]
    out = set()
    for p in parses:
        if "Fixd" in p.tag:
            return ANY
        case = CASE_OF.get(p.tag.case, p.tag.case)
        out |= {(case, g) for g in ([p.tag.gender] if p.tag.gender in GENDERS else GENDERS)}
    return frozenset(out) or None


def _common(words: list[str]) -> frozenset | None:
    """The (case, gender) readings every word of a name can share."""
    out = ANY
    for w in words:
        r = _readings(w, True)
        if r is None:
            return None
        out &= r
    return out


def _cases(words: list[str]) -> set[str]:
    """The cases every word can take (empty when a word tells nothing)."""
    out = set(CASES)
    for w in words:
        r = _readings(w, False)
        if r is None:
            return set()
        out &= {c for c, _ in r}
    return out


def _top(word: str, tag: str, case: str | None = None) -> bool:
    parses = parse(_bare(word))
    return bool(parses) and tag in parses[0].tag and (case is None or parses[0].tag.case == case)


def _nominative_first(word: str) -> bool:
    parses = [p for p in parse(word) if any(t in p.tag for t in NAME_TAGS)] or list(parse(word))
    return _fixed(word) or bool(parses) and parses[0].tag.case == "nomn"


def split_point(words: list[str]) -> int | None:
    """Where a run of name words holds two people, or None."""
    if len(words) < 3 or not all(NAME_WORD.fullmatch(w) for w in words):
        return None
    for i in range(2, len(words)):
        a, b = words[:i], words[i:]
        if _top(a[-1], "Name"):
            continue  # «Майкла Дэвида | Баретта»: a name does not end on a first name
        cases_a, cases_b = _cases(a), _cases(b)
        # «Бориса Ельцина | Евстафьев»: an oblique name, then a nominative one
        if cases_a and "nomn" in cases_b and "nomn" not in cases_a and not cases_a & cases_b \
                and _nominative_first(b[0]):
            return i
        if not _top(b[0], "Name", "nomn"):
            continue
        # «Акифа Мурадвердиева | Фуад Агаев»: no case and gender both names can share
        pa, pb = _common(a), _common(b)
        if pa and pb and not pa & pb and len(b) >= 2 and _top(b[-1], "Surn"):
            return i
        # «Хиллари Клинтон | Лиза Бардек»: first name and surname, then another first name
        if cases_a and "nomn" in cases_a and _top(a[0], "Name", "nomn") and \
                _top(a[-1], "Surn") and len(b) >= 2:
            return i
    return None


def split_names(text: str, ents: list[Entity]) -> list[Entity]:
    """Each PER span that holds two people becomes two."""
    out: list[Entity] = []
    for e in ents:
        words = e.text.split(" ")
        i = split_point(words) if e.label == "PER" else None
        if i is None:
            out.append(e)
            continue
        cut = e.start + len(" ".join(words[:i]))
        for s, t in ((e.start, cut), (cut + 1, e.end)):
            out.append(Entity(s, t, "PER", text[s:t], normalize_name(text[s:t], "PER"), e.score))
    return out


SURNAME = re.compile(r"[А-ЯЁ][а-яё]{3,}(?:-[А-ЯЁ][а-яё]+)?")


def full_names(ents: list[Entity]) -> dict[str, Entity]:
    """The first person named in full for each surname (its :func:`surname_key`)."""
    people: dict[str, Entity] = {}
    for e in ents:
        parts = [p for p in name_parts(e.text) if not p.endswith(".")]
        if e.label == "PER" and len(name_parts(e.text)) > 1 and parts and \
                SURNAME.fullmatch(parts[-1]):
            people.setdefault(surname_key(e.text), e)
    return people


def _named(word: str, people: dict[str, Entity]) -> Entity | None:
    """The person named in full whose surname ``word`` is, in any case."""
    who = people.get(surname_key(word))
    return who if who is not None and word[:3] == name_parts(who.text)[-1][:3] else None


ABBREVIATION_AND_WORD = re.compile(r"([A-ZА-ЯЁ]{2,6}) ([А-ЯЁ][а-яё-]+)")


def outlet_before_surname(ents: list[Entity], people: dict[str, Entity]) -> list[Entity]:
    """«— пояснил РБК Ахметов»: an abbreviation and the surname of a person the document names
    in full («Тимур Ахметов»), read as one organisation, are the outlet and the person."""
    out = []
    for e in ents:
        m = ABBREVIATION_AND_WORD.fullmatch(e.text) if e.label == "ORG" else None
        who = _named(m.group(2), people) if m is not None else None
        if m is None or who is None:
            out.append(e)
            continue
        s = e.start + m.start(2)
        out += [Entity(e.start, e.start + m.end(1), "ORG", m.group(1), m.group(1), e.score),
                Entity(s, e.end, "PER", m.group(2), _surname_normal(m.group(2), who), e.score)]
    return out


def _surname_normal(word: str, who: Entity) -> str:
    """A lone surname's nominative is the full name's surname («Сафьянова» → «Сафьянов»)."""
    normal = name_parts(who.normal)[-1]
    return normal if surname_key(normal) == surname_key(word) else normalize_name(word, "PER")


def missed_surnames(text: str, ents: list[Entity],
                    people: dict[str, Entity] | None = None) -> list[Entity]:
    """A surname alone, in any case, of a person the document names in full («Виктор
    Сафьянов … Сафьянов заявил») is that person wherever the tagger left it out; one the
    tagger found keeps a woman's surname as it stands («Алия Нурланова … Нурланова»)."""
    people = full_names(ents) if people is None else people
    if not people:
        return ents
    ents = [_as_named(e, people) for e in ents]
    taken = sorted((e.start, e.end) for e in ents)
    added = []
    for m in SURNAME.finditer(text):
        who = _named(m.group(), people)
        if who is None:
            continue
        k = bisect.bisect_right(taken, (m.start(), len(text) + 1))
        if k and taken[k - 1][1] > m.start() or k < len(taken) and taken[k][0] < m.end():
            continue  # inside or against a span the tagger found
        if re.search(r"[А-ЯЁA-Z][\w.-]*[ \t]$", text[max(0, m.start() - 30) : m.start()]):
            continue  # «Брэдли Мэннинг»: a longer name the tagger missed, not the surname alone
        added.append(Entity(m.start(), m.end(), "PER", m.group(),
                            _surname_normal(m.group(), who), who.score))
    return sorted(ents + added, key=lambda e: (e.start, e.end)) if added else ents


def _as_named(e: Entity, people: dict[str, Entity]) -> Entity:
    if e.label != "PER" or not SURNAME.fullmatch(e.text):
        return e
    who = _named(e.text, people)
    if who is None:
        return e
    # a woman's surname the normaliser read as a man's oblique form («Нурланова» → «Нурланов»)
    her = name_parts(who.normal)[-1]
    if her.endswith(("ова", "ева", "ёва", "ина", "ына")) and e.normal == her[:-1] and \
            e.text == her:
        return dataclasses.replace(e, normal=her)
    return e


def surnames_as_people(ents: list[Entity]) -> list[Entity]:
    """A one-word place or body that is the surname of a person named in the same document
    («Рональд Рейган … Рейгана» tagged LOC) is that person."""
    people = {surname_key(e.text) for e in ents if e.label == "PER" and " " in e.text.strip()}
    return [dataclasses.replace(e, label="PER", normal=normalize_name(e.text, "PER"))
            if e.label in ("LOC", "ORG") and e.text.isalpha() and not e.text.isupper() and
            surname_key(e.text) in people else e for e in ents]


PLACE_BEFORE = re.compile(r"(?:^|[\s(«])(?:[Вв]о?|[Нн]а|[Ии]з|[Дд]о|[Пп]од|[Чч]ерез|[Оо]коло|[Вв]озле|"
                          r"[Жж]ител\w+|в сторону)\s+$"
                          # «в суданском Эль-Фашере», «из иранского Исфахана»
                          r"|(?:^|[\s(«])(?:[Вв]о?|[Ии]з)\s+[а-яё]+(?:ск|цк)(?:ом|ой|ого|их)\s+$")
LISTED = re.compile(r",\s+|\s+и\s+|,\s+и\s+")


def people_as_places(text: str, ents: list[Entity]) -> list[Entity]:
    """A one-word «person» the document never names in full, that pymorphy knows as no name,
    after a preposition of place or «жители» («на Хартум», «жительница Ак-Ордо») is a place."""
    people = {surname_key(e.text) for e in ents if e.label == "PER" and " " in e.text.strip()}
    out: list[Entity] = []
    for e in ents:
        # «в Душанбе, Бохтаре и Кулябе»: a word listed after a place is a place too
        listed = bool(out) and out[-1].label == "LOC" and \
            LISTED.fullmatch(text, out[-1].end, e.start) is not None
        if e.label == "PER" and " " not in e.text and "." not in e.text and \
                surname_key(e.text) not in people and \
                (listed or PLACE_BEFORE.search(text, max(0, e.start - 30), e.start)
                 or _after_place_noun(text, e.start)) and not any(
                    p.is_known and any(t in p.tag for t in NAME_TAGS) for p in parse(e.text)):
            e = dataclasses.replace(e, label="LOC", normal=normalize_name(e.text, "LOC"))
        out.append(e)
    return out


# «Аким Жалагашского района»: an adjective in «-ский» before the noun of a district or region
DISTRICT = re.compile(r"[^\S\n]+(?:(?:район|округ|кра|уезд)[а-яё]{0,3}|области)(?![а-яё])")
ADJECTIVE_PLACE = re.compile(r"[А-ЯЁ][а-яё-]+(?:ск|цк)(?:ого|ой|ому|ом|им)")


def districts_read_as_people(text: str, ents: list[Entity]) -> list[Entity]:
    """A one-word «person» that is an adjective in «-ский» before «района», «области»,
    «округа» or «края» is the place they name together («Жалагашского района»)."""
    out = []
    for e in ents:
        m = DISTRICT.match(text, e.end) if e.label == "PER" else None
        if m is not None and ADJECTIVE_PLACE.fullmatch(e.text):
            span = text[e.start : m.end()]
            e = dataclasses.replace(e, end=m.end(), text=span, label="LOC",
                                    normal=normalize_name(span, "LOC"))
        out.append(e)
    return out


# nouns a place's name follows in the genitive («из джамоата Обшорон», «аэропорта Платов»)
PLACE_HEADS = PLACE_NOUNS | frozenset("джамоат аэропорт порт станция город".split())
LOWER_BEFORE = re.compile(r"(?<![А-ЯЁа-яё-])([а-яё]+)\s+$")


def _after_place_noun(text: str, start: int) -> bool:
    m = LOWER_BEFORE.search(text, max(0, start - 20), start)
    return m is not None and lemma(m.group(1)) in PLACE_HEADS


def _first_name(word: str) -> bool:
    """A first name, not a place or a body («Бехзод», «Шухрата»; not «Еревана»)."""
    parses = parse(word)
    return word.isalpha() and word[:1].isupper() and bool(parses) and \
        "Name" in parses[0].tag and not any(t in q.tag for q in parses[:2] for t in ("Geox", "Orgn"))


def _surname(word: str) -> bool:
    low = word.lower()
    return word.isalpha() and (low.endswith(SURNAME_ENDINGS) or _top(word, "Surn"))


SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ову", "еву",
                   "овой", "евой", "овым", "евым", "зода", "заде")


CAPITAL_WORD_BEFORE = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё]{2,}) $")
SENTENCE_OPENERS = ".!?\n«\"—:("


def _unknown_first_name(word: str) -> bool:
    """A word pymorphy knows only as a first name, or not at all («Мавлюда», «Жылдыз»)."""
    parses = parse(word)
    if any(t in q.tag for q in parses[:2] for t in ("Geox", "Orgn")):
        return False
    return not parses or "Name" in parses[0].tag or not any(p.is_known for p in parses)


def _untagged_first_name(text: str, ent: Entity, last: Entity | None) -> int | None:
    """Where a first name the tagger left out, or took for a one-word body or place, opens
    before a surname it found («продавщица Жылдыз | Осмоналиева», «мэр Кара-Балты Кубанычбек |
    Сатаров»); not a sentence's first word."""
    m = CAPITAL_WORD_BEFORE.search(text, max(0, ent.start - 40), ent.start)
    if m is None or not _unknown_first_name(m.group(1)):
        return None
    if last is not None and last.end > m.start(1) and \
            not (last.label in ("ORG", "LOC") and (last.start, last.end) == m.span(1)):
        return None
    before = text[: m.start(1)].rstrip()
    return m.start(1) if before and before[-1] not in SENTENCE_OPENERS else None


def _first_name_place(text: str, last: Entity | None, ent: Entity) -> bool:
    """«Рохелио» (LOC) + «Ортис»: a one-word place the tagger put right before a one-word name
    that is a first name, known or not known at all, opens that name."""
    return last is not None and last.label == "LOC" and " " not in last.text and \
        text[last.end : ent.start] == " " and ent.text.isalpha() and ent.text[:1].isupper() and \
        (_first_name(last.text) or _unknown_first_name(last.text.split("-")[0]))


def _first_name_apart(text: str, ents: list[Entity]) -> list[Entity]:
    """«Бехзод» (ORG) + «Мирзаев», «МВД Зафар» + «Шарифзода»: a first name the tagger put in a
    place or a body right before a surname belongs to the person; so does one it left out."""
    out: list[Entity] = []
    for ent in ents:
        last = out[-1] if out else None
        if ent.label != "PER" or " " in ent.text or not (
                _surname(ent.text) or _first_name_place(text, last, ent)):
            out.append(ent)
            continue
        if last is None or last.label not in ("ORG", "LOC") or \
                text[last.end : ent.start] != " " or not _first_name(last.text.rsplit(" ", 1)[-1]):
            s = _untagged_first_name(text, ent, last)
            if s is not None:
                if last is not None and last.start == s:
                    out.pop()
                ent = span_entity(text, s, ent.end, "PER", ent.score)
            out.append(ent)
            continue
        word = last.text.rsplit(" ", 1)[-1]
        s = last.end - len(word)
        body = text[last.start : s].rstrip()
        if body[:1].isupper() and body[-1:].isalnum():  # the body keeps its other words
            out[-1] = dataclasses.replace(last, end=last.start + len(body), text=body,
                                          normal=normalize_name(body, last.label))
        else:
            out.pop()
        out.append(span_entity(text, s, ent.end, "PER", ent.score))
    return out


def _surname_apart(last: Entity, ent: Entity) -> bool:
    """«Шохрух» (PER) + «Давлатзода» (ORG): a surname the tagger put in a one-word body or place
    right after a first name."""
    return ent.label in ("ORG", "LOC") and " " not in ent.text and " " not in last.text and \
        ent.text.isalpha() and ent.text.lower().endswith(SURNAME_ENDINGS) and \
        not any(t in q.tag for q in parse(ent.text)[:2] for t in ("Geox", "Orgn"))


def join_names(text: str, ents: list[Entity]) -> list[Entity]:
    """A name the tagger cut in two («Гурбангулы | Бердымухамедов», «Небиат Гетачью | Алему»):
    adjacent PER spans of four words at most with a single space between them are one person
    when the second is one word, or the first opens with a known first name in the nominative
    («Мария Фернанда | Ортис Сальгадо», not «адвокат Мухамедиева | Асет Нуркенов»);
    so is a first name with the surname the tagger took for a body or place after it."""
    ents = _first_name_apart(text, ents)
    out: list[Entity] = []
    for ent in ents:
        last = out[-1] if out else None
        if last is not None and last.label == "PER" and text[last.end : ent.start] == " " and \
                ent.text[:1].isupper() and \
                all(w.isalpha() for w in (last.text + " " + ent.text).replace("-", " ").split()) \
                and len(last.text.split()) + len(ent.text.split()) <= 4 and \
                (ent.label == "PER" and (" " not in ent.text or _first_name(last.text.split()[0])
                                         and _nominative_first(last.text.split()[0]))
                 or " " not in ent.text and _surname_apart(last, ent)):
            out[-1] = span_entity(text, last.start, ent.end, "PER", min(last.score, ent.score))
        else:
            out.append(ent)
    return out

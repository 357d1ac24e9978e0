"""Named entities: a word-level tagger decoded to character spans, with nominative forms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import torch

from nlpkit.ner_extras import (
    PROPER_TAGS,
    bodies_opening_sentences,
    comma_tail,
    datelines,
    generic_phrase,
    join_overlaps,
    listed_remit,
    outlets,
    parliaments,
    people_listed_with_places,
    place_before_person,
    places_after_bodies,
    places_read_as_bodies,
    streets,
)
from nlpkit.ner_labels import fix_label
from nlpkit.ner_quoted import (
    KIND_NOUNS,
    LEGAL_FORMS,
    bracketed_abbreviations,
    quoted_kinds,
    quoted_names,
    split_abbreviations,
    split_entities,
)
from nlpkit.normal import lemma, normalize_name, parse
from nlpkit.person_names import FEMN_SURNAME, MASC_SURNAME
from nlpkit.person_spans import mend_people
from nlpkit.tagger import WordTagger
from nlpkit.text import Words, bio_to_spans, split_words
from nlpkit.types import Entity

__all__ = ["NER", "attach_places", "balance", "is_name", "name_only", "place_after_noun",
           "split_abbreviations", "unquoted"]


class NER:
    """``NER(path)(texts)`` → one list of :class:`Entity` per text.

    The labels are the model's (``config.id2label``): a model retrained on other types works
    unchanged. ``names_only`` (default) applies the guidelines §1: spans that are no names
    (demonyms, common nouns) go, and an organisation takes in the place in the genitive after
    it («МВД Казахстана»); ``False`` gives the tagger's spans.
    """

    task = "ner"

    def __init__(self, path: str | Path, device: str | torch.device | None = None,
                 max_length: int = 256, stride: int = 64, batch_tokens: int | None = None,
                 precision: str = "auto", names_only: bool = True, engine: str = "auto"):
        self.tagger = WordTagger(path, device, max_length, stride, batch_tokens, task="ner",
                                 precision=precision, engine=engine)
        self.names_only = names_only
        self.labels = sorted({lab[2:] for lab in self.tagger.labels if lab != "O"})

    @property
    def device(self) -> torch.device:
        return self.tagger.device

    def __call__(self, texts: Sequence[str], words: Sequence[Words] | None = None
                 ) -> list[list[Entity]]:
        """Entities of each text; ``words``: the texts' word splits, when the caller has them
        (:func:`nlpkit.text.split_words`)."""
        split = list(words) if words is not None else [split_words(t) for t in texts]
        spans = [w.spans for w in split]
        preds = self.tagger.predict([w.texts for w in split])
        out = []
        for text, ws, (tags, scores) in zip(texts, spans, preds):
            ents = []
            for s, e, label, score in bio_to_spans(ws, tags, scores):
                s, e = unquoted(text, *balance(text, s, e))
                e = _verb_tail(text, s, e)
                if label == "PER":
                    e = _common_tail(text, s, e)
                    s = _title_head(text, s, e)
                m = DOMAIN.match(text, e) or (  # «Orda.kz», «Kaktus.media», «ДОМ.РФ»: an
                    DOMAIN.match(text, e - 1) if text[e - 1 : e] == "." else None)  # address
                if m is not None:
                    e, label = m.end(), "ORG"
                if label == "LOC":
                    s = place_name_start(text, s, e)
                if label in ("ORG", "LOC"):  # «ГУ МЧС по Новосибирской | области»
                    m = REGION_TAIL.match(text, e)
                    e = m.end() if m and ADJECTIVE_END.search(text, s, e) else e
                if label == "ORG" and _person_after_body(text, s, e):
                    s, label = text.index(" ", s) + 1, "PER"  # «правительства | Федерико Ларрета»
                if label == "ORG":
                    m = PRESS.match(text, s, e)  # «пресс-службе ГУ МЧС»: the body is the name
                    s = m.end() if m else s
                    e = _quoted_whole(text, s, e)
                    s, e = name_only(text, s, e)
                    s, label = place_after_noun(text, s, e, label)
                    m = PORTFOLIO.search(text, s, e)  # «администрации Саратова | по социальным
                    before = text[s : m.start()].split()[-1] if m is not None else ""
                    if m is not None and before[:1].isupper() and lemma(before) not in PORTFOLIO_HEADS:
                        e = m.start()  # вопросам» is a deputy's portfolio, not the body's name
                    s, e = _numbered(text, s, e)
                    e = listed_remit(text, s, comma_tail(text, s, e))  # «Министерство труда,
                    # … и миграции», not «Агентстве по противодействию коррупции, ущерб»
                    m = HEAD_OFFICE.search(text, max(0, s - 6), s)
                    s = m.start() if m and text[s:e].split()[0].isupper() else s
                if e <= s or "\n" in text[s:e] or not re.search(r"[^\W\d_]", text[s:e]) or \
                        NOT_A_NAME.match(text[s:e]):
                    continue  # a name never runs across lines, and is no number («№ 5», «N5»,
                    # «XVII», «75-го») or preposition («В»); «Ъ», «G8», «X5» are names
                if self.names_only:
                    if _opening(text, s, e) or not is_name(text[s:e], label):
                        continue
                    label = fix_label(text[s:e], label, s > 0 and text[s - 1] in "«\"„“" and
                                      text[e : e + 1] in "»\"“”")
                normal = text[s:e] if label == "ORG" and _apposed(text, s, e) else \
                    normalize_name(text[s:e], label)
                ents.append(Entity(s, e, label, text[s:e], normal, score))
            # the document mends what one window cannot see: names cut in two or run together,
            # surnames tagged as places, a surname alone the tagger left out
            ents = [x for i, x in enumerate(ents)  # «ДОМ.РФ» took in the «РФ» tagged apart
                    if not (i and ents[i - 1].start <= x.start and x.end <= ents[i - 1].end)]
            ents = join_overlaps(text, ents)
            ents = mend_people(text, places_after_bodies(text, place_before_person(text, ents)))
            ents = datelines(text, parliaments(text, streets(text, outlets(text, ents))))
            ents = bodies_opening_sentences(text, places_read_as_bodies(text, ents))
            ents = quoted_kinds(text, quoted_names(text, people_listed_with_places(text, ents)))
            out.append(bracketed_abbreviations(text, split_entities(
                text, _attach_entities(text, ents))) if self.names_only else ents)
        return out


PLACE_ABBR = re.compile(r"[A-ZА-ЯЁ]{2,5}")
REPUBLIC_END = re.compile(r" Республик(?:и|е|а|ой|у)$")


# a region a body's name ends with, after «по»: «ГУ МЧС по Саратовской области», «УФСБ по
# Республике Татарстан», «Управление Росреестра по Тульской области»
REGION_AFTER_PO = re.compile(r"(?:[А-ЯЁ][а-яё-]+ (?:области|краю|округу|району)|Республике .+|"
                             r"[А-ЯЁ][а-яё-]+ автономному округу.*)$")


def _attached(text: str, org: tuple[int, int, str], loc: tuple[int, int, str]) -> bool:
    if org[2] == "ORG" and loc[2] == "LOC" and text[org[1]:loc[0]] == " по " and \
            REGION_AFTER_PO.fullmatch(text[loc[0]:loc[1]]):
        return True
    if org[2] != "ORG" or loc[2] != "LOC" or text[org[1]:loc[0]] != " ":
        return False
    if REPUBLIC_END.search(text, org[0], org[1]):
        return True  # «Арбитражный суд Республики | Татарстан»: the name stands in apposition
    last = text[loc[0]:loc[1]].split()[-1]  # «МИД ДР Конго»: an indeclinable place too
    return bool(PLACE_ABBR.fullmatch(last)) or any(
        "gent" in p.tag or {"Fixd", "Geox"} <= p.tag.grammemes for p in parse(last)[:2])


def attach_places(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """«МВД Казахстана», «Госдепартамента США»: a place in the genitive right after an
    organisation is part of its name, one ORG (guidelines §1); so is a region after «по»
    («ГУ МЧС по Саратовской области»). Collection5 and factRuEval mark the two apart, NEREL
    as one; nlpkit's training data, validation gold and output all follow the guidelines.
    ``spans``: (start, end, label) triples in text order."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and _attached(text, out[-1], span):
            out[-1] = (out[-1][0], span[1], "ORG")
        else:
            out.append(tuple(span))  # type: ignore[arg-type]
    return out


def _attach_entities(text: str, ents: list[Entity]) -> list[Entity]:
    merged = attach_places(text, [(e.start, e.end, e.label) for e in ents])
    if len(merged) == len(ents):
        return ents
    by_start = {e.start: e for e in ents}
    out = []
    for s, e, label in merged:
        ent = by_start[s]
        if ent.end != e:
            score = min(x.score for x in ents if s <= x.start < e)
            normal = normalize_name(text[s:e], label)
            if ent.normal != ent.text and \
                    normal.split()[: len(ent.normal.split())] != ent.normal.split():
                normal = ent.normal + text[ent.end : e]  # «Жокаргы Кенес | Каракалпакстана»
            ent = Entity(s, e, label, text[s:e], normal, score)
        out.append(ent)
    return out


NOT_A_NAME = re.compile(r"(?:[IVXХ]{2,}|[ХX][IVXХ]*[IV]+|\d+-[а-яё]{1,3}|N\d+|[ВСКИАОУ])$")
NUMBER_AFTER = re.compile(r" ?№ ?\d+")
NUMBER_BEFORE = re.compile(r"№ ?$")


# «ГУ» (главное управление) before a body's abbreviation is part of the name: «ГУ МВД России»
HEAD_OFFICE = re.compile(r"(?<![\w-])ГУ $")


def _numbered(text: str, s: int, e: int) -> tuple[int, int]:
    """A body's number is part of its name («ОП № 5»), not of the next one («5 УМВД»)."""
    if NUMBER_BEFORE.search(text[max(0, s - 3) : s]):
        m = re.match(r"\d+\s+", text[s:e])
        if m and m.end() < e - s:
            s += m.end()
    m = NUMBER_AFTER.match(text, e)
    return (s, m.end()) if m else (s, e)


TITLE_WORDS = frozenset("""майор мадам господин госпожа мистер миссис доктор генерал полковник
капитан сержант лейтенант профессор президент премьер министр сенатор губернатор мэр аким
хоким""".split())


# a region's noun the tagger left out after its adjective
REGION_TAIL = re.compile(r" (?:области|края|краю|крае|района|районе|району|округа|округе|"
                         r"республики|республике|велаята|велаяте|этрапа|этрапе)(?![\w-])")
ADJECTIVE_END = re.compile(r"[А-ЯЁ][а-яё]+(?:ской|ского|скому|ском|цкой|цкого|цком)$")
DOMAIN = re.compile(r"\.(?:[a-z]{2,6}|рф|РФ|ру|Ru|RU)(?![\w-])(?!\.\w)")  # «… Tengrinews.kz.»
PRESS = re.compile(r"[Пп]ресс-(?:служб|центр)\w*\s+(?=\S)")
QUOTED_REST = re.compile(r"(?:[ -][A-ZА-ЯЁ0-9][\w.-]*){1,3}(?=[»“”\"])")


def _quoted_whole(text: str, s: int, e: int) -> int:
    """A name in quotation marks is all of it: «Кактус Медиа», not «Кактус» (the rest being
    capitalised words up to the closing mark)."""
    if s == 0 or text[s - 1] not in QUOTE_MARKS:
        return e
    m = QUOTED_REST.match(text, e)
    return m.end() if m else e


# what a quoted name is the name of: in apposition it stays nominative («компании «Фарм
# Импорт»», «газеты «Известия»»), unlike after other nouns («депутат «Единой России»»)
WORD_BEFORE = re.compile(r"([\w-]+)\s*$")


def _apposed(text: str, s: int, e: int) -> bool:
    """A name in quotation marks after the noun that says what it is (or a legal form), which
    keeps it in the nominative whatever the case of that noun: its normal form is its text."""
    if s == 0 or text[s - 1] not in QUOTE_MARKS or text[e : e + 1] != QUOTE_MARKS[text[s - 1]]:
        return False
    m = WORD_BEFORE.search(text, max(0, s - 40), s - 1)
    if m is None:
        return False
    word = m.group(1)
    return word in LEGAL_FORMS or word.islower() and lemma(word) in KIND_NOUNS


def _person_after_body(text: str, s: int, e: int) -> bool:
    """«правительства Федерико Ларрета»: a lowercase body noun and a first name with a surname
    after it is the person (the noun is the person's title's object, not a name)."""
    words = text[s:e].split(" ")
    if len(words) != 3 or not words[0].isalpha() or not words[0].islower() or \
            not all(NAME_WORD.fullmatch(w) for w in words[1:]):
        return False
    p = parse(words[1])
    return bool(p) and "Name" in p[0].tag and p[0].tag.case == "nomn" and p[0].is_known


NAME_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")


def _title_head(text: str, s: int, e: int) -> int:
    """A title before a name is no part of it («Майор Ройер», «Мадам Трули-Пулли», «аким
    Экибастуза Серик Мусин»: lowercase nouns leave, and the place then goes its own way)."""
    m = re.match(r"([А-ЯЁ][а-яё]+)\s+(?=[А-ЯЁ])", text[s:e])
    if m is not None and m.group(1).lower() in TITLE_WORDS:
        return s + m.end()
    while (m := re.match(r"([а-яё]+)\s+(?=[А-ЯЁ])", text[s:e])) is not None and \
            str(parse(m.group(1))[0].tag.POS) == "NOUN":
        s += m.end()
    m = re.match(r"([А-ЯЁ][а-яё]+)\s+(?=[А-ЯЁ]\S*\s+[А-ЯЁ])", text[s:e])  # «Гид Дильноза
    if m is not None and text[:s].rstrip(" \t")[-1:] in ("", ".", "!", "?", "\n"):  # Юсупова»
        p = parse(m.group(1).lower())
        if p and p[0].is_known and str(p[0].tag.POS) == "NOUN" and \
                not any(t in q.tag for q in p for t in PROPER_TAGS):
            s += m.end()  # a common noun that opens the sentence
    return s


CYR_WORD, LATIN_WORD = re.compile(r"[а-яё]+"), re.compile(r"[A-Za-z]+")


def _verb_tail(text: str, s: int, e: int) -> int:
    """A name ends before a verb the tagger ran it into («проверка Министерства здравоохранения
    начнётся»), or before a noun after an abbreviation or a Latin name («ГИМ | журналистам»,
    «Lusa | администратор»)."""
    cut = text.rfind(" ", s, e)
    last = text[cut + 1 : e]
    if cut > s and last.isalpha() and last.islower():
        p, before = parse(last)[0], text[s:cut].split()[-1]
        if str(p.tag.POS) in ("VERB", "INFN") or p.tag.POS == "NOUN" and p.tag.case in (
                "datv", "nomn") and p.is_known and CYR_WORD.fullmatch(last) and (
                before.isupper() or LATIN_WORD.fullmatch(before)):
            return s + len(text[s:cut].rstrip())
    return e


def _common_tail(text: str, s: int, e: int) -> int:
    """A person's name ends before a common noun the tagger ran on into («цитирует Печёного
    администрация»); particles («де», «аль-») and «младший» are not common nouns."""
    cut = text.rfind(" ", s, e)
    last = text[cut + 1 : e]
    if cut > s and last.isalpha() and last.islower():
        p = parse(last)[0]
        if str(p.tag.POS) == "NOUN" and "inan" in p.tag and p.is_known and \
                not {"Name", "Surn", "Patr", "Geox"} & p.tag.grammemes:
            return cut
    return e


OPEN, CLOSE = "«„“\"'(", "»“”\"')"
PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"', "'": "'", "(": ")"}
QUOTE_MARKS = {o: c for o, c in PAIRS.items() if o not in "'("}  # quotation marks


def balance(text: str, s: int, e: int) -> tuple[int, int]:
    """A name's span with balanced punctuation at its edges: a quotation mark or bracket that
    opens or closes nothing inside is cut («Известия"» → «Известия», «МВД)» → «МВД»), one
    the name leaves open is closed when the next character closes it («РИА «Новости» »), and
    stray commas, dots and spaces go («Tieto.» → «Tieto»; an initial keeps its dot)."""
    for _ in range(4):
        start, end = s, e
        while s < e and text[s] in " \t\n.,;:)»”":
            s += 1
        while e > s and (text[e - 1] in " \t\n,;:(«„" or text[e - 1] == "." and
                         len(text[s:e].split()[-1].rstrip(".")) > 3):
            e -= 1
        # «Анапа -», «Северо-Западному и», «Сената по»: no name ends on a dash, a conjunction
        # or a preposition
        tail = re.search(r"\s+(?:[-–—]|и|and|по|в|во|на|с|со|при|для|от|из|к|о|об)$", text[s:e])
        if tail is not None:
            e = s + tail.start()
        span = text[s:e]
        if e > s and span[0] in OPEN and PAIRS[span[0]] not in span[1:]:
            s += 1  # «"Известиям» without its closing mark
        if e > s and text[e - 1] in CLOSE:
            closer = text[e - 1]
            opener = next((o for o, c in PAIRS.items() if c == closer and o in text[s : e - 1]),
                          None)
            if opener is None:
                e -= 1  # «Известия"»: closes nothing the name opened
        span = text[s:e]
        for o, c in PAIRS.items():
            if span.count(o) > span.count(c) and o != c or o == c and span.count(o) % 2:
                if text[e : e + 1] == c:
                    e += 1  # «РИА «Новости»: the name's own mark closes right after it
                break
        if (s, e) == (start, end):
            break
    return s, e


LEGAL_FORM = re.compile(r"(?:ОАО|ЗАО|ООО|ПАО|АО|НАО|ТОО|ОДО|ЧП|ИП|ФГУП|ГУП|МУП|ФГБУ|ГБУ|МБУ|ФКУ|"
                        r"АНО|НКО)\s+[«\"„“]")


def name_only(text: str, s: int, e: int) -> tuple[int, int]:
    """«ОАО «Газпром»» → «Газпром»: a legal form is no part of the name (guidelines §1, as
    factRuEval marks it)."""
    m = LEGAL_FORM.match(text, s, e)
    if m is None:
        return s, e
    inner_s, inner_e = m.end(), e
    if text[inner_e - 1 : inner_e] in CLOSE and inner_e - 1 > inner_s:
        inner_e -= 1
    return (inner_s, inner_e) if inner_e > inner_s else (s, e)




def unquoted(text: str, s: int, e: int) -> tuple[int, int]:
    """«"Известия"» → «Известия»: quotation marks around a name are no part of it (guidelines
    §1: «Кактус Медиа»); a mark that opens or closes nothing inside goes too."""
    if e <= s:
        return s, e
    if e - s > 2 and text[s] in QUOTE_MARKS and text[e - 1] == QUOTE_MARKS[text[s]]:
        inner = text[s + 1 : e - 1]
        return (s + 1, e - 1) if text[s] not in inner and text[e - 1] not in inner else (s, e)
    if text[s] in QUOTE_MARKS and QUOTE_MARKS[text[s]] not in text[s + 1 : e]:
        s += 1
    if e - s > 1 and text[e - 1] in QUOTE_MARKS.values() and \
            not any(o in text[s : e - 1] for o, c in QUOTE_MARKS.items() if c == text[e - 1]):
        e -= 1
    return s, e


COMMON_HEAD = re.compile(r"(?:[Вв]ласт(?:и|ей|ям|ями|ях)|[Сс]борн(?:ая|ой|ую|ые|ых|ым|ыми)|"
                         r"(?:посольств|генконсульств|консульств)[а-я]{0,3})\s+(?=[A-ZА-ЯЁ])")
# «регионального ГУ МЧС», «комитета Госдумы»: a lowercase word before a body's capitals
LOWER_BEFORE_BODY = re.compile(r"[а-яё]+(?:ого|ому|ым|ом|ой|ая|ое|ый|ий)\s+(?=[A-ZА-ЯЁ]{2,})|"
                               r"комитет[а-я]{0,2}\s+(?=[А-ЯЁ])")


# «на востоке Украины», «юге России»: the part of a place is no part of its name (guidelines §1:
# the name only; Collection5 and the check set's annotators mark «Украины», NEREL the phrase)
PART_HEAD = re.compile(r"(?:восток|запад|север|юг|центр|северо-восток|северо-запад|юго-восток|"
                       r"юго-запад)[а-я]{0,2}\s+(?=[A-ZА-ЯЁ])")


# a deputy head's or a committee's portfolio after the body («по социальным вопросам»)
PORTFOLIO = re.compile(r" по [а-яё]+(?: [а-яё]+)? (?:вопросам|политике|делам)$")
# heads whose name goes on with «по …» («Комитет по обороне», «Управление по делам …»)
PORTFOLIO_HEADS = frozenset("""комитет комиссия управление департамент министерство отдел агентство
служба совет центр фонд ассоциация союз""".split())


def place_name_start(text: str, s: int, e: int) -> int:
    """Where a place's name starts once the part named before it is left out."""
    m = PART_HEAD.match(text, s, e)
    return m.end() if m is not None and m.end() < e else s


def place_after_noun(text: str, s: int, e: int, label: str) -> tuple[int, str]:
    """«власти Германии», «сборной России», «посольства России»: a common noun (guidelines §1)
    and a place; the place is the name (a LOC, as factRuEval and Collection5 mark it). A
    lowercase adjective or «комитет» before a body's capitals is no part of the body's name."""
    m = COMMON_HEAD.match(text, s, e)
    if m is not None and m.end() < e:
        return m.end(), "LOC"
    m = LOWER_BEFORE_BODY.match(text, s, e)
    return (m.end(), label) if m is not None and m.end() < e else (s, label)


NAME_LABELS = frozenset({"PER", "ORG", "LOC"})
GENERIC_NOUNS = frozenset("""власть полиция правительство армия войско военный спецслужба силовик
дипломат сторона кабинет руководство оппозиция""".split())


# abbreviations of common nouns and legal forms (Collection5 marks «СМИ» as ORG; the
# guidelines, factRuEval and NEREL do not)
COMMON_ABBREVIATIONS = frozenset("""СМИ УЗИ ТОО АО ООО ОАО ЗАО ПАО ИК АЗС IPO EBITDA МРП ВВП НДС
ДТП ЧС ЖКХ МРОТ ЕГЭ ОГЭ ВИЧ ОРВИ ПЦР НКО ТЭЦ ЛЭП ДНК КПП ЧП ОПГ МРТ КТ ОМС ДМС ЖКУ ТСЖ КФХ ГКУ ИП
СНТ ИЖС ИИН НДФЛ ОСАГО КАСКО IMEI SMS SIM GPS ЕНТ ОРТ""".split())


def is_name(span: str, label: str) -> bool:
    """Whether a PER/ORG/LOC span is a name by the guidelines: demonyms and common nouns
    («российских», «правительство», «сборной») are not. Other labels always pass."""
    if label not in NAME_LABELS:
        return True
    if span in COMMON_ABBREVIATIONS:
        return False  # «СМИ», «ДТП», «ТОО»: a common noun, a legal form
    if not any(ch.isupper() or ch.isdigit() for ch in span):
        return False  # a name has a capital (or a digit: «3Com»)
    tokens = span.split()
    if len(tokens) == 2 and tokens[1].islower() and tokens[0].isalpha():
        p = parse(tokens[0])[0]  # «Японская полиция», «Российские власти»: a demonym + a noun
        if str(p.tag.POS) == "ADJF" and p.normal_form.endswith(("ский", "цкий")) and \
                parse(tokens[1])[0].normal_form in GENERIC_NOUNS:
            return False
    if len(tokens) == 1 and tokens[0].isalpha() and not tokens[0].isupper():
        p = parse(tokens[0])[0]
        if str(p.tag.POS) in ("ADJF", "ADJS") and p.is_known and "Surn" not in p.tag:
            return False  # «Российский», «Московского» alone
    return True


INSTITUTIONS = frozenset("кремль сенат конгресс бундестаг кнессет меджлис".split())
# Central Asian titles and bodies pymorphy reads as names or does not know
LOCAL_TITLES = frozenset("хоким аким раис хукумат хокимият акимат хакимият".split())


def common_word_opening(text: str, s: int, e: int) -> bool:
    """«Полиция оповестила …», «Бумаги Facebook …»: one common noun, capitalised only because
    a sentence opens with it, is no name (in quotation marks it may be: «Яблоко»)."""
    word = text[s:e]
    if not word.isalpha() or not word[0].isupper() or not word[1:].islower():
        return False
    before = text[:s].rstrip(" \t")
    if before[-1:] in "«\"„“—–" and before:  # «Правительство полгода уверяло …», «— Рецессии
        after_mark = before[:-1].rstrip(" \t")  # мы не ждем»: speech opens a sentence, but
        if after_mark and after_mark[-1] not in ".!?\n:" or \
                text[e : e + 1] in "»\"“”'":  # «Яблоко», a name in quotation marks, stays
            return False
    elif before and before[-1] not in ".!?\n":
        return False
    if word.lower() in LOCAL_TITLES:
        return True  # «Хоким Андижанской области», «Акимат сообщил»: a title, a body
    if word.lower() in INSTITUTIONS:
        return False  # «Кремль», «Сенат» name one body
    parses = parse(word.lower())  # a common noun first of all («Секретарь», not a verb)
    if word.endswith(MASC_SURNAME + FEMN_SURNAME) and not (
            parses and "inan" in parses[0].tag and _noun_follows(text, e)):
        return False  # «Шумов заявил»: a surname; «Запасов зерна …»: things
    return bool(parses) and parses[0].is_known and str(parses[0].tag.POS) == "NOUN" and \
        not any(t in p.tag for p in parses for t in PROPER_TAGS)


NEXT_WORD = re.compile(r"[ \t]+([а-яё]+)")


def _noun_follows(text: str, e: int) -> bool:
    m = NEXT_WORD.match(text, e)
    return m is not None and str(parse(m.group(1))[0].tag.POS) in ("NOUN", "ADJF")


def _opening(text: str, s: int, e: int) -> bool:
    """«Полиция оповестила …», «Надзорное ведомство добивается …»: common words a sentence opens
    with are no name (:func:`common_word_opening`, :func:`generic_phrase`)."""
    return common_word_opening(text, s, e) or generic_phrase(text, s, e)

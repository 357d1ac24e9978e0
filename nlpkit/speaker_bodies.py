"""Organisations as speakers: the body behind a press service, an office and its region, a
body attached to another, a state's abbreviation, and the gender a person's verbs show."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlpkit.cues import cue_gender
from nlpkit.cues import pos as _pos
from nlpkit.ner import PRESS
from nlpkit.ner_labels import STATES
from nlpkit.normal import lemma, normalize_name, parse
from nlpkit.person_names import surname_key
from nlpkit.sources import REGIONAL
from nlpkit.speaker_forms import WORD, is_agency
from nlpkit.speaker_words import ORG_NOUNS, PRESS_OWNERS
from nlpkit.types import Entity

__all__ = ["DESCRIPTIONS", "STATE_NAMES", "STATE_SUFFIX", "attached", "body", "described_noun",
           "name_lemmas", "offices", "owner", "place_word", "verb_genders"]

# heads that describe whose body it is without naming it («пресс-служба главы государства»)
DESCRIPTIONS = frozenset("глава руководитель президент премьер председатель лидер".split())

# a state's abbreviation after a body («МИД КР», «Минздрав РК») and the country it stands for
STATE_NAMES = {"РФ": ("россия",), "РК": ("казахстан",), "КР": ("кыргызстан", "киргизия"),
               "РБ": ("беларусь", "белоруссия"), "РУз": ("узбекистан",),
               "РТ": ("таджикистан",)}
STATE_SUFFIX = re.compile(rf" ({'|'.join(STATE_NAMES)})$")
ATTACHED = re.compile(r" при (?:([а-яё]+)(?: [а-яё]+){0,2}|[А-ЯЁ][а-яё]+(?:ой|ом) ([а-яё]+)"
                      r"(?: [А-ЯЁ][\w-]+){0,2})(?=[\s,.;:!?)»\"]|$)")
# what a body can be attached to: «при прокуратуре», «при президенте», «при министерстве»
HOSTS = ORG_NOUNS | DESCRIPTIONS | {"генпрокуратура", "губернатор", "мэр", "аким", "патриарх"}


def name_lemmas(name: str) -> list[str]:
    """A body's name as lemmas, the old «ъ» dropped («Коммерсанта» joins «Коммерсантъ»)."""
    return [lemma(w).rstrip("ъ") for w in WORD.findall(name)]


def body(org: Entity) -> Entity:
    """The body a press service speaks for, when the tagger took the service into the name
    («пресс-службе ГУ МЧС» → «ГУ МЧС»)."""
    press = PRESS.match(org.text)
    if press is None:
        return org
    rest, s = org.text[press.end() :], org.start + press.end()
    return Entity(s, org.end, "ORG", rest, normalize_name(rest, "ORG"), org.score)


# the words of a body's office that the tagger often tags apart from the body it belongs to
OFFICE_WORDS = frozenset("управление главный гу департамент отдел".split())
# an office named by adjectives and one of these nouns («Пограничная служба», «Русская служба»)
OFFICE_HEADS = frozenset("управление департамент отдел служба войско главк".split())
# an office named by its head noun and what it does («Комитет государственных доходов»)
COMMITTEES = frozenset("комитет департамент управление".split())


def _office(name: str) -> bool:
    """«Управление», «ГУ», «Пограничной службы», «Русской службе»: the name of an office that
    belongs to a body named after it."""
    words = WORD.findall(name)
    if all(lemma(w) in OFFICE_WORDS for w in words):
        return True
    if len(words) > 1 and lemma(words[0]) in COMMITTEES and all(w.islower() for w in words[1:]):
        return True  # «Комитет государственных доходов» (+ «Минфина РК»)
    return len(words) > 1 and lemma(words[-1]) in OFFICE_HEADS and all(
        w[1:].islower() and str(parse(w)[0].tag.POS) == "ADJF" for w in words[:-1])


def offices(text: str, entities: list[Entity]) -> list[Entity]:
    """«Управлении» + «Роспотребнадзора», «ГУ» + «МЧС России», «Пограничной службы» + «ГКНБ
    Кыргызстана»: an office the tagger named apart from its body is one speaker with it (and
    the region it serves)."""
    out: list[Entity] = []
    for e in entities:
        prev = out[-1] if out else None
        if prev is not None and prev.label == e.label == "ORG" and \
                text[prev.end : e.start] == " " and \
                _office(prev.text):
            region = REGIONAL.match(text, e.end)
            end = region.end() if region is not None else e.end
            span = text[prev.start : end]
            out[-1] = Entity(prev.start, end, "ORG", span, normalize_name(span, "ORG"),
                             min(prev.score, e.score))
            continue
        out.append(e)
    return out


def owner(words: Sequence[str]) -> str | None:
    """Whose press service a described one is: the first noun after «пресс-служба», past its
    adjectives («пресс-служба областной прокуратуры» → «прокуратура»), when the phrase names
    nothing («пресс-служба хокимията Ташкента» is named by its own words)."""
    if not all(w.islower() for w in words[1:]):
        return None
    return described_noun(words[1:4])


# agencies news names by a description («надзорное ведомство» is the prosecutor's office)
PERIPHRASES = {"надзорный": "прокуратура", "внешнеполитический": "мид", "дипломатический": "мид",
               "военный": "минобороны", "финансовый": "минфин"}


def described_noun(words: Sequence[str]) -> str | None:
    """The body noun of a lowercase description, past its adjectives: «областной прокуратуры»
    → «прокуратура», «надзорного ведомства» → «прокуратура», «погранведомства» → «ведомство»."""
    for i, w in enumerate(words):
        lem = lemma(w)
        if lem in PRESS_OWNERS:
            if lem == "ведомство" and i > 0 and lemma(words[i - 1]) in PERIPHRASES:
                return PERIPHRASES[lemma(words[i - 1])]
            return lem
        if "ведомств" in w:
            return "ведомство"
        if _pos(w)[0] != "ADJF":
            return None
    return None


def place_word(word: str) -> bool:
    """«США», «Казахстана»: a state's abbreviation or a place name."""
    return word in STATES or any("Geox" in p.tag for p in parse(word)[:1])


def attached(text: str, org: Entity) -> Entity:
    """A body with the one it is attached to («Следственный комитет при прокуратуре», which
    «СКП» abbreviates) or the region its office serves («ГУ МЧС России по Красноярскому
    краю»); the tagger stops before «при» and «по»."""
    m = ATTACHED.match(text, org.end)
    if m is None and (is_agency(org.text) or org.text[:2].isupper()):
        m = REGIONAL.match(text, org.end)
    elif m is not None and lemma(m.group(1) or m.group(2)) not in HOSTS:
        m = None  # «ГКНБ при получении взятки», «МИД при этом»: no body it belongs to
    if m is None:
        return org
    span = text[org.start : m.end()]
    return Entity(org.start, m.end(), "ORG", span, normalize_name(span, "ORG"), org.score)


VERB_AFTER = re.compile(r"\s+([а-яё]+(?:ла|л))\b")
VERB_BEFORE = re.compile(r"\b([а-яё]+(?:ла|л))\s+$")
CLAUSE_END = re.compile(r"\s*[.,;:!?]")


def verb_genders(text: str, people: Sequence[Entity]) -> dict[str, str | None]:
    """Per surname, the gender of the past-tense verbs it is the subject of: the verb right
    after a name, or right before a nominative name that ends a clause; None where the
    verbs disagree («Кэролайн Персауд заявила» is a woman, whatever her first name reads as)."""
    found: dict[str, str | None] = {}
    for e in people:
        after = VERB_AFTER.match(text, e.end)
        before = VERB_BEFORE.search(text, max(0, e.start - 30), e.start)
        verbs = [after.group(1)] if after else []
        if before and e.text == e.normal and CLAUSE_END.match(text, e.end):
            verbs.append(before.group(1))
        for v in verbs:
            g = cue_gender(v)
            if g is not None:
                key = surname_key(e.text)
                found[key] = g if found.get(key, g) == g else None
    return found


def subject_form(text: str, cluster: Sequence[Entity], gender: str) -> Entity | None:
    """The fullest mention of a person that a verb of ``gender`` follows as its subject, so
    nominative as written: «Абена Менса сообщила» is no man Абен Менс's genitive."""
    found = [e for e in cluster if (m := VERB_AFTER.match(text, e.end)) is not None
             and cue_gender(m.group(1)) == gender]
    return max(found, key=lambda e: (len(e.text.split()), e.start), default=None)

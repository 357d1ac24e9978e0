"""Person names within a document: gender, case, surname clusters and the fullest form
(«Н.Азаров» and «Николай Азаров» are one person; «Александру Костерину» is a woman's name)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from nlpkit.normal import _fixed, normalize_name
from nlpkit.normal import parse as _parse
from nlpkit.text import fold
from nlpkit.types import Entity

__all__ = ["FEMN_SURNAME", "MASC_SURNAME", "WOMAN_OBLIQUE", "compatible", "first_name", "fits",
           "fullness", "is_first_name", "name_gender", "name_parts", "nominative_as",
           "nominative_surname", "patronymic", "stem", "surname_key"]

# Russian surname endings, which tell the gender of a nominative («Дадашева», «Дадашев»)
FEMN_SURNAME = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")
MASC_SURNAME = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")
# a surname only a woman's name takes, in an oblique case («Костериной», «Петровой»; not
# «-ской», which «Донской» takes in the nominative)
WOMAN_OBLIQUE = re.compile(r"(?:ин|ов|ев|ёв|ын)(?:ой|ую)$")
NAME_PART = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?")


@lru_cache(maxsize=50_000)
def name_gender(name: str) -> str | None:
    """The gender a person's name shows by its first word («Анна Петрова» → femn); for a first
    name pymorphy only guesses at, by a long Russian surname («Ляззат Ахметова», «Дилноза
    Юсупова» are women, «Кубат Канимов» a man; «Ма Лин» is no Russian surname)."""
    words = [w for w in name_parts(name) if not w.endswith(".")]
    by_surname = None
    if len(words) == 2 and len(words[1]) >= 5:
        last = words[1].lower()
        if last.endswith(FEMN_SURNAME):
            by_surname = "femn"
        elif last.endswith(MASC_SURNAME):
            by_surname = "masc"
    for word in words[:1]:
        names = [p for p in _parse(word) if "Name" in p.tag or "Surn" in p.tag]
        if by_surname and not any(p.is_known for p in names):
            return by_surname
        # a normal form is nominative: «Александра» read so is a woman, not Александр's genitive
        nomn = [p for p in names if p.tag.case == "nomn" and p.tag.number == "sing"]
        for p in nomn or names:
            return p.tag.gender
    return by_surname


def fits(e: Entity, gender: str | None) -> bool:
    """Whether a person mention can be of ``gender`` («Александра Панфилова» can be either)."""
    if gender is None:
        return True
    if name_gender(e.normal or e.text) in (gender, None):
        return True
    if nominative_as(e.text, gender):
        return True
    # «Александру Костерину» can be a woman's name: read so, it stays a woman's
    words = [w for w in name_parts(e.text) if not w.endswith(".")]
    return gender == "femn" and len(words) > 1 and any(
        "Name" in p.tag and p.tag.gender == "femn" for p in _parse(words[0])) and \
        name_gender(normalize_name(e.text, "PER", gender)) == gender


def nominative_as(text: str, gender: str) -> bool:
    """The mention reads as a nominative name of that gender as written («Александра
    Панфилова», «Швецова» as a woman; not «Собянин», not «Бидзина» as a man)."""
    return normalize_name(text, "PER", gender) == text and name_gender(text) in (gender, None)


@lru_cache(maxsize=50_000)
def is_first_name(word: str) -> bool:
    """Whether a lone word is a known first name («Лола», «Алексей»)."""
    parses = _parse(word)
    return bool(parses) and "Name" in parses[0].tag and parses[0].is_known


ENDINGS = ("ыми", "ими", "ому", "ему", "ого", "его", "ой", "ей", "ом", "ем", "ым", "им",
           "ую", "юю", "а", "я", "у", "ю", "е", "ы", "и")


def name_parts(name: str) -> list[str]:
    """Name words; initials keep their dot («Н.», «Дж.»)."""
    return NAME_PART.findall(name)


def surname_key(name: str) -> str:
    """A crude stem of the last word, so «Вучич», «Вучича», «Вучичем» share a cluster."""
    parts = [p for p in name_parts(name) if not p.endswith(".")] or [name]
    return stem(fold(parts[-1]))


def stem(word: str) -> str:
    """A crude stem that joins a name's cases («Ярослава» and «Ярослав», «Вучича» and
    «Вучич»)."""
    for end in ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


def patronymic(e: Entity) -> bool:
    """«Сергей Евгеньевич», «Юлия Вячеславовна»: a first name and a patronymic only."""
    parts = [p for p in name_parts(e.text) if not p.endswith(".")]
    if len(parts) != 2:
        return False
    parses = _parse(parts[1])
    if parses and "Surn" in parses[0].tag:
        return False  # «Виктор Янукович»: a surname pymorphy knows, not a patronymic
    return parts[1].lower().endswith(("вич", "вна", "ична", "вича", "вны", "вичем", "вной",
                                      "вичу")) or any("Patr" in p.tag for p in parses)


def first_name(e: Entity) -> str | None:
    """The lower-cased first name or initial of a person mention (None for a surname alone)."""
    parts = name_parts(e.normal or e.text)
    if len(parts) < 2:
        return None
    return fold(parts[0])


def compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if a.endswith(".") or b.endswith("."):
        return a.rstrip(".").startswith(b.rstrip(".")) or b.rstrip(".").startswith(a.rstrip("."))
    return a == b


def fullness(e: Entity) -> tuple[int, int, int]:
    """Prefer more full words (initials do not count), then a nominative mention, then length."""
    words = [p for p in name_parts(e.text) if not p.endswith(".")]
    return (len(words), int(e.text == e.normal), len(e.text))


def nominative_surname(best: Entity, cluster: Sequence[Entity]) -> str:
    """«Эво Моралеса» with a mention «Моралес» in the text → «Эво Моралес»."""
    name = best.normal or best.text
    words = name.split()
    if not words or name_gender(name) == "femn":
        return name  # «Екатерина Дурова» is not «Лев Дуров»'s «Дуров»
    for m in cluster:
        parts = [p for p in name_parts(m.text) if not p.endswith(".")]
        last = parts[-1] if parts else ""
        if (m.text == m.normal and last and last != words[-1] and words[-1].startswith(last)
                and 0 < len(words[-1]) - len(last) <= 2):
            return " ".join([*words[:-1], last])
    return name


# words that govern the genitive of whose words they are («по словам Салливана»)
GOVERNED = re.compile(r"(?:\b[Пп]о (?:словам|мнению|оценке|данным|информации)|\b[Сс]о слов)\s+$")


def from_genitive(text: str, start: int, name: str) -> str:
    """A man's foreign surname pymorphy does not decline, read in the genitive where
    «по словам» governs it («по словам Эндрю Холлиса» → «Эндрю Холлис»); else ``name``."""
    words = name.split()
    last = words[-1]
    if GOVERNED.search(text, max(0, start - 25), start) is None or len(last) < 5 or \
            not re.search(r"[бвгдзклмнпрстфхцчшщж]а$", last) or \
            not all(_fixed(w) for w in words[:-1]):
        return name
    return " ".join([*words[:-1], last[:-1]])

"""Word forms and name shapes the speaker resolver reads: the cases a word can take, whether a
head noun is animate or plural, a body's acronym, and a speaker's name cleaned of brackets."""

from __future__ import annotations

import re
from functools import lru_cache

from nlpkit.normal import lemma as _lemma
from nlpkit.normal import parse as _parse
from nlpkit.speaker_words import AGENCY_WORDS

__all__ = ["WORD", "acronym", "animate_noun", "cases", "clean", "compound_of", "is_agency",
           "lemmas", "noun_gender"]

STOP_WORDS = frozenset("по и в на при для о об из с со до от к".split())
WORD = re.compile(r"\w+(?:-\w+)*")


@lru_cache(maxsize=50_000)
def cases(word: str) -> frozenset[str]:
    """The cases a word can stand in (unknown and foreign words: any)."""
    parses = _parse(word) if re.match(r"[А-Яа-яЁё]", word) else ()
    found = frozenset(str(p.tag.case) for p in parses if p.tag.case)
    return found or frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


def is_agency(name: str) -> bool:
    """A government body «ведомство» can stand for: «Минэнерго», «МВД», «Госдепартамент США»."""
    first = WORD.search(name)
    if first is None:
        return False
    word = first.group()
    return bool(lemmas(name) & AGENCY_WORDS) or word.lower().startswith("мин") or \
        (word.isupper() and word.startswith("М") and 2 < len(word) <= 5)


@lru_cache(maxsize=50_000)
def noun_gender(word: str) -> str | None:
    p = _source_parse(word)
    return p.tag.gender if str(p.tag.POS) == "NOUN" else None


def _source_parse(word: str):
    """A source speaks, so a word that can be a person is read so («по словам политика»: the
    politician's words, not «политика»)."""
    parses = _parse(word.lower())
    return next((q for q in parses if str(q.tag.POS) == "NOUN" and "anim" in q.tag and
                 not {"Name", "Surn"} & q.tag.grammemes), parses[0])


@lru_cache(maxsize=50_000)
def animate_noun(word: str) -> tuple[bool, bool]:
    """(animate noun, plural) for a source's head word («эксперт», «эксперты»)."""
    p = _source_parse(word)
    return (str(p.tag.POS) == "NOUN" and "anim" in p.tag and not {"Name", "Surn"} & p.tag.grammemes,
            p.tag.number == "plur")


def clean(name: str | None) -> str | None:
    """«Филипп Хильдебранд (Philipp Hildebrand)» → «Филипп Хильдебранд»; «Ё-Авто"» → «Ё-Авто»;
    «Общественная палата (ОП) РФ» → «Общественная палата РФ»."""
    if not name:
        return name
    cut = re.sub(r"\s*\([^)]*\)?\s*$", "", name).strip()  # «(Philipp Hildebrand» too
    cut = re.sub(r"\s*\([^()]*\)(?=\s)", "", cut)  # «Общественная палата (ОП) РФ»
    if cut.endswith(")") and "(" not in cut:
        cut = cut[:-1].strip()
    if cut.count('"') % 2:
        cut = cut.strip('"').strip()
    return cut or name


@lru_cache(maxsize=50_000)
def lemmas(name: str) -> frozenset[str]:
    return frozenset(_lemma(w) for w in WORD.findall(name))


def acronym(name: str) -> str:
    words = [w for w in WORD.findall(name.replace("-", " ")) if w.lower() not in STOP_WORDS]
    return "".join(w[0] for w in words).upper()


def compound_of(word: str, name: str) -> bool:
    """Whether a one-word compound abbreviates the opening words of a name: «Нацбанк» of
    «Национальный банк Таджикистана», «Минздрав» of «Министерство здравоохранения Ростовской
    области», «Генпрокуратура» of «Генеральная прокуратура» (each part at least three letters
    of its word, two parts or more)."""
    parts = [w.lower() for w in WORD.findall(name)]
    low = word.lower()

    def split(rest: str, i: int) -> bool:
        if not rest:
            return i >= 2
        if i >= len(parts):
            return False
        w = parts[i]
        if i >= 1 and len(rest) >= 4 and rest.endswith("о") and w.startswith(rest[:-1]):
            return True  # «Минэнерго»: «энерг» + «о» of «энергетики»
        return any(split(rest[k:], i + 1) for k in range(min(len(rest), len(w)), 2, -1)
                   if rest[:k] == w[:k] and (k == len(rest) or k >= 3))

    return len(low) >= 5 and low.isalpha() and split(low, 0)

"""Name substitution: training copies of NER documents with names from other regions.

The NER corpora are Russian news of the 2000s–2010s, whose people are mostly Russian and
Western. News from Central Asia and the Caucasus names people such as «Айбек Маматов»,
«Айгерим Садыкова» or «Бакыт Алмазбек уулу», and places such as «Ак-Ордо» or «Атырау»,
which the model then takes for places or organisations. An augmented copy of a document
replaces person and place names with such names, inflected as the original stood:

- a surname in ``-ов/-ев/-ин/-ын`` keeps its ending («Путиным» → «Маматовым»: Russian
  surnames of this type share one set of endings for both genders);
- a first name takes the case and gender of the original (pymorphy3), inflected by the
  regular endings («Сергеем» → «Айбеком», «Анной» → «Гульнарой»);
- indeclinable names («Айгерим», «Ак-Ордо», «уулу» patronymics) fit any case;
- a name this module cannot inflect safely is left as it stands.

The same original name gets the same replacement throughout a document. Spans and offsets
are rebuilt, so ``text[start:end]`` holds for every span of the copy.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import lru_cache

from training.ner_data import Doc

__all__ = ["augment", "augment_doc"]

MALE_NAMES = ("Айбек Алмаз Азамат Бакыт Бекзод Дастан Ерлан Жаныбек Канат Нурлан Рустам Садыр "
              "Тимур Улугбек Шавкат Эмомали Акылбек Мирлан Бахтияр Ильхом Фаррух Жомарт Серик "
              "Даулет Нурбек Темирлан Алишер Шерзод Рашид Ислам Кайрат Мурат Арман Абдулла "
              "Ринат Руслан Самат Талант Чингиз Эрлан Максат Баглан").split()
FEMALE_NAMES = ("Гульнара Айнура Дилноза Зарина Мадина Динара Назира Гульмира Венера Камила "
                "Малика Мунира Бибигуль Асылкан Жамиля Салтанат").split()
FEMALE_FIXED = "Айгерим Жылдыз Асем Айжан Нургуль Чолпон Мээрим Айдана".split()  # indeclinable
SURNAME_STEMS = ("Маматов Садыков Жошыбаев Казакбаев Токтогулов Жапаров Ташиев Абдуллаев "
                 "Нурмухамедов Исаков Бекмуратов Турсунбаев Алимкулов Эргешов Сыздыков Усенов "
                 "Абылкасымов Мамытов Кенжебаев Сулейменов Ахметов Байжанов Ибраимов Рахимов "
                 "Юсупов Каримов Мирзаев Шарипов Назаров Болотбеков Асанбаев Джумабаев "
                 "Омурбеков Ниязов Хамидов Эшматов Кудайбергенов Сатыбалдиев Мухтаров "
                 "Алиев Гасанов Мамедов Бериашвили").split()
PATRONYMICS = ("Алмазбек Бакыт Садыр Жээнбек Нурлан Талант Акылбек Мирбек").split()
PLACES_FIXED = "Ак-Ордо Атырау Актобе Кокшетау Кара-Суу Ак-Суу Чолпон-Ата Бостери".split()
PLACES_MASC = ("Ош Баткен Нарын Талас Токмок Каракол Шымкент Туркестан Наманган Андижан "
               "Самарканд Хорог Худжанд Чалдовар Кызылорд Жанаозен Ургенч Термез").split()

SURNAME = re.compile(r"^([А-ЯЁ][а-яё]+?)(ов|ев|ёв|ин|ын)(а|у|ым|ом|е|ой|ых|ы|)$")
INITIAL = re.compile(r"^[А-ЯЁ]\.$")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
MASC_END = {"nomn": "", "gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"}
FEMN_END = {"nomn": "а", "gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"}
PLACE_END = {"nomn": "", "gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"}


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50000)
def _name_form(word: str, tag: str) -> tuple[str, str] | None:
    """(gender, case) of a first name («Name») or a place («Geox»), when pymorphy3 is sure of
    one reading; otherwise ``None``."""
    found = {(p.tag.gender, p.tag.case) for p in _morph().parse(word)
             if tag in p.tag and p.tag.case in CASES and p.score >= 0.1 and p.is_known}
    genders = {g for g, _ in found}
    cases = {c for _, c in found}
    if len(genders) != 1 or not cases:
        return None
    gender = genders.pop()
    # endings shared by several cases give the same replacement form (gent = accs in masc)
    case = sorted(cases, key=CASES.index)[0]
    return gender, case


def _first_name(word: str, rng: random.Random) -> tuple[str, str] | None:
    """(replacement, gender) for a first name in the original's case and gender."""
    form = _name_form(word, "Name")
    if form is None:
        return None
    gender, case = form
    if gender == "masc":
        return rng.choice(MALE_NAMES) + MASC_END[case], gender
    if gender != "femn":
        return None
    if rng.random() < 0.3:
        return rng.choice(FEMALE_FIXED), gender
    name, end = rng.choice(FEMALE_NAMES), FEMN_END[case]
    if end == "ы" and name[-2] in "гкхжшчщ":
        end = "и"
    return name[:-1] + end, gender


def _surname(word: str, rng: random.Random, stems: dict[str, str]) -> str | None:
    """The replacement surname with the original's ending; ``stems`` keeps one replacement
    per original surname in a document («Путин», «Путина» → «Маматов», «Маматова»)."""
    m = SURNAME.match(word)
    if m is None:
        return None
    stem = stems.setdefault(m.group(1) + m.group(2), rng.choice(SURNAME_STEMS))
    if not stem.endswith(("ов", "ев")):  # «Бериашвили»: indeclinable
        return stem
    return stem + m.group(3)


def _person(tokens: list[str], rng: random.Random, stems: dict[str, str]) -> list[str] | None:
    """Replacement tokens for a person's name, or None to leave it."""
    if len(tokens) == 1:
        if (last := _surname(tokens[0], rng, stems)) is not None:
            return [last]
        first = _first_name(tokens[0], rng)
        return None if first is None else [first[0]]
    if len(tokens) != 2:
        return None
    new_last = _surname(tokens[1], rng, stems)
    if new_last is None:
        return None
    if INITIAL.match(tokens[0]):
        return [rng.choice(MALE_NAMES)[0] + ".", new_last]
    first = _first_name(tokens[0], rng)
    if first is None:
        return None
    if first[1] == "masc" and rng.random() < 0.15:
        # «Бакыт Алмазбек уулу»: the first name declines, the patronymic does not
        return [first[0], rng.choice(PATRONYMICS), "уулу"]
    return [first[0], new_last]


def _place(tokens: list[str], rng: random.Random) -> list[str] | None:
    """A town for a town: only a one-word masculine place that ends in a consonant («Омск»,
    «Омске») is replaced, so countries acting as states stay countries."""
    if len(tokens) != 1 or not tokens[0][1:].islower():
        return None
    form = _name_form(tokens[0], "Geox")
    if form is None or form[0] != "masc":
        return None
    lemma = _morph().parse(tokens[0])[0].normal_form
    if lemma[-1] in "аяоеиыьйуюэ":
        return None
    if rng.random() < 0.4:
        return [rng.choice(PLACES_FIXED)]
    return [rng.choice(PLACES_MASC) + PLACE_END[form[1]]]


def augment_doc(doc: Doc, rng: random.Random, labels: Sequence[str] = ("PER", "LOC"),
                rate: float = 0.8) -> Doc | None:
    """A copy of ``doc`` with names replaced, or None when nothing was replaced."""
    chosen: dict[tuple[str, str], str] = {}  # (label, original span) → replacement text
    stems: dict[str, str] = {}
    parts, spans, pos, changed = [], [], 0, False
    out_len = 0
    for s, e, lab in sorted(doc.spans):
        original = doc.text[s:e]
        new = chosen.get((lab, original))
        if new is None and lab in labels and rng.random() < rate:
            tokens = original.split(" ")
            repl = _person(tokens, rng, stems) if lab == "PER" else \
                _place(tokens, rng) if lab == "LOC" else None
            if repl is not None:
                new = " ".join(repl)
                chosen[(lab, original)] = new
        text = new if new is not None else original
        changed |= text != original
        parts.append(doc.text[pos:s])
        out_len += s - pos
        spans.append((out_len, out_len + len(text), lab))
        parts.append(text)
        out_len += len(text)
        pos = e
    if not changed:
        return None
    parts.append(doc.text[pos:])
    return Doc(doc.id + "+names", "".join(parts), spans, doc.source)


def augment(docs: Sequence[Doc], copies: int = 1, seed: int = 13,
            labels: Sequence[str] = ("PER", "LOC")) -> list[Doc]:
    """``copies`` name-substituted copies of each document that has a name to replace."""
    rng = random.Random(seed)
    out = []
    for _ in range(copies):
        for doc in docs:
            new = augment_doc(doc, rng, labels)
            if new is not None:
                out.append(new)
    return out

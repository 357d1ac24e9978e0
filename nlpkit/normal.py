"""Nominative forms of names with pymorphy3 («Маратом Сыздыковым» → «Марат Сыздыков»)."""

from __future__ import annotations

import os
import re
from functools import lru_cache

__all__ = ["normalize_name", "morph", "lemma", "parse"]

CYR = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
NAME_TAGS = ("Name", "Surn", "Patr")


@lru_cache(maxsize=1)
def morph():
    """The one pymorphy3 analyser of the process (loading it costs a second)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parse(word: str) -> tuple:
    """pymorphy3's analyses of a word, cached (names and cue words repeat across documents).
    A word with «ё» the dictionary knows only with «е» («Алёхиной») is read as that word."""
    parses = tuple(morph().parse(word))
    if ("ё" in word or "Ё" in word) and not any(p.is_known for p in parses):
        plain = tuple(morph().parse(word.replace("ё", "е").replace("Ё", "Е")))
        if any(p.is_known for p in plain):
            return plain
    return parses


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a word, lower-cased."""
    return parse(word.lower())[0].normal_form




def _restore_case(orig: str, new: str) -> str:
    # the text's own spelling of «е»/«ё»: «Алёхиной» → «алехина» → «Алёхина», «Федорова» →
    # «фёдоров» → «Федоров»
    new = "".join(("ё" if orig[i] in "ёЁ" else "е") if c in "её" and i < len(orig) and
                  orig[i] in "еёЕЁ" else c for i, c in enumerate(new))
    if orig.isupper() and len(orig) > 1:
        return new.upper()
    old_parts, new_parts = orig.split("-"), new.split("-")
    if len(old_parts) == len(new_parts):  # «аль-Саид» keeps its lower-case «аль»
        return "-".join(n[:1].upper() + n[1:] if o[:1].isupper() else n
                        for o, n in zip(old_parts, new_parts))
    if orig[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in new_parts)
    return new


def _pick(parses, case: str | None, gender: str | None, want_name: bool, alone: bool = False,
          first: bool = False):
    def rank(p) -> tuple:
        tag = p.tag
        return (
            bool(want_name and any(t in tag for t in NAME_TAGS)),
            not want_name or tag.number != "plur",  # a person is one («Питт», not «Питты»)
            case is None or tag.case == case,
            gender is None or tag.gender in (gender, None),
            not alone or "Surn" not in tag or tag.gender != "femn",  # a lone surname: masculine
            not alone or tag.case == "nomn",
            str(tag.POS) in ("NOUN", "ADJF"),
            p.score,
        )

    return max(parses, key=rank)


def _same_stem(word: str, parse, form):
    """``form`` of an adjective whose paradigm has two stems in the stem as written
    («высшей» → «высшая», not «высочайшая»; «лучшего» → «лучший», not «наихороший»)."""
    low = word.lower()
    if str(parse.tag.POS) != "ADJF" or form.word[:4] == low[:4]:
        return form
    same = [f for f in parse.lexeme if f.tag.case == form.tag.case and
            (f.tag.number, f.tag.gender) == (form.tag.number, form.tag.gender)]
    near = max(same, key=lambda f: len(os.path.commonprefix([f.word, low])), default=None)
    return near if near is not None and len(os.path.commonprefix([near.word, low])) >= 4 \
        else form


def _inflect(word: str, parse, gender: str | None) -> str:
    grams = {"nomn"}
    if parse.tag.number == "plur" and str(parse.tag.POS) != "NOUN":
        grams.add("plur")
    elif gender and str(parse.tag.POS) == "ADJF" or (gender and parse.tag.gender not in (None,)):
        grams.add("sing")
    form = parse.inflect(grams) or parse.inflect({"nomn"})
    if form is None:
        return word
    form = _same_stem(word, parse, form)
    if gender and form.tag.gender and form.tag.gender != gender and "Surn" in form.tag:
        alt = parse.inflect({"nomn", gender})
        form = alt or form
    return _restore_case(word, form.word)


# nominative endings of surnames pymorphy does not decline («Стапаева», «Соханьского»)
MASC_ENDINGS = {
    "gent": (("ского", "ский"), ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"),
             ("ина", "ин"), ("ына", "ын"), ("ы", "а")),
    "datv": (("скому", "ский"), ("цкому", "цкий"), ("ову", "ов"), ("еву", "ев"), ("ину", "ин")),
    "ablt": (("ским", "ский"), ("цким", "цкий"), ("овым", "ов"), ("евым", "ев"), ("иным", "ин")),
}
MASC_ENDINGS["accs"] = MASC_ENDINGS["gent"]
FEMN_ENDINGS = {
    case: (("ской", "ская"), ("цкой", "цкая"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"))
    for case in ("gent", "datv", "ablt", "loct")
}
FEMN_ENDINGS["accs"] = (("скую", "ская"), ("цкую", "цкая"), ("ову", "ова"), ("еву", "ева"),
                        ("ину", "ина"))
CONSONANT_CASE = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ом", "loct": "е"}


def _by_ending(word: str, case: str | None, gender: str | None) -> str:
    """The nominative of a surname from its ending, when the first name told the case
    («Досыма Стапаева» → «Стапаев», «Бартоломея Соханьского» → «Соханьский»)."""
    if case in (None, "nomn") or not word[:1].isupper():
        return word
    low = word.lower()
    for end, nom in (FEMN_ENDINGS if gender == "femn" else MASC_ENDINGS).get(case, ()):
        if low.endswith(end) and len(low) - len(end) >= 2:
            return word[: len(word) - len(end)] + nom
    suffix = CONSONANT_CASE.get(case)
    if gender != "femn" and suffix and low.endswith(suffix) and len(low) > len(suffix) + 2 and \
            low[-len(suffix) - 1] not in "аеёиоуыэюяйь":
        return word[: -len(suffix)]  # «Гонзалеса» → «Гонзалес»
    return word


LONG_VOWELS = ("уу", "үү", "оо", "ээ", "аа", "ыы", "өө")
FIXED_ENDINGS = ("и", "у", "о", "э", "е", "ю")
TAJIK_SURNAME = ("зода", "заде")
DECLINED_SURNAME = ("ову", "еву", "ёву", "ину", "ыну", "ому", "ему")  # «Осмоналиеву»
MINISTRY_OF = re.compile(r"Мин[а-яё]{3,}[ыи]")  # not «Минфина», «Минздраву»
PLURAL_ORG_HEADS = frozenset({"власть"})


def _fixed(word: str) -> bool:
    """A foreign name pymorphy does not know that Russian does not decline («Пелоси», «Хили»)."""
    low = word.lower()
    if low.endswith(TAJIK_SURNAME) and len(low) > 6:
        return True  # «Давлатзода», «Хасанзода», «Турсун-заде» do not decline
    if not low.endswith(FIXED_ENDINGS) or low.endswith(("ии", "ие", "ое", "ее", "ого", "его")) or \
            low.endswith(DECLINED_SURNAME):
        return False
    return not any(p.is_known for p in parse(word))


def _name_case(words: list[str], initials: set[int],
               known_gender: str | None = None) -> tuple[str | None, str | None]:
    """Case and gender of a person's name, from its first declinable name word; a
    form that can be nominative is read so when that reading is as likely as any («Алия
    Нурланова», «Абдулла Хсрат»; but «Александра Мишарина» → «Александр Мишарин»)."""
    if len(words) == 2 and not initials and known_gender != "masc":
        # «Дина Касымова», «Нигору Саидову»: a woman, not Дин's, Нигор's genitive or dative
        for p in parse(words[0]):
            if p.tag.gender == "femn" and p.normal_form.capitalize() in WOMEN and any(
                    q.tag.gender == "femn" and q.tag.case == p.tag.case for q in parse(words[1])):
                return p.tag.case, "femn"
    for i, w in enumerate(words):
        if i in initials or not CYR.match(w) or w.isupper() or _fixed(w):
            continue
        parses = [p for p in parse(w) if any(t in p.tag for t in NAME_TAGS)
                  and "Fixd" not in p.tag and p.tag.case != "voct"]  # «Бахром» is no vocative
        if known_gender:  # the speaker's gender is known («…, — заявила Александра Холл»)
            parses = [p for p in parses if p.tag.gender in (known_gender, None)
                      and p.tag.number != "plur"] or parses
        if not parses:
            continue
        nomn = [p for p in parses if p.tag.case == "nomn" and p.tag.number != "plur"]
        if i > 0 and not nomn and not any(p.is_known for p in parses) and any(
                p.tag.case == "nomn" and p.tag.number == "sing" and p.score >= parses[0].score
                for p in parse(w)) and _oblique_elsewhere(words, initials, i) is None:
            # «Юкио Хатояма»: after an indeclinable first name, an unknown surname that reads
            # as nominative is read so
            return "nomn", None
        if nomn and nomn[0].score >= max(p.score for p in parses) - 1e-6:
            other = _oblique_elsewhere(words, initials, i)
            if other is not None:  # «Эдварда Сноудена»: the surname has no nominative reading
                same = [p for p in parses if p.tag.case == other[0] and p.tag.number != "plur"]
                if any(p.tag.gender == other[1] for p in same):
                    return other
                if same:  # «Хасана Насраллы»: the first name's gender, the surname's case
                    return other[0], same[0].tag.gender
            return "nomn", nomn[0].tag.gender
        p = _pick(parses, None, None, True, alone=len(words) - len(initials) == 1)
        return p.tag.case, p.tag.gender
    return None, None


def _oblique_elsewhere(words: list[str], initials: set[int], skip: int):
    """(case, gender) of a later name word that cannot be nominative («Сноудена»), or None."""
    for j, w in enumerate(words):
        if j <= skip or j in initials or not CYR.match(w) or w.isupper() or _fixed(w):
            continue
        parses = [p for p in parse(w) if any(t in p.tag for t in NAME_TAGS)
                  and "Fixd" not in p.tag and p.tag.number != "plur"]
        if parses and not any(p.tag.case == "nomn" for p in parses):
            return str(parses[0].tag.case), parses[0].tag.gender
    return None


FIXED_SURNAMES = ("айте", "ене", "ите", "уте", "ко", "ян", "ук", "юк", "ич", "их", "ых")
OBLIQUE_ENDS = ("ой", "ей", "ым", "им", "ом", "ем", "ую", "у", "а", "ы", "е")


WOMANS_SURNAME = re.compile(r"(.*(?:ов|ев|ёв|ин|ын))(?:а|у|ой)$")
VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")


def _womans_surname(words: list[str]) -> str | None:
    """«Асель Нурпеисову», «Ляззат Ахметова», «Бактыгуль Исаковой»: a first name that ends in a
    consonant and stays as it is before a surname in «-ова», «-ову», «-овой» is a woman's (a
    man's would decline with it: «Мелиса Турганбаева»); the surname's nominative, else None."""
    if len(words) != 2 or not CYR.match(words[0]) or len(words[0]) < 3 or \
            words[0][-1] in VOWELS or words[0][-1] == "й":
        return None
    m = WOMANS_SURNAME.match(words[1])
    if m is None or not CYR.match(words[1]):
        return None
    return m.group(1) + "а"


# men's first names of Central Asia that pymorphy3 does not know, or reads first as a woman's
# name in the nominative («Нурлана», «Ерлана» are «Нурлан», «Ерлан» in the genitive)
TURKIC_MEN = frozenset("""Адилет Азамат Айбек Алмаз Алмазбек Арман Асхат Аскар Бакыт Бауыржан Бектур
Болот Дархан Даулет Данияр Дастан Ерболат Ержан Ерлан Ермек Жаныбек Жомарт Жээнбек Ильхом Кайрат
Камчыбек Канат Кубанычбек Кубат Максат Медет Мелис Мирлан Нурбек Нуржан Нурлан Нурлыбек Ойбек
Олжас Сабыр Садыр Садырбек Сакен Самат Санжар Сардор Серик Собир Талант Талгат Темирлан Улан
Улукбек Улугбек Урмат Фаррух Хуршид Шерзод Шавкат Эрлан""".split())
# women's first names of Central Asia and Russia in «-а» that pymorphy3 reads first as a man's
# genitive («Дина» → «Дин») or does not know, whose masculine reading is no name in use
WOMEN = frozenset("""Дина Нигора Мохира Гульмира Гульнара Гулнора Дилноза Шахноза Феруза Зарина
Мадина Динара Жанара Зухра Гульшат Гулчехра Матлюба Мавлюда Дильфуза Гульнора Наргиза Айгуля
Айнура Гульнура Бибигуль Мээрим""".split())
MANS_OBLIQUE = re.compile(r"(.*(?:ов|ев|ёв|ин|ын))(?:а|у|ым|е)$")


def _turkic_man(words: list[str]) -> str | None:
    """«Ерлана Жумабекова», «Нурланом Садыковым»: a man's first name of :data:`TURKIC_MEN`
    declined with his surname; the nominative of both, else None."""
    if len(words) != 2:
        return None
    first, last = words
    for end in ("ом", "ем", "а", "у", "е"):
        if first.endswith(end) and first[: -len(end)] in TURKIC_MEN:
            m = MANS_OBLIQUE.match(last)
            if m is not None:
                return f"{first[: -len(end)]} {m.group(1)}"
    return None


def _woman_in_ii(words: list[str]) -> str | None:
    """«Алии Жуматовой», «Лилии Сабировой»: a first name in «-ии» before a surname in «-овой»
    is a woman's in an oblique case (pymorphy may know «Алии» only as an indeclinable man's
    name); the nominative of both, else None."""
    if len(words) != 2 or not CYR.match(words[0]) or not words[0].endswith("ии") or \
            len(words[0]) < 4:
        return None
    m = WOMANS_SURNAME.match(words[1])
    return f"{words[0][:-1]}я {m.group(1)}а" if m is not None and words[1].endswith("ой") else None


def _woman_in_oblique(words: list[str]) -> str | None:
    """«Соной Ованнисян», «Далей Грибаускайте»: a woman's first name in the instrumental
    before a surname that does not decline; its nominative («Сона»), else None."""
    if len(words) != 2 or not CYR.match(words[0]) or not CYR.match(words[1]):
        return None
    first, last = words
    low = first.lower()
    if not low.endswith(("ой", "ей")) or len(low) < 4 or \
            last.lower().endswith(OBLIQUE_ENDS) and not last.lower().endswith(FIXED_SURNAMES):
        return None
    if any("Name" in p.tag and p.tag.case == "nomn" and p.is_known for p in parse(first)):
        return None  # «Сергей», «Андрей» are nominative names
    if any("Name" in p.tag and p.is_known and p.tag.gender == "masc" for p in parse(first)):
        return None
    return first[:-2] + ("а" if low.endswith("ой") else "я")


def _adjectives_before_abbreviation(words: list[str], out: list[str]) -> None:
    """«Бурятского ЦГМС», «Московской ТЭЦ»: oblique adjectives before an abbreviation, the
    abbreviation's gender unknown, keep their own gender in the nominative."""
    for i, w in enumerate(words[:-1]):
        adjs = [q for q in parse(w) if str(q.tag.POS) == "ADJF" and q.tag.case not in ("nomn", None)]
        if not CYR.match(w) or not adjs:
            return
        q = next((a for a in adjs if a.tag.gender == "masc"), adjs[0])
        grams = {"nomn", q.tag.number or "sing"} | ({q.tag.gender} if q.tag.gender else set())
        form = q.inflect(grams)
        if form:
            out[i] = _restore_case(w, _same_stem(w, q, form).word)


def _attributive(words: list[str], i: int) -> bool:
    """A word read first as a noun that is an adjective agreeing with the noun after it
    («полицейского управления», «учёного совета»)."""
    if i + 1 >= len(words) or not CYR.match(words[i + 1]) or words[i + 1].isupper():
        return False
    parses = parse(words[i])
    if str(_pick(parses, None, None, False).tag.POS) != "NOUN":
        return False
    cases = {(q.tag.case, q.tag.number) for q in parse(words[i + 1]) if str(q.tag.POS) == "NOUN"}
    return any(str(q.tag.POS) == "ADJF" and (q.tag.case, q.tag.number) in cases for q in parses)


def _nominative_head(words: list[str]) -> bool:
    """The organisation's head noun is already a singular nominative."""
    for w in words:
        if not CYR.match(w) or w.isupper():
            return False
        parses = parse(w)
        p = _pick(parses, None, None, False)
        if str(p.tag.POS) == "NOUN":
            if not p.is_known and p.tag.case == "nomn":
                return True  # an unknown word read as nominative is left as written
            return any(q.tag.case == "nomn" and q.tag.number == "sing" and str(q.tag.POS) == "NOUN"
                       and q.normal_form == p.normal_form for q in parses)
    return False


@lru_cache(maxsize=100_000)
def normalize_name(text: str, label: str = "PER", gender: str | None = None) -> str:
    """The nominative form of an entity's text; unknown scripts and abbreviations are kept.

    ``gender`` (``"masc"``/``"femn"``), when known from the context, decides ambiguous person
    names: «Александра Панфилова» is «Александр Панфилов» unless the person is a woman.
    """
    tokens = re.split(r"(\s+|\.)", text)
    words = [t for t in tokens if t and not t.isspace() and t != "."]
    if not words or not any(CYR.match(w) for w in words):
        return text
    out: list[str] = []
    if label == "PER":
        # initials («Н.Азарова», «Дж.Гиллард») are kept as they are
        initials, k = set(), 0
        for j, t in enumerate(tokens):
            if t and not t.isspace() and t != ".":
                if j + 1 < len(tokens) and tokens[j + 1] == "." and len(t) <= 3:
                    initials.add(k)
                k += 1
        alone = len(words) - len(initials) == 1
        woman = _woman_in_ii(words) if not initials else None
        if woman is not None and re.fullmatch(r"\S+\s+\S+", text):
            return woman
        woman = _woman_in_oblique(words)
        if woman is not None:  # «Соной Ованнисян» → «Сона Ованнисян»
            first = next(i for i, t in enumerate(tokens) if t and not t.isspace() and t != ".")
            return "".join([*tokens[:first], woman, *tokens[first + 1 :]])
        man = _turkic_man(words) if not initials and gender != "femn" else None
        if man is not None and re.fullmatch(r"\S+\s+\S+", text):  # «Ерлана Жумабекова»
            return man
        surname = _womans_surname(words) if not initials else None
        if surname is not None:  # «Асель Нурпеисову» → «Асель Нурпеисова»
            last = max(i for i, t in enumerate(tokens) if t and not t.isspace() and t != ".")
            return "".join([*tokens[:last], surname, *tokens[last + 1 :]])
        if alone:
            case = None
        else:
            case, gender = _name_case(words, initials, gender)
        for i, w in enumerate(words):
            if case == "gent" and i == len(words) - 1 and len(w) > 4 and \
                    w.endswith("и") and w[-2] in "гкхжшчщ":
                out.append(w[:-1] + "а")  # «(Нараяна Кумара) Шрестхи» → «Шрестха»
                continue
            if (i in initials or not CYR.match(w) or (w.isupper() and len(w) > 1) or len(w) == 1
                    or _fixed(w)):
                out.append(w)
                continue
            parses = parse(w)
            if any("Fixd" in q.tag and any(t in q.tag for t in NAME_TAGS) for q in parses):
                out.append(w)  # «Иржи», «Шойгу» do not decline
                continue
            woman = next((q.normal_form.capitalize() for q in parses if q.tag.gender == "femn"
                          and q.normal_form.capitalize() in WOMEN), None) \
                if i == 0 and gender == "femn" else None
            if woman is not None:
                out.append(woman)  # «Нигоры» → «Нигора»
                continue
            if alone and not any(q.is_known for q in parses) and w[-1] not in VOWELS and \
                    w[-1] not in "йь" and not w.endswith(("ом", "ем", "ым", "им")):
                out.append(w)  # «Кёлер»: an unknown surname that ends in a consonant as written
                continue
            if case is None and not alone and (
                    not any(q.is_known for q in parses) and parses[0].tag.case == "nomn"
                    or not any(t in q.tag for q in parses for t in NAME_TAGS)):
                # «Хосе Авила», «Марио Драги»: nothing says it is declined
                out.append(w)
                continue
            p = _pick(parses, case, gender, True, alone=alone)
            if str(p.tag.POS) not in ("NOUN", "ADJF"):
                # «Лайам», «Гоюй» are not verbs; «Сафьянов(а)» is no adjective
                out.append(_by_ending(w, case, gender))
                continue
            if (case is not None and p.tag.case != case) or p.tag.number == "plur":
                out.append(_by_ending(w, case, gender) if not any(
                    t in p.tag for t in NAME_TAGS) else w)
                continue
            form = _inflect(w, p, gender)
            out.append(form if form != w else _by_ending(w, case, gender))
        if len(out) == 2 and not initials and out[1] == words[1] and out[0] != words[0] and \
                words[1].endswith(("ова", "ева", "ёва", "ина", "ына")):
            out[0] = words[0]  # «Сауле Ибраимова»: a woman in the nominative, not «Саул»
    elif _nominative_head(words):
        return text  # «Комсомольская правда-Тамбов», «Конституционный совет» are nominative
    else:
        done = False
        for i, w in enumerate(words):
            if done or not CYR.match(w) or (w.isupper() and len(w) > 1):
                out.append(w)
                done = True
                continue
            if MINISTRY_OF.fullmatch(w):
                out.append(w)  # «Минприроды», «Минобороны»: «министерство» + a genitive
                done = True
                continue
            if w.lower().endswith(LONG_VOWELS) or (i < len(words) - 1 and w[0].isupper()
                                                   and _fixed(w)):
                out.append(w)  # «Кара-Суу», «Жогорку (Кенеша)»: Turkic words that do not decline
                done = i == len(words) - 1
                continue
            p = _pick(parse(w), None, None, False)
            if _attributive(words, i):
                out.append(w)  # «полицейского управления»: an adjective, fixed below
                continue
            if str(p.tag.POS) == "NOUN" and p.normal_form in PLURAL_ORG_HEADS:
                plur = p.inflect({"nomn", "plur"})
                out.append(_restore_case(w, plur.word) if plur else w)
                done = True
            elif str(p.tag.POS) == "NOUN":
                out.append(_inflect(w, p, None))
                done = True
            elif str(p.tag.POS) == "ADJF":
                out.append(w)  # fixed below once the head noun is known
            else:
                out.append(w)
                done = True
        # adjectives before the head agree with it
        head = next((i for i, w in enumerate(words) if CYR.match(w) and not w.isupper()
                     and str(_pick(parse(w), None, None, False).tag.POS) == "NOUN"
                     and not _attributive(words, i)), None)
        if head is not None and any(not CYR.match(w) or w.isupper() for w in words[:head]):
            head = None
        if head is not None:
            hp = _pick(parse(words[head]), None, None, False)
            plural = hp.normal_form in PLURAL_ORG_HEADS  # «афганские власти», not «афганская»
            for i in range(head):
                adjs = [q for q in parse(words[i])
                        if str(q.tag.POS) == "ADJF" and (plural or q.tag.case == hp.tag.case)]
                p = adjs[0] if adjs else _pick(parse(words[i]), hp.tag.case, None, False)
                if str(p.tag.POS) == "ADJF":
                    grams = {"nomn", "plur" if plural else hp.tag.number or "sing"}
                    if not plural and hp.tag.number != "plur" and hp.tag.gender:
                        grams.add(hp.tag.gender)
                    form = p.inflect(grams)
                    if form:
                        out[i] = _restore_case(words[i], _same_stem(words[i], p, form).word)
        elif words[-1].isupper() and len(words[-1]) > 1 and len(words) > 1:
            _adjectives_before_abbreviation(words, out)  # «Бурятского ЦГМС» → «Бурятский ЦГМС»
    result, k = [], 0
    for t in tokens:
        if t and not t.isspace() and t != ".":
            result.append(out[k])
            k += 1
        else:
            result.append(t)
    return "".join(result)

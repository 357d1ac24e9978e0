"""Nominative forms of names with pymorphy3 («Маратом Сыздыковым» → «Марат Сыздыков»)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["normalize_name", "morph", "lemma"]

CYR = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
NAME_TAGS = ("Name", "Surn", "Patr")


@lru_cache(maxsize=1)
def morph():
    """The one pymorphy3 analyser of the process (loading it costs a second)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a word, lower-cased."""
    return morph().parse(word.lower())[0].normal_form


_morph = morph


def _restore_case(orig: str, new: str) -> str:
    if orig.isupper() and len(orig) > 1:
        return new.upper()
    if orig[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in new.split("-"))
    return new


def _pick(parses, case: str | None, gender: str | None, want_name: bool, alone: bool = False,
          first: bool = False):
    def rank(p) -> tuple:
        tag = p.tag
        return (
            bool(want_name and any(t in tag for t in NAME_TAGS)),
            case is None or tag.case == case,
            gender is None or tag.gender in (gender, None),
            not alone or tag.gender != "femn",  # a lone surname: masculine, nominative first
            not alone or tag.case == "nomn",
            str(tag.POS) in ("NOUN", "ADJF"),
            p.score,
        )

    return max(parses, key=rank)


def _inflect(word: str, parse, gender: str | None) -> str:
    grams = {"nomn"}
    if parse.tag.number == "plur" and str(parse.tag.POS) != "NOUN":
        grams.add("plur")
    elif gender and str(parse.tag.POS) == "ADJF" or (gender and parse.tag.gender not in (None,)):
        grams.add("sing")
    form = parse.inflect(grams) or parse.inflect({"nomn"})
    if form is None:
        return word
    if gender and form.tag.gender and form.tag.gender != gender and "Surn" in form.tag:
        alt = parse.inflect({"nomn", gender})
        form = alt or form
    return _restore_case(word, form.word)


@lru_cache(maxsize=100_000)
def normalize_name(text: str, label: str = "PER") -> str:
    """The nominative form of an entity's text; unknown scripts and abbreviations are kept."""
    tokens = re.split(r"(\s+)", text)
    words = [t for t in tokens if t and not t.isspace()]
    if not words or not any(CYR.match(w) for w in words):
        return text
    morph = _morph()
    out: list[str] = []
    if label == "PER":
        case = gender = None
        for w in words:  # the case and gender of the name come from its first known name word
            if CYR.match(w) and not w.isupper():
                p = _pick(morph.parse(w), None, None, True, alone=len(words) == 1,
                          first=len(words) > 1)
                if any(t in p.tag for t in NAME_TAGS):
                    case, gender = p.tag.case, p.tag.gender
                    break
        for w in words:
            if not CYR.match(w) or (w.isupper() and len(w) > 1) or len(w) == 1:
                out.append(w)
                continue
            p = _pick(morph.parse(w), case, gender, True, alone=len(words) == 1)
            if case is not None and p.tag.case != case:
                out.append(w)
                continue
            out.append(_inflect(w, p, gender))
    else:
        done = False
        for w in words:
            if done or not CYR.match(w) or (w.isupper() and len(w) > 1):
                out.append(w)
                done = True
                continue
            p = _pick(morph.parse(w), None, None, False)
            if str(p.tag.POS) == "NOUN":
                out.append(_inflect(w, p, None))
                done = True
            elif str(p.tag.POS) == "ADJF":
                out.append(w)  # fixed below once the head noun is known
            else:
                out.append(w)
                done = True
        # adjectives before the head agree with it
        head = next((i for i, w in enumerate(words) if CYR.match(w) and not w.isupper()
                     and str(_pick(morph.parse(w), None, None, False).tag.POS) == "NOUN"), None)
        if head is not None and any(not CYR.match(w) or w.isupper() for w in words[:head]):
            head = None
        if head is not None:
            hp = _pick(morph.parse(words[head]), None, None, False)
            for i in range(head):
                p = _pick(morph.parse(words[i]), hp.tag.case, None, False)
                if str(p.tag.POS) == "ADJF":
                    grams = {"nomn", hp.tag.number or "sing"}
                    if hp.tag.number != "plur" and hp.tag.gender:
                        grams.add(hp.tag.gender)
                    form = p.inflect(grams)
                    if form:
                        out[i] = _restore_case(words[i], form.word)
    result, k = [], 0
    for t in tokens:
        if t and not t.isspace():
            result.append(out[k])
            k += 1
        else:
            result.append(t)
    return "".join(result)

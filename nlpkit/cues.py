"""The cue lexicon: reporting verbs and phrases («заявил», «по словам»), and what is not one
(the author's own voice: «Напомним, что», «Стоит отметить»)."""

from __future__ import annotations

import re
from functools import lru_cache

from nlpkit.normal import lemma as cue_lemma
from nlpkit.normal import morph
from nlpkit.normal import parse as _parse

__all__ = ["CUE_LEMMAS", "PHRASE_CUES", "WORD", "cue_gender", "cue_in", "cue_lemma",
           "is_author_voice", "is_cue", "pos"]

CUE_LEMMAS = frozenset("""
заявить заявлять сообщить сообщать отметить отмечать подчеркнуть подчёркивать подчеркивать
добавить добавлять пояснить пояснять разъяснить рассказать рассказывать сказать говорить уточнить
уточнять указать указывать заверить заверять гарантировать пообещать обещать успокоить уверить
уверять опровергнуть опровергать отрицать отвергнуть отвергать осудить осуждать возмутиться
раскритиковать критиковать потребовать требовать обвинить обвинять пригрозить грозить призвать
призывать констатировать напомнить напоминать объяснить объяснять ответить отвечать предупредить
предупреждать признать признаваться признаться считать полагать утверждать написать писать
заключить выразить высказать высказаться поделиться сетовать пожаловаться жаловаться настаивать
подтвердить подтверждать возразить возражать спросить заметить замечать прокомментировать
комментировать отчитаться информировать передать передавать цитировать процитировать
резюмировать продолжить продолжать убеждать убедить уверенный заявление цитата
посетовать оценить оценивать допустить допускать объявить объявлять проинформировать уведомить
сообщаться говориться отмечаться подчёркиваться подчеркиваться указываться рассуждать вспомнить
вспоминать предположить предполагать произнести воскликнуть парировать возмущаться удивиться
прогнозировать спрогнозировать предсказать анонсировать озвучить огласить зачитать прибавить
подытожить согласиться соглашаться опасаться попросить просить отреагировать сформулировать
описать описывать посоветовать советовать пожелать выступить признавать заверение подозревать
исключить исключать упомянуть упоминать угрожать надеяться доложить докладывать мотивировать
намекнуть намекать повторить повторять посчитать думать сомневаться усомниться выкрикнуть
крикнуть оповестить
""".split())
PHRASE_CUES = ("по словам", "по мнению", "по данным", "как сообщает", "как сообщил", "как сообщила",
               "как сообщили", "как заявил", "как заявила", "как заявили", "как отметил",
               "как отметила", "как пояснил", "как рассказал", "как передает", "как передаёт")
RELAY_VERB = re.compile(r"\b(привод\w*|привел\w*|привёл\w*)\s+(?:[\w«»\"-]+\s+){0,3}?слова\b",
                        re.IGNORECASE)


@lru_cache(maxsize=200_000)
def pos(word: str) -> tuple[str, str]:
    """Part of speech and case of a word's likeliest reading («заявил» → VERB, "")."""
    p = _parse(word)[0]
    return str(p.tag.POS or ""), str(p.tag.case or "")


WORD = re.compile(r"\w+(?:[-']\w+)*")


# the author's own voice and impersonal reports are not quotes («Напомним, что …»)
NOT_CUE_FORMS = frozenset({"напомним", "сообщается", "напомню", "отметим", "заметим",
                           "подчеркнем", "подчеркнём", "добавим", "уточним",
                           # impersonal past reports name no one («Как сообщалось ранее, …»)
                           "сообщалось", "объявлено", "сказано", "заявлено", "указано",
                           "указывается", "подтверждено", "отмечалось",
                           # the author hedging: «Не исключено, что …»
                           "исключено"})
# the author's voice: «Стоит (также / ли) напомнить, что», «нельзя не отметить, что», «можно с
# уверенностью сказать, что»
AUTHOR = re.compile(r"(?:[Сс]тоит|[Сс]ледует|[Нн]ужно|[Нн]адо|[Вв]ажно|[Мм]ожно|[Нн]ельзя|"
                    r"[Оо]ста[её]тся)(?:\s+(?:также|ли|лишь|только|же|бы|ещ[её]|не|раз|уже|"
                    r"смело|уверенно|точно|с\s+уверенностью))*\s+$")


def is_author_voice(text: str, cue_start: int) -> bool:
    """Whether the cue starting at ``cue_start`` is the author's («Стоит также напомнить»)."""
    return AUTHOR.search(text, max(0, cue_start - 30), cue_start) is not None


def _known(word: str) -> bool:
    return bool(morph().word_is_known(word))


@lru_cache(maxsize=1)
def _cue_forms() -> frozenset[str]:
    """Every dictionary form of every cue lemma (participles and gerunds are forms of their
    verb), «ё» read as «е»."""
    forms = {f.word for lem in CUE_LEMMAS for p in morph().parse(lem) if p.normal_form == lem
             for f in p.lexeme}
    return frozenset(f.replace("ё", "е") for f in forms)


@lru_cache(maxsize=200_000)
def is_cue(word: str) -> bool:
    """Whether ``word`` is a reporting verb, participle or gerund of the cue lexicon."""
    lower = word.lower()
    if lower in NOT_CUE_FORMS:
        return False
    # a dictionary word that is no form of a cue lemma is not analysed further (most words)
    if lower.replace("ё", "е") not in _cue_forms() and _known(lower):
        return False
    if cue_lemma(word) in CUE_LEMMAS:
        return True
    p = _parse(word.lower())[0]
    if str(p.tag.POS) in ("PRTF", "PRTS", "GRND"):
        verb = p.inflect({"INFN"})
        return verb is not None and verb.word in CUE_LEMMAS
    return False


def cue_in(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first cue in text[start:end]: a reporting word, else a phrase («по словам»)."""
    for m in WORD.finditer(text, start, end):
        if is_cue(m.group()):
            return m.span()
    lower = text[start:end].lower()
    for ph in PHRASE_CUES:
        i = lower.find(ph)
        if i >= 0:
            return start + i, start + i + len(ph)
    relay = RELAY_VERB.search(text, start, end)  # «приводит Reuters слова Маккристала»
    return relay.span(1) if relay else None


@lru_cache(maxsize=50_000)
def cue_gender(word: str) -> str | None:
    """The speaker's gender a past-tense cue shows: «заявила» → femn, «сказал» → masc."""
    p = _parse(word.lower())[0]
    if str(p.tag.POS) in ("VERB", "PRTF", "PRTS") and p.tag.number == "sing" and \
            p.tag.gender in ("masc", "femn"):
        return str(p.tag.gender)
    return None

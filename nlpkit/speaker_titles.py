"""Titles that name a person: «министр … Руслан Казакбаев», «Казакбаев, министр»,
«журналист Виктор Шендерович», a headline's «Госсекретарь» before the lead names her.

:class:`Titles` is mixed into :class:`nlpkit.speakers.SpeakerResolver`; it keeps a lemma index
of the document's words, built once.
"""

from __future__ import annotations

import bisect
import re

from nlpkit.normal import lemma as _lemma
from nlpkit.normal import parse as _parse
from nlpkit.speaker_forms import WORD
from nlpkit.speaker_forms import cases as _cases
from nlpkit.speaker_words import AGENTS, TITLE_SYNONYMS
from nlpkit.types import Entity

__all__ = ["PHRASE_BREAK", "Titles"]

# where a title's phrase ends: a line, a sentence, a clause («бизнесмен …, который
# утверждает, что Хаккани» is not Хаккани)
CLAUSE_BREAK = re.compile(r"\n|(?<!\b[А-ЯЁA-Z])[.;!?](?:\s|$)|"
                          r",\s+(?:котор\w+|что|где|когда|но|а|и)\b")
PHRASE_BREAK = re.compile(r"[,.;:!?()—–«»\"]|\s-\s|\n")


class Titles:
    """Lookups from a title to the person it was given to."""

    text: str
    gender: str | None
    _pers: list[Entity]
    _per_starts: list[int]
    _words: list[tuple[int, int, str]] | None
    _word_ends: list[int]
    _lemma_pos: dict[str, list[int]]
    _quote_at: int  # where the quote being resolved starts

    def _org_lemmas(self) -> frozenset[str]:  # the resolver's
        raise NotImplementedError

    def _fits(self, e: Entity, gender: str | None) -> bool:  # the resolver's
        raise NotImplementedError

    def _apposed(self, head: str, end: int) -> Entity | None:
        """The name a title stands in apposition to, in the same phrase and case: «журналист
        Виктор Шендерович», «специалист по безопасности Медицинского центра доктор Фредерик
        Мис», «полпреда президента РФ в округе Виктора Ишаева»."""
        k = bisect.bisect_left(self._per_starts, end)
        if k >= len(self._pers):
            return None
        person = self._pers[k]
        if end < self._quote_at <= person.start:
            return None  # «По словам главы правительства, С.Шойгу необходимо …»: in the quote
        if person.start <= end + 2:  # «пресс-агент Гибсона»: whose agent, not who
            return None if _lemma(head) in AGENTS and "nomn" in _cases(head) and \
                person.text != person.normal else person
        if person.start > end + 100 or PHRASE_BREAK.search(self.text, end, person.start):
            return None
        first = WORD.match(self.text, person.start)  # «Сухроб», a name pymorphy only guesses
        return person if first and (_cases(head) & _cases(first.group()) or not any(
            p.is_known for p in _parse(first.group()))) else None

    def _index(self) -> None:
        if self._words is None:  # built once per document: long texts stay linear
            self._words = [(m.start(), m.end(), _lemma(m.group()))
                           for m in WORD.finditer(self.text)]
            self._word_ends = [w[1] for w in self._words]
            for i, (_, _, lem) in enumerate(self._words):
                self._lemma_pos.setdefault(lem, []).append(i)

    def _titled_person(self, title: list[str], before: int, ahead: bool = False) -> Entity | None:
        person = self._titled(title, before, ahead)
        for other in TITLE_SYNONYMS.get(" ".join(title[:2]), TITLE_SYNONYMS.get(title[0], ())) \
                if person is None and title else ():
            person = self._titled(other.split(), before, ahead)  # «премьер»: «глава правительства»
            if person is not None:
                break
        return person if person is not None and self._fits(person, self.gender) else None

    def _titled(self, title: list[str], before: int, ahead: bool = False) -> Entity | None:
        """The person a title named earlier: «министр … Руслан Казакбаев», «Казакбаев, министр»;
        ``ahead``: the first one named after ``before`` (a headline's «Госсекретарь сообщила»
        before the lead's «Госсекретарь США Хиллари Клинтон»)."""
        self._index()
        assert self._words is not None
        limit = bisect.bisect_right(self._word_ends, before)  # words ending before the source
        # «глава Центробанка» is not any «глава»: a title qualified by a body needs the body
        shortest = 2 if len(title) > 1 and title[1] in self._org_lemmas() else 1
        for n in range(min(3, len(title)), shortest - 1, -1):
            phrase = title[:n]
            starts = self._lemma_pos.get(phrase[0], [])
            j = bisect.bisect_left(starts, limit)
            hits = [i for i in (starts[j : j + 50] if ahead else starts[max(0, j - 50) : j])
                    if [w[2] for w in self._words[i : i + n]] == phrase]
            for i in (hits if ahead else reversed(hits)):
                a, b = self._words[i][0], self._words[i + n - 1][1]
                k = bisect.bisect_left(self._per_starts, b)
                near = [p for p in self._pers[k : k + 4] if p.start < b + 80
                        and not CLAUSE_BREAK.search(self.text, b, p.start)]
                if near:
                    # «адвокат бывшего управляющего … Акифа Мурадвердиева Фуад Агаев»: a title
                    # in the nominative is held by the name in the nominative
                    nominative = self.text[a:b].lower() == " ".join(phrase)
                    return next((p for p in near if p.text == p.normal and
                                 self._fits(p, self.gender)), near[0]) if nominative else near[0]
                k = bisect.bisect_left(self._per_starts, a) - 1
                if k >= 0 and self._pers[k].end >= a - 3 and self._pers[k].end <= a:
                    return self._pers[k]
        return None

    def _in_headline(self, lemma: str) -> bool:
        """Whether the headline (the first line) uses this word: «В США арестовали иранскую
        журналистку» is about the person the article names most."""
        self._index()
        assert self._words is not None
        line = self.text.find("\n")
        return line > 0 and any(self._words[i][0] < line for i in self._lemma_pos.get(lemma, []))

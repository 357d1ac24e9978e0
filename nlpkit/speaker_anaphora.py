"""Speakers a quote points back to: a pronoun («он», «её»), a person noun («по словам
женщины»), a bare title («Сам дипломат отметил») or the person an article is about.

:class:`Anaphora` is mixed into :class:`nlpkit.speakers.SpeakerResolver`, whose people index
(``_pers``, ``_per_starts``), previous speaker and ``canonical`` it reads.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from nlpkit.person_names import surname_key as _surname_key
from nlpkit.sources import is_media
from nlpkit.types import Entity

__all__ = ["Anaphora", "Attribution"]

SCAN = 300  # how far back a lookup scans, in entities
NEAR = 300  # how far back (characters) a bare title looks for the person just named
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")
TOPIC = re.compile(r"\s*(?:[АаИи]\s+)?[Чч]то\s+касается\s")
THEN = re.compile(r",\s+то\s+$")


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    entity: Entity | None


class Anaphora:
    """Lookups that resolve a speaker the source does not name."""

    text: str
    gender: str | None
    _pers: list[Entity]
    _per_starts: list[int]
    _alias: dict[str, Entity]
    _previous_at: int
    _anonymous_at: int
    _quote_at: int
    previous: Attribution | None

    def canonical(self, entity: Entity) -> Attribution:  # the resolver's
        raise NotImplementedError

    def _fits(self, e: Entity, gender: str | None) -> bool:  # the resolver's
        raise NotImplementedError

    def _last_before(self, pos: int, label: str, gender: str | None = None) -> Entity | None:
        raise NotImplementedError

    def _just_named(self, s: int) -> Entity | None:
        """The person named last within the paragraph before ``s``, of the cue's gender."""
        last = self._last_before(s, "PER", self.gender)
        if last is None or s - last.end >= NEAR or \
                "\n\n" in self.text[last.end : s].replace("\r", ""):
            return None
        # a name in the dative, instrumental or locative is governed («адмиралу Майку
        # Маллену»): the one spoken to or about, not one a title would point back to
        last = self._alias.get(last.text, last)  # «Маллену (Mike Mullen)»: the Russian form
        words = CYRILLIC_WORD.findall(last.text)
        governed = last.text != last.normal and bool(words) and \
            words[0].lower().endswith(("у", "ю", "ом", "ем", "ой", "ей", "ым", "им", "е"))
        return None if governed else last

    def _pronoun(self, gender: str | None, s: int) -> Attribution:
        """The previous speaker when no new subject of that gender was named since («…, —
        сказал министр. … Он добавил»); else the last person of that gender named in the
        nominative (a subject) before the pronoun; else the last person of that gender; else
        the previous speaker."""
        k = bisect.bisect_left(self._per_starts, s)
        topic = self._topic(gender, s, k)
        if topic is not None:
            return self.canonical(topic)
        prev = self.previous
        if self._anonymous_at > self._previous_at and not any(
                p.start > self._anonymous_at and p.end <= s and p.text == p.normal
                for p in self._pers[max(0, k - 20) : k]):
            return Attribution(None, None)  # «источник … По его словам»: the unnamed source
        same = _surname_key(prev.entity.text) if prev and prev.entity is not None else None
        # the previous speaker's own name after the quote («…», — сказал адвокат Небойша
        # Влаич) is no new subject
        if prev and prev.entity is not None and prev.entity.label == "PER" and \
                self._fits(prev.entity, gender) and self._previous_at <= s and not any(
                    p.start > self._previous_at and p.end <= s and p.text == p.normal
                    and self._fits(p, gender) and _surname_key(p.text) != same
                    for p in self._pers[max(0, k - 20) : k]):
            return prev
        lone = self._lone_person_before(gender)
        if lone is not None:  # «… утомили президента группы Plaza Умара Джабраилова. «…», —
            return self.canonical(lone)  # пояснил он»: the one person of the sentence before
        for e in reversed(self._pers[max(0, k - SCAN) : k]):
            if e.end <= s and e.text == e.normal and self._fits(e, gender):
                return self.canonical(e)
        person = self._last_before(s, "PER", gender)
        if person is not None:
            return self.canonical(person)
        if prev is None or prev.entity is None or prev.entity.label != "PER" and \
                is_media(self.text, prev.entity.start, prev.entity.end):
            # «он», «она» name a person, not the outlet that relayed earlier: a foreign name
            # whose gender the morphology misreads («Невилл-Джонс … По ее словам»)
            person = next((e for e in reversed(self._pers[max(0, k - SCAN) : k])
                           if e.end <= s and e.text == e.normal), None)
            if person is not None:
                return self.canonical(person)
        return self.previous or Attribution(None, None)

    def _topic(self, gender: str | None, s: int, k: int) -> Entity | None:
        """«Что касается Николая Федорова, …, то он …»: the person the sentence is about."""
        start = max(self.text.rfind(c, 0, s) for c in ".!?\n") + 1
        if not TOPIC.match(self.text, start) or not THEN.search(self.text[start:s]):
            return None
        return next((p for p in self._pers[max(0, k - 20) : k]
                     if p.start >= start and self._fits(p, gender)), None)

    def _lone_person_before(self, gender: str | None) -> Entity | None:
        """The only person (of that gender) named in the sentence that ends right before the
        quote, in any case; None when there are several or none."""
        at = self._quote_at
        end = at
        while end > 0 and self.text[end - 1] in " \t\n«„“\"—–-":
            end -= 1
        if end == 0 or self.text[end - 1] not in ".!?":
            return None
        start = max(self.text.rfind(c, 0, end - 1) for c in ".!?\n") + 1
        k = bisect.bisect_left(self._per_starts, end)
        people = [e for e in self._pers[max(0, k - SCAN) : k] if e.start >= start and e.end <= end
                  and self._fits(e, gender)]
        if len({_surname_key(e.text) for e in people}) != 1:
            return None
        return people[-1]

    def _protagonist(self, s: int) -> Entity | None:
        """The person the article is about: named before ``s`` more often than anyone else
        (at least twice), of the cue's gender."""
        k = bisect.bisect_left(self._per_starts, s)
        counts: dict[str, list[Entity]] = {}
        for e in self._pers[max(0, k - SCAN) : k]:
            counts.setdefault(_surname_key(e.text), []).append(e)
        ranked = sorted(counts.values(), key=len, reverse=True)
        if not ranked or len(ranked[0]) < 2 or len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
            return None
        best = ranked[0][-1]
        return best if self._fits(best, self.gender) else None

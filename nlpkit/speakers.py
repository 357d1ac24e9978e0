"""Speaker attribution: from a quote's source span to the canonical speaker of the document.

Names are clustered by surname (PER) or normal form (ORG); a cluster's canonical name is its
fullest nominative form. A source that is a title («министр», «глава МИД») resolves to the
person that title was given to earlier in the document; a pronoun («он», «она») to the last
speaker or person of the same gender; no source continues the previous speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlpkit.normal import lemma as _lemma
from nlpkit.normal import morph as _morph
from nlpkit.types import Entity

__all__ = ["SpeakerResolver", "Attribution"]

PRONOUN_GENDER = {"он": "masc", "она": "femn", "они": None, "мы": None, "я": None}
ORG_NOUNS = frozenset("""министерство ведомство мид пресс-служба служба компания правительство
посольство генконсульство суд прокуратура полиция кремль департамент управление комитет
организация партия администрация мэрия минобороны минздрав агентство штаб пресс-центр
руководство концерн банк фонд совет дума парламент""".split())
PERSON_TITLES = frozenset("""глава министр президент председатель директор руководитель губернатор
мэр премьер премьер-министр посол замминистра заместитель генсек начальник лидер спикер
пресс-секретарь канцлер командующий политик министерка депутат сенатор прокурор адвокат
тренер актёр актер актриса певец певица главарь основатель владелец генпрокурор
вице-президент вице-премьер госсекретарь представитель патриарх папа король
премьер-министр мэра""".split())
WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    entity: Entity | None




@lru_cache(maxsize=50_000)
def _gender(name: str) -> str | None:
    first = name.split()[0] if name.split() else name
    for p in _morph().parse(first):
        if "Name" in p.tag or "Surn" in p.tag:
            return p.tag.gender
    return None


ENDINGS = ("ыми", "ими", "ому", "ему", "ого", "его", "ой", "ей", "ом", "ем", "ым", "им",
           "ую", "юю", "а", "я", "у", "ю", "е", "ы", "и")


def _surname_key(name: str) -> str:
    """A crude stem of the last word, so «Вучич», «Вучича», «Вучичем» share a cluster."""
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    last = (parts[-1] if parts else name).lower().replace("ё", "е")
    for end in ENDINGS:
        if last.endswith(end) and len(last) - len(end) >= 4:
            return last[: -len(end)]
    return last


def _fullness(e: Entity) -> tuple[int, int, int]:
    """Prefer more words, then a mention already in the nominative, then length."""
    return (len(e.text.split()), int(e.text == e.normal), len(e.text))


class SpeakerResolver:
    """Resolve sources to canonical speakers within one document."""

    def __init__(self, text: str, entities: Sequence[Entity]):
        self.text = text
        self.entities = sorted(entities, key=lambda e: e.start)
        self.clusters: dict[str, Entity] = {}
        for e in self.entities:
            if e.label != "PER":
                continue
            key = _surname_key(e.text)
            best = self.clusters.get(key)
            if best is None or _fullness(e) > _fullness(best):
                self.clusters[key] = e
        self.previous: Attribution | None = None
        self._lemma_index: dict[str, list[int]] | None = None
        self._pers = [e for e in self.entities if e.label == "PER"]
        self._per_starts = [e.start for e in self._pers]

    def canonical(self, entity: Entity) -> Attribution:
        if entity.label == "PER":
            best = self.clusters.get(_surname_key(entity.text), entity)
            return Attribution(best.text if best.text == best.normal else best.normal, best)
        return Attribution(entity.normal, entity)

    def _entity_in(self, start: int, end: int, labels=("PER", "ORG")) -> Entity | None:
        inside = [e for e in self.entities if e.start < end and start < e.end and e.label in labels]
        return inside[0] if inside else None

    def _last_before(self, pos: int, label: str, gender: str | None = None) -> Entity | None:
        for e in reversed(self.entities):
            if e.end <= pos and e.label == label:
                if gender is None or _gender(e.normal) in (gender, None):
                    return e
        return None

    def _titled_person(self, title: str, before: int) -> Entity | None:
        """The person that ``title`` named earlier: «министр … Руслан Казакбаев»."""
        if self._lemma_index is None:  # built once per document: long texts stay linear
            index: dict[str, list[int]] = {}
            for m in WORD.finditer(self.text):
                index.setdefault(_lemma(m.group()), []).append(m.end())
            self._lemma_index = index
        import bisect

        ends = self._lemma_index.get(_lemma(title), [])
        k = bisect.bisect_right(ends, before)  # titles given before this source only
        for end in reversed(ends[max(0, k - 50) : k]):  # the nearest earlier title first
            person = next((e for e in self._per_starts_after(end) if e.start < end + 80), None)
            if person is not None:
                return person
        return None

    def _per_starts_after(self, pos: int):
        import bisect

        k = bisect.bisect_left(self._per_starts, pos)
        return self._pers[k : k + 1]

    def _main_person(self, before: int) -> Entity | None:
        """The person mentioned most often before ``before`` (the article's protagonist)."""
        counts: dict[str, int] = {}
        for e in self.entities:
            if e.label == "PER" and e.start < before:
                key = _surname_key(e.text)
                counts[key] = counts.get(key, 0) + 1
        if not counts:
            return None
        key = max(counts, key=counts.__getitem__)
        return self.clusters.get(key)

    def resolve(self, source: tuple[int, int] | None, quote_start: int) -> Attribution:
        """The canonical speaker of a quote whose source span is ``source``."""
        result = self._resolve(source, quote_start)
        if result.speaker is not None:
            self.previous = result
        return result

    def _resolve(self, source, quote_start: int) -> Attribution:
        if source is None:
            return self.previous or Attribution(None, None)
        s, e = source
        words = WORD.findall(self.text[s:e])
        head = words[0].lower() if words else ""
        ent = self._entity_in(s, e)
        if ent is not None and ent.label == "ORG" and _lemma(head) in PERSON_TITLES:
            person = self._titled_person(head, s)  # «глава МИД» is a person, not the ministry
            if person is not None:
                return self.canonical(person)
        if ent is not None:
            return self.canonical(ent)
        if head in PRONOUN_GENDER:
            gender = PRONOUN_GENDER[head]
            prev = self.previous
            if prev and prev.entity is not None and prev.entity.label == "PER" and (
                    gender is None or _gender(prev.speaker or "") in (gender, None)):
                return prev
            person = self._last_before(s, "PER", gender)
            return self.canonical(person) if person else (prev or Attribution(None, None))
        if head and (_lemma(head) in ORG_NOUNS or head in ORG_NOUNS):
            org = self._entity_in(e, e + 60, ("ORG",)) or self._last_before(s, "ORG")
            return self.canonical(org) if org else Attribution(None, None)
        if head and _lemma(head) in PERSON_TITLES:
            person = self._titled_person(head, s)
            if person is not None:
                return self.canonical(person)
            prev = self.previous  # «…, — заверил министр» right after the minister spoke
            if prev and prev.entity is not None and prev.entity.label == "PER":
                return prev
        # generic sources («источник», «эксперты», «СМИ») name nobody
        return Attribution(None, None)

"""Organisations for speaker attribution: the fullest mention an organisation's name joins, and
the body a body noun («министерство», «ведомство», «пресс-служба») stands for.

:class:`Bodies` is mixed into :class:`nlpkit.speakers.SpeakerResolver`, whose indexes it reads.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from nlpkit.normal import lemma as _lemma
from nlpkit.normal import normalize_name
from nlpkit.person_names import fullness as _fullness
from nlpkit.sources import is_media
from nlpkit.speaker_anaphora import SCAN, Attribution
from nlpkit.speaker_bodies import STATE_NAMES, STATE_SUFFIX
from nlpkit.speaker_bodies import name_lemmas as _name_lemmas
from nlpkit.speaker_bodies import place_word as _place_word
from nlpkit.speaker_forms import WORD, compound_of
from nlpkit.speaker_forms import acronym as _acronym
from nlpkit.speaker_forms import cases as _cases
from nlpkit.speaker_forms import is_agency as _is_agency
from nlpkit.speaker_forms import lemmas as _lemmas
from nlpkit.speaker_words import NOUN_IN_NAME, ORG_NOUNS, PLATFORMS
from nlpkit.types import Entity

__all__ = ["Bodies"]

# short names whose full name is other words: the full one, when the text gives it
SAME_BODY = {"цб": "банк россии", "цб рф": "банк россии", "центробанк": "банк россии",
             "центробанк рф": "банк россии"}


class Bodies:
    """Lookups from an organisation, or a body noun, to the organisation it names."""

    text: str
    entities: list[Entity]
    previous: Attribution | None
    _starts: list[int]
    _orgs: list[Entity]
    _org_starts: list[int]
    _org_forms: dict[str, Entity]
    _org_cache: dict[str, Attribution]
    _org_words: frozenset[str] | None
    _press: list[tuple[int, Entity]] | None
    _previous_at: int
    _words: list[tuple[int, int, str]] | None
    _lemma_pos: dict[str, list[int]]
    _index: Callable[[], None]  # from :class:`nlpkit.speaker_titles.Titles`

    def canonical(self, entity: Entity) -> Attribution:  # the resolver's
        raise NotImplementedError

    def _org(self, e: Entity) -> Attribution:
        cached = self._org_cache.get(e.text)
        if cached is not None:
            return cached
        key = e.text.strip()
        lemmas = _name_lemmas(key)
        acronym = key.isupper() and 2 <= len(key) <= 8 and " " not in key
        best = e
        # a short form joins a longer name only when that name came first, the way articles
        # introduce organisations («Минобороны США … Минобороны»); a «МИД» used from the start
        # is the article's own МИД, not the «МИД Казахстана» mentioned later
        first_seen = self._org_forms[e.text].start if e.text in self._org_forms else e.start
        for o in self._org_forms.values():
            if o.text == e.text or _fullness(o) <= _fullness(best):
                continue
            if acronym and (_acronym(o.normal)[: len(key)] == key or re.match(
                    rf"\s*\(\s*{re.escape(key)}\s*\)", self.text[o.end : o.end + len(key) + 4])):
                best = o
                continue
            if o.start > first_seen:
                continue
            head, _, place = e.normal.partition(" ")  # «Минобороны Японии»: the same place
            if compound_of(head, o.normal[: len(o.normal) - len(place)] if place else o.normal) \
                    and (not place or o.normal.endswith(" " + place)):
                best = o  # «Нацбанк» after «Национальный банк Таджикистана»
                continue
            other = _name_lemmas(o.text)
            n = len(lemmas)
            if n and other[0] != lemmas[0] and other[0] in ORG_NOUNS and lemmas[0] in ORG_NOUNS:
                continue  # «Банк России» is not the «Ассоциация банков России»
            if n and any(other[i : i + n] == lemmas for i in range(len(other) - n + 1)):
                best = o
        state = STATE_SUFFIX.search(key)
        if best is e and state is not None:  # «МИД КР»: the «МИД Кыргызстана» the text names
            base = key[: state.start()]
            country = STATE_NAMES.get(state.group(1), ())
            for o in self._org_forms.values():
                words = _name_lemmas(o.text)
                if o.text != key and words and words[-1] in country and _fullness(o) > \
                        _fullness(best) and (_acronym(o.normal).startswith(base) or
                                             _name_lemmas(base)[0] == words[0]):
                    best = o
        if best is e and key.lower() in SAME_BODY:  # «ЦБ» is the «Банк России» the text names
            best = next((o for o in self._org_forms.values()
                         if o.normal.lower() == SAME_BODY[key.lower()]), best)
        self._org_cache[e.text] = Attribution(best.normal, best)
        return self._org_cache[e.text]

    def _located(self, org: Entity) -> Entity | None:
        """A place named right after an organisation, in the genitive («США», «Украины»)."""
        k = bisect.bisect_left(self._starts, org.end)
        if k < len(self.entities):
            loc = self.entities[k]
            if loc.label == "LOC" and loc.start - org.end == 1 and \
                    self.text[org.end] == " " and (loc.text != loc.normal or loc.text.isupper()
                                                   or "gent" in _cases(loc.text.split()[0])):
                return loc  # «Соединенного Королевства», which the normaliser left as it is
        return None

    def _media_before(self, s: int, noun: str = "") -> Entity | None:
        """The outlet an «издание» / «газета» stands for: the last one named before (one the
        text calls by that noun first: «газета «Московский комсомолец»»; not a platform
        such as Twitter), else the next outlet named."""
        k = bisect.bisect_left(self._org_starts, s)
        before = [o for o in self._orgs[max(0, k - SCAN) : k]
                  if is_media(self.text, o.start, o.end) and o.text.lower() not in PLATFORMS]
        stem = noun[:5]
        for o in reversed(before):
            if stem and stem in self.text[max(0, o.start - 25) : o.start].lower():
                return o
        if before:
            return before[-1]
        for o in self._orgs[k : k + SCAN]:
            if is_media(self.text, o.start, o.end):
                return o
        return None

    def _org_lemmas(self) -> frozenset[str]:
        """Lemmas of the words of every organisation named in the document, its place left
        out («Минфин США» makes «Минфин» a body, not «США»)."""
        if self._org_words is None:
            self._org_words = frozenset(_lemma(w) for o in self._orgs
                                        for w in WORD.findall(o.text) if not _place_word(w))
        return self._org_words

    def _orgs_before(self, s: int) -> list[Entity]:
        """Organisations named before ``s`` (within the scan), outlets that relay left out."""
        k = bisect.bisect_left(self._org_starts, s)
        return [o for o in self._orgs[max(0, k - SCAN) : k]
                if o.end <= s and not is_media(self.text, o.start, o.end)]

    def _quoted_kind(self, noun: str, s: int) -> Entity | None:
        """The last organisation before ``s`` that the text named with ``noun`` before its
        quotation marks («компании «Норт Ридж Майнинг»», «верфи «Красное Сормово»»)."""
        for o in reversed(self._orgs_before(s)):
            m = re.search(r"([а-яё]+)\s+[«\"„]$", self.text[max(0, o.start - 25) : o.start])
            if m is not None and _lemma(m.group(1)) == noun:
                return o
        return None

    def _org_for_noun(self, head: str, s: int, e: int, fallback: bool = True) -> Entity | None:
        """The organisation an organisation noun («министерство», «суд») stands for: the last
        one before whose name has that noun, else the next one, else one right after, else the
        last one before (outlets that relay never count)."""
        k = bisect.bisect_left(self._org_starts, s)
        before = self._orgs_before(s)
        after = [o for o in self._orgs[k : k + SCAN] if not is_media(self.text, o.start, o.end)]
        word = NOUN_IN_NAME.get(head, head)  # «следствие»: the «Следственный комитет»
        spoke = head == "ведомство" and self._agency_spoke()
        for o in reversed(before):
            if word in _lemmas(o.text) or head == "ведомство" and _is_agency(o.text):
                if spoke and o.start < self._previous_at:
                    return None  # the body that spoke last, unless one is named since
                return o
        if spoke:
            return None  # not one named later either
        for o in after:
            if word in _lemmas(o.text) or head == "ведомство" and _is_agency(o.text):
                return o
        if head in NOUN_IN_NAME or not fallback:
            return None  # «следствие» is no other body named nearby
        for o in after:
            if e <= o.start < e + 60:
                return o
        return before[-1] if before else None

    def _body_for_noun(self, noun: str, s: int, e: int, placed: bool) -> Attribution | None:
        """The body a body noun stands for: one named with that noun; for «ведомство», the
        agency that spoke last; with ``placed``, one the text described with the noun and a
        place (:meth:`_placed_body`); else None."""
        org = self._org_for_noun(noun, s, e, fallback=False)
        if org is not None:
            return self.canonical(org)
        if noun == "ведомство" and self._agency_spoke():
            return self.previous  # «В ведомстве добавили»
        return self._placed_body(noun, s) if placed else None

    def _agency_spoke(self) -> bool:
        """Whether the previous quote's speaker is a government body («ведомство» then points
        to it, unless another body is named after that quote)."""
        prev = self.previous
        return prev is not None and prev.speaker is not None and (
            prev.entity is None or prev.entity.label == "ORG") and _is_agency(prev.speaker)

    def _placed_body(self, noun: str, s: int) -> Attribution | None:
        """A body the text described before ``s`` by the same noun and the place it serves
        («прокуратура Наманганской области», «акимата Атырауской области»), nominative."""
        self._index()
        assert self._words is not None
        for i in reversed(self._lemma_pos.get(noun, [])):
            a, b, _ = self._words[i]
            if a >= s:
                continue
            k = bisect.bisect_left(self._starts, b)
            if k < len(self.entities) and self.entities[k].label == "LOC" and \
                    self.entities[k].start <= b + 1:
                phrase = self.text[a : self.entities[k].end]
                return Attribution(normalize_name(phrase, "ORG"), None)
        return None

    def _press_service(self, s: int) -> Attribution:
        """«пресс-служба» alone: the press service named elsewhere («пресс-служба Кабмина»)."""
        if self._press is None:  # every «пресс-служба <ORG>» of the document, found once
            self._press = []
            for m in re.finditer(r"[Пп]ресс-служб\w*\s+", self.text):
                k = bisect.bisect_left(self._org_starts, m.end())
                if k < len(self._orgs) and self._orgs[k].start <= m.end() + 2:
                    self._press.append((m.start(), self._orgs[k]))
        if not self._press:  # «пресс-служба ведомства»: the body named last before it
            before = self._orgs_before(s)
            return self.canonical(before[-1]) if before else Attribution(None, None)
        k = bisect.bisect_left(self._press, (s + 1,)) - 1  # «пресс-службе Райффайзенбанка» itself
        _, org = self._press[k] if k >= 0 else self._press[0]
        return self.canonical(org)  # the body whose press service it is («МВД Киргизии»)

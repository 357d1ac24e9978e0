"""Result types: frozen dataclasses with character offsets into the original text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Span", "Entity", "Quote", "Document"]


@dataclass(frozen=True)
class Span:
    """A piece of the text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Entity:
    """A named entity. ``normal`` is the nominative form of the name."""

    start: int
    end: int
    label: str
    text: str
    normal: str
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text,
                "normal": self.normal, "score": round(self.score, 4)}


@dataclass(frozen=True)
class Quote:
    """A statement attributed to a speaker.

    ``start``/``end``/``text``: the content; ``cue`` and ``source``: the reporting words and the
    words naming the speaker where the quote is reported; ``speaker``: the canonical speaker (the
    fullest nominative name in the document), linked to its ``Entity`` when there is one;
    ``stance`` with ``stance_scores`` for every label of the stance model.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: Span | None = None
    source: Span | None = None
    speaker: str | None = None
    speaker_entity: Entity | None = None
    stance: str | None = None
    score: float = 1.0
    stance_scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "speaker": self.speaker, "stance": self.stance, "score": round(self.score, 4)}
        if self.stance_scores:
            out["stance_scores"] = {k: round(v, 4) for k, v in self.stance_scores.items()}
        return out


@dataclass(frozen=True)
class Document:
    """One analysed text."""

    text: str
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text,
                "entities": [e.to_dict() for e in self.entities],
                "quotes": [q.to_dict() for q in self.quotes]}

    def _repr_html_(self) -> str:
        from nlpkit.render import render_document

        return render_document(self)

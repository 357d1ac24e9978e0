"""Self-contained HTML: entities highlighted by type, quotes coloured by stance, speakers linked
to their mentions. No scripts, fonts or styles from the network."""

from __future__ import annotations

import html
from collections.abc import Sequence

from nlpkit.types import Document

__all__ = ["render_document", "render_page"]

ENTITY_COLORS = {"PER": "#ffd6a5", "ORG": "#a0c4ff", "LOC": "#caffbf"}
STANCE_COLORS = {"protest": "#e63946", "reassurance": "#2a9d8f", "denial": "#8338ec",
                 "neutral": "#8d99ae"}
CSS = """
.nlpkit-doc{font:15px/1.7 system-ui,sans-serif;max-width:60em;margin:1em auto;white-space:pre-wrap}
.nlpkit-ent{border-radius:3px;padding:0 2px}
.nlpkit-ent sub{font-size:9px;font-weight:bold;color:#333;margin-left:2px}
.nlpkit-q{border-bottom:3px solid;background:rgba(0,0,0,.03)}
.nlpkit-cue{text-decoration:underline dotted 2px}
.nlpkit-src{text-decoration:underline double}
.nlpkit-spk{font-size:11px;color:#fff;border-radius:3px;padding:0 4px;margin-left:3px}
.nlpkit-spk a{color:#fff}
.nlpkit-legend span{margin-right:1em;padding:0 4px;border-radius:3px}
"""


def _color(mapping: dict[str, str], label: str | None) -> str:
    if label in mapping:
        return mapping[label]
    palette = ["#ffadad", "#fdffb6", "#9bf6ff", "#bdb2ff", "#ffc6ff"]
    return palette[hash(label) % len(palette)]


def render_document(doc: Document, index: int = 0) -> str:
    """One document as an HTML fragment (also ``Document._repr_html_`` in Jupyter)."""
    text = doc.text
    ent_ids = {id(e): f"d{index}-e{k}" for k, e in enumerate(doc.entities)}
    opens: dict[int, list[tuple[int, str]]] = {}
    closes: dict[int, list[tuple[int, str]]] = {}

    def add(start: int, end: int, open_tag: str, close_tag: str, prio: int) -> None:
        if 0 <= start < end <= len(text):
            opens.setdefault(start, []).append((-(end - start) * 10 - prio, open_tag))
            closes.setdefault(end, []).append(((end - start) * 10 + prio, close_tag))

    for q in doc.quotes:
        color = _color(STANCE_COLORS, q.stance)
        title = html.escape(f"{q.kind} quote · stance {q.stance} · speaker {q.speaker}")
        spk = ""
        if q.speaker:
            target = ent_ids.get(id(q.speaker_entity)) if q.speaker_entity else None
            name = html.escape(q.speaker)
            link = f'<a href="#{target}">{name}</a>' if target else name
            spk = f'<span class="nlpkit-spk" style="background:{color}">{link} · {q.stance}</span>'
        add(q.start, q.end, f'<span class="nlpkit-q" style="border-color:{color}" '
            f'title="{title}">', "</span>" + spk, 0)
        if q.cue:
            add(q.cue.start, q.cue.end, '<span class="nlpkit-cue">', "</span>", 2)
        if q.source:
            add(q.source.start, q.source.end, '<span class="nlpkit-src">', "</span>", 2)
    for e in doc.entities:
        add(e.start, e.end, f'<span class="nlpkit-ent" id="{ent_ids[id(e)]}" style="background:'
            f'{_color(ENTITY_COLORS, e.label)}" title="{html.escape(e.normal)}">',
            f"<sub>{html.escape(e.label)}</sub></span>", 1)
    out = []
    points = sorted(set(opens) | set(closes) | {0, len(text)})
    for a, b in zip(points, points[1:] + [len(text)]):
        out += [tag for _, tag in sorted(closes.get(a, []))]
        out += [tag for _, tag in sorted(opens.get(a, []))]
        out.append(html.escape(text[a:b]))
    title = f"<h3>{html.escape(str(doc.id))}</h3>" if doc.id is not None else ""
    return f'{title}<div class="nlpkit-doc">{"".join(out)}</div>'


def render_page(docs: Sequence[Document], title: str = "nlpkit") -> str:
    """A whole HTML page with a legend; self-contained."""
    legend = "".join(f'<span style="background:{c}">{k}</span>' for k, c in ENTITY_COLORS.items())
    legend += "".join(f'<span style="background:{c};color:#fff">{k}</span>'
                      for k, c in STANCE_COLORS.items())
    body = "\n".join(render_document(d, i) for i, d in enumerate(docs))
    return (f"<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>"
            f"{html.escape(title)}</title><style>{CSS}</style></head><body>"
            f'<div class="nlpkit-legend">{legend}</div>{body}</body></html>')

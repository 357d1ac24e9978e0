"""NER corpora: Collection5 and NEREL (brat) and factRuEval (own stand-off format).

Every loader yields :class:`Doc` records ``(id, text, spans)`` with PER/ORG/LOC character spans
that satisfy ``text[start:end] == span text``. The split is fixed and made by document id.
Spans follow the guidelines where the corpora differ: an organisation's name without a legal
form or a common noun before it, and with a place in the genitive attached to it («МВД
Казахстана», as NEREL marks it; Collection5 and factRuEval mark two names there).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nlpkit.ner import attach_places, name_only, place_after_noun, split_abbreviations, unquoted

C5_MAP = {"PER": "PER", "ORG": "ORG", "MEDIA": "ORG", "LOC": "LOC", "GEOPOLIT": "LOC"}
NEREL_MAP = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
             "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC"}


@dataclass
class Doc:
    id: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    source: str = ""


class DataError(ValueError):
    """A corpus file that cannot be read as the format says (names file and line)."""


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def drop_nested(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep outermost spans: longest first, drop anything that overlaps a kept span."""
    kept: list[tuple[int, int, str]] = []
    for s, e, lab in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, lab))
    return sorted(kept)


def load_brat(path: Path, mapping: dict[str, str], source: str) -> Doc:
    text = read_text(path)
    spans = []
    ann = path.with_suffix(".ann")
    for lineno, line in enumerate(read_text(ann).splitlines(), 1):
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise DataError(f"{ann}:{lineno}: expected 'T<id>\\tTYPE start end\\ttext'")
        head = parts[1].split()
        label = mapping.get(head[0])
        if label is None or ";" in parts[1]:
            continue
        start, end = int(head[1]), int(head[-1])
        if not 0 <= start < end <= len(text):
            raise DataError(f"{ann}:{lineno}: offsets {start}-{end} outside the text")
        start, end = unquoted(text, *_strip(text, start, end))
        if label == "ORG":  # «ОАО "Газпром"» → «Газпром»: the name only (guidelines §1)
            start, end = name_only(text, start, end)
            start, label = place_after_noun(text, start, end, label)  # «власти Сирии»
        spans.append((start, end, label))
    spans = split_abbreviations(text, attach_places(text, drop_nested(spans)))
    return Doc(f"{source}/{path.stem}", text, spans, source)


def load_collection5(root: Path) -> list[Doc]:
    return [load_brat(p, C5_MAP, "collection5") for p in sorted((root / "data").glob("*.txt"))]


def load_nerel(root: Path) -> list[Doc]:
    docs = []
    for part in ("train", "dev", "test"):
        for p in sorted((root / "NEREL-v1.1" / part).glob("*.txt")):
            docs.append(load_brat(p, NEREL_MAP, "nerel"))
    return docs


def load_factru(root: Path) -> list[Doc]:
    """factRuEval dev, mapped as naeval does: Person → PER (whole object), Org → ORG
    (``org_name`` spans), Location/LocOrg → LOC (``loc_name`` spans); overlaps dropped."""
    docs = []
    for txt in sorted((root / "devset").glob("book_*.txt")):
        text = read_text(txt)
        spans_by_id: dict[str, tuple[str, int, int]] = {}
        spans_file = txt.with_suffix(".spans")
        for lineno, line in enumerate(read_text(spans_file).splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split()
            try:
                spans_by_id[parts[0]] = (parts[1], int(parts[2]), int(parts[2]) + int(parts[3]))
            except (IndexError, ValueError) as exc:
                raise DataError(f"{spans_file}:{lineno}: bad span line") from exc
        ents: list[tuple[int, int, str]] = []
        for line in read_text(txt.with_suffix(".objects")).splitlines():
            head = line.split("#")[0].split()
            if len(head) < 3:
                continue
            kind, ids = head[1], head[2:]
            parts_ = [spans_by_id[i] for i in ids if i in spans_by_id]
            if kind == "Person" and parts_:
                ents.append((min(p[1] for p in parts_), max(p[2] for p in parts_), "PER"))
            elif kind == "Org":
                ents += [(s, e, "ORG") for t, s, e in parts_ if t == "org_name"]
            elif kind in ("Location", "LocOrg"):
                ents += [(s, e, "LOC") for t, s, e in parts_ if t == "loc_name"]
        ents = [(*unquoted(text, *_strip(text, s, e)), lab) for s, e, lab in ents]
        spans = split_abbreviations(text, attach_places(text, drop_nested(set(ents))))
        docs.append(Doc(f"factru/{txt.stem}", text, spans, "factru"))
    return docs


def fingerprint(text: str) -> str:
    return hashlib.sha1(re.sub(r"\s+", " ", text).strip()[:400].encode()).hexdigest()


def is_validation(doc_id: str, fraction: float = 0.15) -> bool:
    """Fixed split by document id: a hash, so it never depends on load order."""
    h = int(hashlib.md5(doc_id.encode()).hexdigest()[:8], 16)
    return h / 0xFFFFFFFF < fraction


def load_all(shared: Path) -> Iterator[Doc]:
    """Every NER document, NEREL copies of Collection5 texts removed."""
    c5 = load_collection5(shared / "collection5")
    seen = {fingerprint(d.text) for d in c5}
    yield from c5
    for doc in load_nerel(shared / "nerel"):
        if fingerprint(doc.text) not in seen:
            yield doc
    yield from load_factru(shared / "factru-dev")


def split(docs: Iterable[Doc], val_fraction: float = 0.15) -> tuple[list[Doc], list[Doc]]:
    """factRuEval dev is half validation (the conventions the figures are judged on); the other
    corpora give ``val_fraction`` of their documents to validation."""
    train, val = [], []
    for doc in docs:
        frac = 0.5 if doc.source == "factru" else val_fraction
        (val if is_validation(doc.id, frac) else train).append(doc)
    return train, val

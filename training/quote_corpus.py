"""The text pool for quote/stance annotation and the joiner of stand-off records to texts.

Document ids: ``collection5/001``, ``nerel/train/123_text``, ``factru/book_100``,
``rusentne/train/17`` (the 17th distinct sentence of ``train_data.csv``). Texts are read from
``../shared/data`` (never copied into the repository); annotations are stand-off records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from training.ner_data import C5_MAP, NEREL_MAP, load_brat, load_factru, read_text

RUSENTNE_FILES = {"train": "train_data.csv", "validation": "validation_data_labeled.csv"}


@lru_cache(maxsize=4)
def rusentne_sentences(shared: str, part: str) -> list[str]:
    path = Path(shared) / "rusentne" / RUSENTNE_FILES[part]
    seen: dict[str, None] = {}
    for i, line in enumerate(read_text(path).splitlines()):
        if i == 0 or not line.strip():
            continue
        seen.setdefault(line.split("\t")[0], None)
    return list(seen)


@lru_cache(maxsize=4)
def _factru(shared: str) -> dict:
    return {d.id: d for d in load_factru(Path(shared) / "factru-dev")}


def get_doc(doc_id: str, shared: str | Path = "../shared/data"):
    """``(text, gold_entities)`` of a document id; entities may be empty (RuSentNE)."""
    shared = str(shared)
    corpus, _, rest = doc_id.partition("/")
    if corpus == "collection5":
        d = load_brat(Path(shared) / "collection5" / "data" / f"{rest}.txt", C5_MAP, corpus)
        return d.text, d.spans
    if corpus == "nerel":
        part, name = rest.split("/")
        d = load_brat(Path(shared) / "nerel" / "NEREL-v1.1" / part / f"{name}.txt", NEREL_MAP,
                      corpus)
        return d.text, d.spans
    if corpus == "factru":
        d = _factru(shared)[doc_id]
        return d.text, d.spans
    if corpus == "rusentne":
        part, idx = rest.split("/")
        return rusentne_sentences(shared, part)[int(idx)], []
    raise KeyError(f"unknown document id {doc_id!r}")


def all_doc_ids(shared: str | Path = "../shared/data") -> Iterator[str]:
    root = Path(shared)
    for p in sorted((root / "collection5" / "data").glob("*.txt")):
        yield f"collection5/{p.stem}"
    for part in ("train", "dev", "test"):
        for p in sorted((root / "nerel" / "NEREL-v1.1" / part).glob("*.txt")):
            yield f"nerel/{part}/{p.stem}"
    for p in sorted((root / "factru-dev" / "devset").glob("book_*.txt")):
        yield f"factru/{p.stem}"
    for part in RUSENTNE_FILES:
        for i in range(len(rusentne_sentences(str(shared), part))):
            yield f"rusentne/{part}/{i}"


def is_validation(doc_id: str, fraction: float = 0.2) -> bool:
    """The fixed validation split of the quote corpus, by document id."""
    h = int(hashlib.md5(("quotes:" + doc_id).encode()).hexdigest()[:8], 16)
    return h / 0xFFFFFFFF < fraction


def load_annotations(folder: Path) -> dict[str, dict]:
    """Every stand-off record under ``folder`` (``*.jsonl``), keyed by document id; a document
    annotated twice keeps its first record (the second is for agreement)."""
    records: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                records.setdefault(rec["doc_id"], rec)
    return records


def join(records: dict[str, dict], shared: str | Path = "../shared/data") -> Iterator[dict]:
    """Gold documents in the guidelines' JSONL shape (text + quotes with text fields)."""
    for doc_id, rec in records.items():
        text, ents = get_doc(doc_id, shared)
        quotes = []
        for q in rec["quotes"]:
            item = dict(q, text=text[q["start"] : q["end"]])
            for key in ("cue", "source"):
                if item.get(key):
                    s, e = item[key]["start"], item[key]["end"]
                    item[key] = {"start": s, "end": e, "text": text[s:e]}
            quotes.append(item)
        yield {"id": doc_id, "text": text,
               "entities": [{"start": s, "end": e, "label": lab} for s, e, lab in ents],
               "quotes": quotes}

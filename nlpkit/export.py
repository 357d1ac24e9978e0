"""Tables for analysis: one row per entity or quote."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nlpkit.types import Document

__all__ = ["to_dataframe", "rows"]


def rows(docs: Iterable[Document | dict[str, Any]], kind: str = "entities") -> list[dict]:
    """Row dicts for ``kind`` = ``"entities"`` or ``"quotes"``; documents may be
    :class:`Document` objects or records read back from ``nlpkit analyze`` output."""
    if kind not in ("entities", "quotes"):
        raise ValueError(f"kind must be 'entities' or 'quotes', not {kind!r}")
    out = []
    for n, doc in enumerate(docs):
        rec = doc.to_dict() if isinstance(doc, Document) else doc
        doc_id = rec.get("id") if rec.get("id") is not None else n
        for item in rec.get(kind, []) or []:
            row = {"doc_id": doc_id, "start": item["start"], "end": item["end"],
                   "text": item["text"]}
            if kind == "entities":
                row.update(label=item["label"], normal=item.get("normal"),
                           score=item.get("score"))
            else:
                cue, src = item.get("cue") or {}, item.get("source") or {}
                row.update(kind=item["kind"], cue=cue.get("text"), source=src.get("text"),
                           speaker=item.get("speaker"), stance=item.get("stance"),
                           score=item.get("score"))
                for lab, v in (item.get("stance_scores") or {}).items():
                    row[f"stance_{lab}"] = v
            out.append(row)
    return out


def to_dataframe(docs: Iterable[Document | dict[str, Any]], kind: str = "entities"):
    """A pandas DataFrame with one row per entity or quote, keyed by document id."""
    import pandas as pd

    cols = ["doc_id", "start", "end", "text"] + (
        ["label", "normal", "score"] if kind == "entities"
        else ["kind", "cue", "source", "speaker", "stance", "score"])
    data = rows(docs, kind)
    return pd.DataFrame(data, columns=list(dict.fromkeys(cols + [k for r in data for k in r])))

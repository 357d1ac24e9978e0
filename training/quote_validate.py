"""Validator for stand-off quote records (schema, labels, offsets)."""

from __future__ import annotations

KINDS = ("direct", "indirect")
DEFAULT_STANCES = ("protest", "reassurance", "denial", "neutral")


def _span_problems(name: str, span, text: str | None) -> list[str]:
    if span is None:
        return []
    if not isinstance(span, dict) or not {"start", "end"} <= set(span):
        return [f"{name} must be null or an object with start and end"]
    s, e = span["start"], span["end"]
    if not (isinstance(s, int) and isinstance(e, int)) or s < 0 or s >= e:
        return [f"{name} offsets {s}-{e} are not a non-empty [start, end) range"]
    if text is not None and e > len(text):
        return [f"{name} offsets {s}-{e} outside the text (length {len(text)})"]
    if text is not None and "text" in span and text[s:e] != span["text"]:
        return [f"{name} text {span['text']!r} != text[{s}:{e}] {text[s:e]!r}"]
    return []


def validate_record(rec: dict, text: str | None = None,
                    stances: tuple[str, ...] = DEFAULT_STANCES) -> list[str]:
    """Problems of one record (empty when valid). With ``text``, offsets are checked against it."""
    problems: list[str] = []
    if not isinstance(rec, dict) or not isinstance(rec.get("doc_id"), str):
        return ["record must be an object with a string doc_id"]
    quotes = rec.get("quotes")
    if not isinstance(quotes, list):
        return [f"{rec['doc_id']}: quotes must be a list"]
    for k, q in enumerate(quotes, 1):
        where = f"{rec['doc_id']} quote {k}"
        if not isinstance(q, dict):
            problems.append(f"{where}: not an object")
            continue
        problems += [f"{where}: {p}" for p in _span_problems("content", q, text)]
        if q.get("kind") not in KINDS:
            problems.append(f"{where}: kind {q.get('kind')!r} not in {KINDS}")
        if q.get("stance") not in stances:
            problems.append(f"{where}: stance {q.get('stance')!r} not in {stances}")
        for key in ("cue", "source"):
            problems += [f"{where}: {p}" for p in _span_problems(key, q.get(key), text)]
        if q.get("speaker") is not None and not isinstance(q.get("speaker"), str):
            problems.append(f"{where}: speaker must be a string or null")
        if text is not None and isinstance(q.get("start"), int) and isinstance(q.get("end"), int):
            if text[q["start"] : q["end"]] != text[q["start"] : q["end"]].strip():
                problems.append(f"{where}: content span has surrounding whitespace")
    return problems

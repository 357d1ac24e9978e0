"""Score analysed documents against gold ones, both in the guidelines' JSONL shape (§4).

    nlpkit analyze gold.jsonl --out pred.jsonl
    nlpkit score gold.jsonl pred.jsonl

Works for the output of any system written in that shape, so a researcher who annotates a few
dozen of their own articles learns how nlpkit (or another tool) does on their news.

* entities: exact-match precision, recall and F1 over (start, end, label), per label and micro;
* quotes: a predicted quote matches a gold one at character IoU ≥ 0.5 (one-to-one, greedy by
  IoU), per kind and overall;
* speaker accuracy on matched quotes (case, ё/е, quotation marks and spacing ignored; a name
  with or without its first name counts; gold null must be null);
* stance end to end: every gold quote gets the stance of its matched prediction, or a wrong
  label when it was missed; macro-F1 over the gold labels.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from nlpkit.text import fold

__all__ = ["score", "span_prf", "quote_scores", "stance_f1", "match", "speaker_ok",
           "norm_speaker", "format_scores"]

STANCES = ("protest", "reassurance", "denial", "neutral")


def _iou(a, b) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": n_gold}


def span_prf(gold: Iterable[set[tuple[int, int, str]]],
             pred: Iterable[set[tuple[int, int, str]]]) -> dict:
    """Exact-match precision/recall/F1 of labelled spans, micro and per label."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g, p in zip(gold, pred):
        for s in p & g:
            tp[s[2]] += 1
        for s in p:
            n_pred[s[2]] += 1
        for s in g:
            n_gold[s[2]] += 1
    labels = sorted(set(n_pred) | set(n_gold))
    out = {lab: _prf(tp[lab], n_pred[lab], n_gold[lab]) for lab in labels}
    out["micro"] = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return out


def norm_speaker(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"[«»\"'“”„]", "", fold(s))
    return re.sub(r"\s+", " ", s).strip() or None


def match(gold: Sequence[dict], pred: Sequence[dict], threshold: float = 0.5):
    """(gold index, predicted index) pairs of quotes overlapping at IoU ≥ ``threshold``."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            v = _iou((g["start"], g["end"]), (p["start"], p["end"]))
            if v >= threshold:
                pairs.append((v, i, j))
    used_g, used_p, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def speaker_ok(gold: str | None, pred: str | None) -> bool:
    g, p = norm_speaker(gold), norm_speaker(pred)
    if g is None or p is None:
        return g == p
    if g == p:
        return True
    # the same person named with or without a first name counts («Путин» ~ «Владимир Путин»)
    return g.split()[-1] == p.split()[-1] and (g in p or p in g)


def quote_scores(gold_docs: Sequence[dict], pred_docs: Sequence[dict],
                 labels: Sequence[str] = STANCES) -> dict:
    """Quote F1 per kind and overall, speaker accuracy, and end-to-end stance (documents in
    the same order)."""
    tp: Counter[str] = Counter()
    tp_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    spk_ok: Counter[str] = Counter()
    y_true, y_pred = [], []
    for g_doc, p_doc in zip(gold_docs, pred_docs):
        gq, pq = g_doc.get("quotes") or [], p_doc.get("quotes") or []
        for q in gq:
            n_gold[q["kind"]] += 1
        for q in pq:
            n_pred[q["kind"]] += 1
        pairs = dict(match(gq, pq))
        for i, g in enumerate(gq):
            j = pairs.get(i)
            if j is None:
                y_true.append(g.get("stance"))
                y_pred.append("<missed>")
                continue
            p = pq[j]
            tp[g["kind"]] += 1  # recall and speakers by the gold kind, precision by the predicted
            tp_pred[p["kind"]] += 1
            spk_ok[g["kind"]] += speaker_ok(g.get("speaker"), p.get("speaker"))
            y_true.append(g.get("stance"))
            y_pred.append(p.get("stance") or "<none>")
    out: dict = {}
    for kind in ("direct", "indirect"):
        out[kind] = _prf(tp[kind], n_pred[kind], n_gold[kind])
        prec = tp_pred[kind] / n_pred[kind] if n_pred[kind] else 0.0
        rec = out[kind]["recall"]
        out[kind]["precision"] = round(prec, 4)
        out[kind]["f1"] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
        out[kind]["speaker_accuracy"] = round(spk_ok[kind] / tp[kind], 4) if tp[kind] else 0.0
    total_tp = sum(tp.values())
    out["all"] = _prf(total_tp, sum(n_pred.values()), sum(n_gold.values()))
    out["all"]["speaker_accuracy"] = round(sum(spk_ok.values()) / total_tp, 4) if total_tp else 0.0
    if any(y is not None for y in y_true):
        out["stance"] = stance_f1(y_true, y_pred, labels)
    return out


def stance_f1(y_true: Sequence[str | None], y_pred: Sequence[str], labels: Sequence[str]) -> dict:
    out = {}
    for lab in labels:
        t = sum(a == b == lab for a, b in zip(y_true, y_pred))
        out[lab] = _prf(t, sum(b == lab for b in y_pred), sum(a == lab for a in y_true))
    out["macro_f1"] = round(sum(out[lab]["f1"] for lab in labels) / len(labels), 4)
    return out


def _entities(doc: dict) -> set[tuple[int, int, str]]:
    return {(e["start"], e["end"], e["label"]) for e in doc.get("entities") or []}


def score(gold: Sequence[dict], pred: Sequence[dict]) -> dict:
    """Every figure of ``pred`` against ``gold``: records in the guidelines' shape, joined by
    ``id`` (a gold document with no prediction scores as one where nothing was found; a
    prediction for a document the gold lacks is an error, as is a text that differs)."""
    by_id: dict[str, dict] = {}
    for k, p in enumerate(pred):
        key = str(p.get("id", k))
        if key in by_id:
            raise ValueError(f"predictions: id {key!r} appears twice")
        by_id[key] = p
    gold_ids = [str(g.get("id", k)) for k, g in enumerate(gold)]
    extra = sorted(set(by_id) - set(gold_ids))
    if extra:
        raise ValueError(f"predictions for ids the gold does not have: {extra[:5]}")
    pairs = []
    for key, g in zip(gold_ids, gold):
        p = by_id.get(key, {"id": key})
        if "text" in p and "text" in g and p["text"] != g["text"]:
            raise ValueError(f"id {key!r}: the predicted record's text differs from the gold's")
        pairs.append((g, p))
    out: dict = {"documents": len(gold), "predicted": sum(key in by_id for key in gold_ids)}
    if any("entities" in g for g in gold):
        out["entities"] = span_prf([_entities(g) for g, _ in pairs], [_entities(p) for _, p in pairs])
    if any("quotes" in g for g in gold):
        found = {q["stance"] for g, _ in pairs for q in g.get("quotes") or [] if q.get("stance")}
        labels = [s for s in STANCES if s in found] + sorted(found - set(STANCES))
        out["quotes"] = quote_scores([g for g, _ in pairs], [p for _, p in pairs],
                                     labels or STANCES)
    return out


def _row(name: str, r: dict, extra: str = "") -> str:
    return (f"{name:12} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
            f"{r['support']:6d}{extra}")


def format_scores(res: dict) -> str:
    """The figures of :func:`score` as a small text table."""
    head = f"{'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"
    lines = [f"documents: {res['documents']} (with predictions: {res['predicted']})"]
    ents = res.get("entities")
    if ents:
        lines.append(f"{'entities':12} {head}")
        lines += [_row(lab, ents[lab]) for lab in [k for k in ents if k != "micro"] + ["micro"]]
    qs = res.get("quotes")
    if qs:
        lines.append(f"{'quotes':12} {head} {'speaker':>8}")
        lines += [_row(kind, qs[kind], f" {qs[kind]['speaker_accuracy']:8.3f}")
                  for kind in ("direct", "indirect", "all")]
        st = qs.get("stance")
        if st:
            lines.append(f"{'stance':12} {head}")
            lines += [_row(lab, r) for lab, r in st.items() if lab != "macro_f1"]
            lines.append(f"{'macro-F1':12} {'':>6} {'':>6} {st['macro_f1']:6.3f}")
    return "\n".join(lines)

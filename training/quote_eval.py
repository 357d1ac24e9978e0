"""Quote, speaker and stance scoring against gold documents (guidelines' JSONL shape).

* quote F1: a predicted quote matches a gold one at character IoU ≥ 0.5 (one-to-one, greedy by
  IoU), per kind and overall;
* speaker accuracy on matched quotes (case, ё/е and spacing ignored; gold null must be null);
* stance end to end: every gold quote gets the stance of its matched prediction, or a wrong
  label when it was missed; macro-F1 over the labels.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence


def _iou(a, b) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def norm_speaker(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"[«»\"'“”„]", "", s.lower().replace("ё", "е"))
    return re.sub(r"\s+", " ", s).strip() or None


def match(gold: Sequence[dict], pred: Sequence[dict], threshold: float = 0.5):
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


def _f1(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": n_gold}


def speaker_ok(gold: str | None, pred: str | None) -> bool:
    g, p = norm_speaker(gold), norm_speaker(pred)
    if g is None or p is None:
        return g == p
    if g == p:
        return True
    # the same person named with or without a first name counts («Путин» ~ «Владимир Путин»)
    return g.split()[-1] == p.split()[-1] and (g in p or p in g)


def score_docs(gold_docs: Sequence[dict], pred_docs: Sequence[dict],
               labels: Sequence[str] = ("protest", "reassurance", "denial", "neutral")) -> dict:
    tp: Counter[str] = Counter()
    tp_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    spk_ok: Counter[str] = Counter()
    y_true, y_pred = [], []
    for g_doc, p_doc in zip(gold_docs, pred_docs):
        gq, pq = g_doc["quotes"], p_doc["quotes"]
        for q in gq:
            n_gold[q["kind"]] += 1
        for q in pq:
            n_pred[q["kind"]] += 1
        pairs = dict(match(gq, pq))
        for i, g in enumerate(gq):
            j = pairs.get(i)
            if j is None:
                y_true.append(g["stance"])
                y_pred.append("<missed>")
                continue
            p = pq[j]
            tp[g["kind"]] += 1  # recall and speakers by the gold kind, precision by the predicted
            tp_pred[p["kind"]] += 1
            spk_ok[g["kind"]] += speaker_ok(g.get("speaker"), p.get("speaker"))
            y_true.append(g["stance"])
            y_pred.append(p.get("stance") or "<none>")
    out: dict = {}
    for kind in ("direct", "indirect"):
        out[kind] = _f1(tp[kind], n_pred[kind], n_gold[kind])
        prec = tp_pred[kind] / n_pred[kind] if n_pred[kind] else 0.0
        rec = out[kind]["recall"]
        out[kind]["precision"] = round(prec, 4)
        out[kind]["f1"] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
        out[kind]["speaker_accuracy"] = round(spk_ok[kind] / tp[kind], 4) if tp[kind] else 0.0
    total_tp = sum(tp.values())
    out["all"] = _f1(total_tp, sum(n_pred.values()), sum(n_gold.values()))
    out["all"]["speaker_accuracy"] = round(sum(spk_ok.values()) / total_tp, 4) if total_tp else 0.0
    out["stance"] = stance_f1(y_true, y_pred, labels)
    return out


def stance_f1(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> dict:
    out = {}
    for lab in labels:
        t = sum(a == b == lab for a, b in zip(y_true, y_pred))
        out[lab] = _f1(t, sum(b == lab for b in y_pred), sum(a == lab for a in y_true))
    out["macro_f1"] = round(sum(out[lab]["f1"] for lab in labels) / len(labels), 4)
    return out

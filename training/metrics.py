"""Entity-level metrics: seqeval over BIO sequences and exact-match over character spans."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def seqeval_report(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]],
                   flat: bool = False) -> dict:
    from seqeval.metrics import classification_report

    rep = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    out = {"f1": rep["micro avg"]["f1-score"], "precision": rep["micro avg"]["precision"],
           "recall": rep["micro avg"]["recall"]}
    for lab, row in rep.items():
        if "avg" not in lab:
            out[f"f1_{lab}"] = row["f1-score"]
    return out if flat else {"micro": out, "report": rep}


def span_prf(gold: Iterable[set[tuple[int, int, str]]],
             pred: Iterable[set[tuple[int, int, str]]]) -> dict:
    """Exact-match precision/recall/F1 of labelled spans, micro and per label."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred):
        for s in p & g:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1

    def prf(t: int, f_p: int, f_n: int) -> dict:
        pr = t / (t + f_p) if t + f_p else 0.0
        rc = t / (t + f_n) if t + f_n else 0.0
        return {"precision": round(pr, 4), "recall": round(rc, 4),
                "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0, "support": t + f_n}

    labels = sorted(set(tp) | set(fp) | set(fn))
    out = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    out["micro"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out

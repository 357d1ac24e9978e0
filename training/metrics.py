"""Entity-level metrics: seqeval over BIO sequences and exact-match over character spans."""

from __future__ import annotations

from collections.abc import Sequence

from nlpkit.scoring import span_prf

__all__ = ["seqeval_report", "span_prf"]


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

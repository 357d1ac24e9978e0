"""``nlpkit stats``: top speakers, stance by speaker and entity counts of a results file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

__all__ = ["summarize"]


def _read(path: str | Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if "error" not in rec:
                    out.append(rec)
    return out


def summarize(path: str | Path, png: str | None = None, top: int = 15) -> str:
    """A plain-text report; with ``png``, also a bar chart of stance by top speaker."""
    docs = _read(path)
    ents: Counter[tuple[str, str]] = Counter()
    labels: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    by_speaker: dict[str, Counter[str]] = {}
    for d in docs:
        for e in d.get("entities", []):
            ents[(e["label"], e.get("normal") or e["text"])] += 1
            labels[e["label"]] += 1
        for q in d.get("quotes", []):
            spk = q.get("speaker") or "(unknown)"
            speakers[spk] += 1
            by_speaker.setdefault(spk, Counter())[q.get("stance") or "none"] += 1
    stances = sorted({s for c in by_speaker.values() for s in c})
    lines = [f"{len(docs)} documents, {sum(labels.values())} entities, "
             f"{sum(speakers.values())} quotes", "", "entities by label:"]
    lines += [f"  {lab:6} {n}" for lab, n in labels.most_common()]
    lines += ["", "top entities:"] + [f"  {n:5}  {lab:4} {name}" for (lab, name), n in
                                       ents.most_common(top)]
    lines += ["", f"{'speaker':32} {'quotes':>6} " + " ".join(f"{s:>11}" for s in stances)]
    for spk, n in speakers.most_common(top):
        lines.append(f"{spk[:32]:32} {n:6} " + " ".join(f"{by_speaker[spk][s]:11}"
                                                       for s in stances))
    if png:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        names = [s for s, _ in speakers.most_common(top)][::-1]
        fig, ax = plt.subplots(figsize=(8, 0.4 * len(names) + 1.5))
        left = [0] * len(names)
        from nlpkit.render import STANCE_COLORS

        for s in stances:
            vals = [by_speaker[n][s] for n in names]
            ax.barh(names, vals, left=left, label=s, color=STANCE_COLORS.get(s))
            left = [a + b for a, b in zip(left, vals)]
        ax.set_xlabel("quotes")
        ax.set_title("Stance by speaker")
        ax.legend()
        fig.tight_layout()
        fig.savefig(png, dpi=100)
        plt.close(fig)
        lines += ["", f"chart: {png}"]
    return "\n".join(lines)

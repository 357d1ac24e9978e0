"""Counts and agreement of the quote corpus (the figures of data/quotes/README.md).

    python scripts/quote_corpus_stats.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.quote_corpus import is_validation, load_annotations  # noqa: E402
from training.quote_eval import match, speaker_ok  # noqa: E402


def main() -> None:
    folder = ROOT / "data" / "quotes"
    recs = load_annotations(folder)
    rows = Counter()
    kinds = Counter()
    corpora = Counter()
    nulls = 0
    for doc_id, rec in recs.items():
        side = "validation" if is_validation(doc_id) else "train"
        corpora[(doc_id.split("/")[0], side)] += 1
        for q in rec["quotes"]:
            rows[(q["kind"], q["stance"])] += 1
            kinds[(side, q["kind"])] += 1
            nulls += q.get("speaker") is None
    total = sum(rows.values())
    print(f"documents: {len(recs)}; quotes: {total}; speaker null: {nulls}")
    print("\ndocuments by corpus and split:")
    for (c, side), n in sorted(corpora.items()):
        print(f"  {c:12} {side:10} {n}")
    print("\nquotes by split and kind:")
    for (side, k), n in sorted(kinds.items()):
        print(f"  {side:10} {k:9} {n}")
    stances = ("protest", "reassurance", "denial", "neutral")
    print(f"\n{'kind':9} " + " ".join(f"{s:>11}" for s in stances) + f" {'total':>7}")
    for k in ("direct", "indirect"):
        print(f"{k:9} " + " ".join(f"{rows[(k, s)]:11}" for s in stances)
              + f" {sum(rows[(k, s)] for s in stances):7}")
    print(f"{'total':9} " + " ".join(f"{rows[('direct', s)] + rows[('indirect', s)]:11}"
                                     for s in stances) + f" {total:7}")
    by = defaultdict(list)
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            by[r["doc_id"]].append(r)
    pairs = [v[:2] for v in by.values() if len(v) >= 2 and v[0]["annotator"] != v[1]["annotator"]]
    tp = na = nb = spk = st = 0
    for a, b in pairs:
        m = match(a["quotes"], b["quotes"])
        tp += len(m)
        na += len(a["quotes"])
        nb += len(b["quotes"])
        spk += sum(speaker_ok(a["quotes"][i]["speaker"], b["quotes"][j]["speaker"]) for i, j in m)
        st += sum(a["quotes"][i]["stance"] == b["quotes"][j]["stance"] for i, j in m)
    if pairs:
        print(f"\nagreement on {len(pairs)} doubly annotated documents ({na} vs {nb} quotes): "
              f"quote F1 {2 * tp / (na + nb):.3f} (IoU ≥ 0.5), speaker {spk / tp:.3f}, "
              f"stance {st / tp:.3f} on matched quotes")


if __name__ == "__main__":
    main()

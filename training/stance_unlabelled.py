"""Unlabelled quotes for stance distillation: the quotes nlpkit finds in ../shared's texts
outside the quote corpus' validation split, in the guidelines' JSONL shape without stance.

    python -m training.stance_unlabelled --shared ../shared/data --out build/stance_unlabelled.jsonl

The file stays outside the repository (it holds texts of ../shared). ``train_stance
--unlabeled`` reads it; the teacher labels every quote (and every sentence of a quotation of
several), so the student learns the teacher's reading of end-to-end quotes: predicted spans,
cues and sources, as at run time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from training.ner_data import fingerprint
from training.quote_corpus import all_doc_ids, get_doc, is_validation


def training_side_texts(shared: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(id, text) of every document of ../shared outside the quote validation split; a copy of
    a validation text under another id (NEREL holds Collection5 texts) is left out too."""
    ids = list(all_doc_ids(shared))
    texts = {i: get_doc(i, shared)[0] for i in ids}
    val = {fingerprint(texts[i]) for i in ids if is_validation(i)}
    val_text = "\n".join(texts[i] for i in ids if is_validation(i) and not i.startswith("rusentne"))
    out = []
    for i in ids:
        t = texts[i]
        if is_validation(i) or fingerprint(t) in val or not t.strip():
            continue
        if i.startswith("rusentne") and t.strip() in val_text:
            continue
        out.append((i, t))
    return out[:limit] if limit else out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("build/stance_unlabelled.jsonl"))
    ap.add_argument("--limit", type=int, help="only the first N documents (a quick run)")
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args(argv)
    import nlpkit

    docs = training_side_texts(args.shared, args.limit)
    nlp = nlpkit.load(tasks=["ner", "quotes"])
    n_quotes = n_docs = 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for (doc_id, text), doc in zip(docs, nlp.pipe([t for _, t in docs],
                                                      batch_size=args.batch_size)):
            quotes = [{"start": q.start, "end": q.end, "kind": q.kind,
                       "cue": {"start": q.cue.start, "end": q.cue.end} if q.cue else None,
                       "source": {"start": q.source.start, "end": q.source.end}
                       if q.source else None} for q in doc.quotes]
            if quotes:
                fh.write(json.dumps({"id": doc_id, "text": text, "quotes": quotes},
                                    ensure_ascii=False) + "\n")
                n_docs += 1
                n_quotes += len(quotes)
    print(f"{args.out}: {n_quotes} quotes in {n_docs} of {len(docs)} documents")


if __name__ == "__main__":
    main()

"""Train the quote tagger (DIRECT / INDIRECT content, CUE, SOURCE as word-level BIO).

    python -m training.train_quotes --config training/configs/quotes.json
    python -m training.train_quotes --train gold.jsonl --val gold_val.jsonl --output my-quotes

Gold comes from the stand-off corpus in ``data/quotes`` joined to ``../shared/data`` texts, or
from JSONL files in the guidelines' format.
"""

from __future__ import annotations

import json

from nlpkit.text import spans_to_bio, words
from training.token_train import build_examples, parse_train_args, train_token_classifier
from training.train_stance import corpus_docs, read_jsonl

TAG_LABELS = ["O"] + [f"{p}-{t}" for t in ("CUE", "DIRECT", "INDIRECT", "SOURCE")
                      for p in ("B", "I")]


def doc_tags(doc: dict) -> tuple[list[str], list[str]]:
    text = doc["text"]
    ws = words(text)
    spans = []
    for q in doc.get("quotes", []):
        spans.append((q["start"], q["end"], q["kind"].upper()))
        for key in ("cue", "source"):
            if q.get(key):
                spans.append((q[key]["start"], q[key]["end"], key.upper()))
    return [text[s:e] for s, e in ws], spans_to_bio(ws, spans)


def main(argv: list[str] | None = None) -> None:
    args, cfg = parse_train_args("Train nlpkit's quote tagger", "training/configs/quotes.json", argv)
    if args.train:
        train_docs = [d for _, d in read_jsonl(args.train)]
        val_docs = [d for _, d in read_jsonl(args.val)] if args.val else []
        data = args.train.name
    else:
        train_docs = [d for _, d in corpus_docs(args.corpus, args.shared, False)]
        val_docs = [d for _, d in corpus_docs(args.corpus, args.shared, True)]
        data = "nlpkit quote corpus (data/quotes), fixed split by document id"
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(cfg.base)
    cfg.labels = TAG_LABELS
    lab2id = {lab: i for i, lab in enumerate(TAG_LABELS)}
    tr = [doc_tags(d) for d in train_docs]
    va = [doc_tags(d) for d in val_docs]
    train_ex = build_examples(tok, [w for w, _ in tr], [t for _, t in tr], lab2id,
                              cfg.max_length, cfg.stride)
    val_ex = build_examples(tok, [w for w, _ in va], [t for _, t in va], lab2id,
                            cfg.max_length, cfg.stride)
    print(f"{len(train_docs)} train docs → {len(train_ex)} windows; {len(val_docs)} val docs")
    _, history = train_token_classifier(
        cfg, train_ex, val_ex, tok,
        card_extra={"task": "quotes", "data": data, "train_docs": len(train_docs),
                    "val_docs": len(val_docs), "datasets": ["nlpkit-quotes"]})
    print(json.dumps(history["window_metrics"], indent=2))


if __name__ == "__main__":
    main()

"""Train the NER model.

    python -m training.train_ner --config training/configs/ner.json --shared ../shared/data
    python -m training.train_ner --config training/configs/ner.json --base cointegrated/rubert-tiny2
    python -m training.train_ner --train my.jsonl --val my_val.jsonl --output my-ner
    python -m training.train_ner --config training/configs/ner_modern.json --add data/check/dev.jsonl

``--add FILE`` (repeatable; a repeated file is oversampled) adds gold JSONL documents to the
training data.

With ``--train``/``--val`` JSONL files (``{"id", "text", "entities": [{"start", "end", "label"}]}``,
the format of the annotation guidelines) the label set comes from that data, whatever it is.
Checkpoints go to ``run_dir``; rerunning the same command resumes from the last one.
"""

from __future__ import annotations

import json
from pathlib import Path

from nlpkit.text import spans_to_bio, words
from training.ner_data import DataError, Doc, load_all, split
from training.token_train import (
    build_examples,
    labels_from_tags,
    parse_train_args,
    train_token_classifier,
)


def read_jsonl_docs(path: Path) -> list[Doc]:
    """Gold JSONL → docs, with errors naming file and line."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{where}: not JSON ({exc.msg})") from None
            text = rec.get("text") if isinstance(rec, dict) else None
            if not isinstance(text, str):
                raise DataError(f"{where}: record has no string 'text'")
            spans = []
            for ent in rec.get("entities", []):
                try:
                    s, e, lab = int(ent["start"]), int(ent["end"]), str(ent["label"])
                except (KeyError, TypeError, ValueError):
                    raise DataError(f"{where}: entity needs start, end, label: {ent}") from None
                if not 0 <= s < e <= len(text):
                    raise DataError(f"{where}: entity offsets {s}-{e} outside the text "
                                    f"(length {len(text)})")
                spans.append((s, e, lab))
            docs.append(Doc(str(rec.get("id", lineno)), text, spans, path.name))
    if not docs:
        raise DataError(f"{path}: no documents")
    return docs


def read_texts(path: Path) -> list[str]:
    """Unlabelled texts: a .txt file with one per line, or JSONL records with a 'text'."""
    texts = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if path.suffix != ".jsonl":
                texts.append(line.rstrip("\n"))
                continue
            try:
                text = json.loads(line).get("text")
            except (json.JSONDecodeError, AttributeError):
                raise DataError(f"{path}:{lineno}: not a JSON record") from None
            if not isinstance(text, str):
                raise DataError(f"{path}:{lineno}: record has no string 'text'")
            texts.append(text)
    if not texts:
        raise DataError(f"{path}: no texts")
    return texts


def unlabeled_words(paths: list[Path], held_out: list[Doc]) -> list[list[str]]:
    """Words of the unlabelled texts, less any text found inside a validation document."""
    seen = "\n".join(d.text for d in held_out)
    out = []
    for path in paths:
        for text in read_texts(path):
            if text.strip() and text.strip() not in seen:
                out.append([text[s:e] for s, e in words(text)])
    return out


def to_words_tags(docs: list[Doc]) -> tuple[list[list[str]], list[list[str]]]:
    all_words, all_tags = [], []
    for doc in docs:
        ws = words(doc.text)
        all_words.append([doc.text[s:e] for s, e in ws])
        all_tags.append(spans_to_bio(ws, doc.spans))
    return all_words, all_tags


def main(argv: list[str] | None = None) -> None:
    args, cfg = parse_train_args("Train nlpkit's NER model", "training/configs/ner.json", argv,
                                 corpus=False, distill=True)
    if args.train:
        train_docs = read_jsonl_docs(args.train)
        val_docs = read_jsonl_docs(args.val) if args.val else []
        data_desc = f"{args.train.name}" + (f", validation {args.val.name}" if args.val else "")
    else:
        train_docs, val_docs = split(load_all(args.shared))
        data_desc = ("Collection5 + NEREL (deduplicated) + factRuEval-2016 dev; fixed split by "
                     "document id (training/ner_data.py)")
        if cfg.names_only:  # demonyms and common nouns are not entities (guidelines §1)
            from nlpkit.ner import is_name

            train_docs = [Doc(d.id, d.text, [sp for sp in d.spans
                                             if is_name(d.text[sp[0]:sp[1]], sp[2])], d.source)
                          for d in train_docs]
            data_desc += "; training spans that are not names by the guidelines dropped"
        if cfg.augment_names:
            from training.ner_augment import augment

            extra = augment(train_docs, cfg.augment_names, cfg.seed)
            train_docs += extra
            data_desc += (f"; {len(extra)} copies with names of Central Asia and the Caucasus "
                          "substituted (training/ner_augment.py)")
        for source, times in (cfg.oversample or {}).items():
            train_docs += [d for d in train_docs if d.source == source] * (int(times) - 1)
            data_desc += f"; {source} training documents ×{times}"
    for path in args.add:  # gold JSONL with texts (e.g. the check set's dev parts); repeat to oversample
        train_docs += read_jsonl_docs(path)
    if args.add:
        names = [p.name for p in args.add]
        data_desc += "; added: " + ", ".join(f"{n} ×{names.count(n)}" for n in dict.fromkeys(names))
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(cfg.base)
    tr_words, tr_tags = to_words_tags(train_docs)
    va_words, va_tags = to_words_tags(val_docs)
    cfg.labels = labels_from_tags(tr_tags)
    label2id = {lab: i for i, lab in enumerate(cfg.labels)}
    train_ex = build_examples(tokenizer, tr_words, tr_tags, label2id, cfg.max_length, cfg.stride)
    val_ex = build_examples(tokenizer, va_words, va_tags, label2id, cfg.max_length, cfg.stride)
    if args.unlabeled:
        if not cfg.teacher:
            raise SystemExit("--unlabeled needs a teacher (--teacher or 'teacher' in the config)")
        un_words = unlabeled_words(args.unlabeled, val_docs)
        train_ex += build_examples(tokenizer, un_words, [None] * len(un_words), label2id,
                                   cfg.max_length, cfg.stride)
        data_desc += (f"; {len(un_words)} unlabelled texts ("
                      + ", ".join(p.name for p in args.unlabeled) + ") labelled by the teacher")
    if cfg.teacher:
        data_desc += (f"; distilled from {cfg.teacher} (weight {cfg.distill_weight}, "
                      f"temperature {cfg.distill_temperature})")
    print(f"{len(train_docs)} train docs → {len(train_ex)} windows; "
          f"{len(val_docs)} val docs → {len(val_ex)} windows; labels {cfg.labels}")
    _, history = train_token_classifier(
        cfg, train_ex, val_ex, tokenizer,
        card_extra={"task": "ner", "data": data_desc, "train_docs": len(train_docs),
                    "val_docs": len(val_docs)})
    print(json.dumps(history["window_metrics"], indent=2))


if __name__ == "__main__":
    main()

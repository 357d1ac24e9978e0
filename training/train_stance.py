"""Train the stance classifier; the label set comes from the data.

    python -m training.train_stance --config training/configs/stance.json        # quote corpus
    python -m training.train_stance --train my.jsonl --val my_val.jsonl --output my-stance \
        --base nlpkit/models/ner
    python -m training.train_stance --config training/configs/stance_distill.json \
        --unlabeled build/stance_unlabelled.jsonl  # a smaller student of the shipped model

Input JSONL is the guidelines' format: ``{"id", "text", "quotes": [{"start", "end", "kind",
"cue", "source", "stance"}]}``; any set of stance labels works (e.g. threat / appeal / praise /
neutral). Classes are weighted by inverse frequency (most quotes are neutral).

With ``teacher`` in the config (a trained stance model with the same labels), the student also
learns the teacher's softened distribution on every training quote and on the unlabelled quotes
of ``--unlabeled`` (JSONL with quotes, e.g. from ``training.stance_unlabelled``; every sentence
of a quotation of several is read too, as ``Stance(by_sentence=True)`` does): loss =
(1 − w)·CE(gold) + w·T²·KL(teacher ‖ student), KL alone on unlabelled quotes.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import torch

from nlpkit.modelio import sequence_logits
from nlpkit.stance import quote_sentences, stance_input
from nlpkit.types import Quote, Span
from training.ner_data import DataError
from training.token_train import (
    UNLABELLED,
    TrainConfig,
    _last_checkpoint,
    parse_train_args,
    set_seed,
    soft_kl,
)


def quote_from_dict(text: str, q: dict, where: str) -> Quote:
    try:
        s, e = int(q["start"]), int(q["end"])
    except (KeyError, TypeError, ValueError):
        raise DataError(f"{where}: quote needs integer start and end") from None
    if not 0 <= s < e <= len(text):
        raise DataError(f"{where}: quote offsets {s}-{e} outside the text (length {len(text)})")

    def span(key: str) -> Span | None:
        v = q.get(key)
        if not v:
            return None
        if not 0 <= v["start"] < v["end"] <= len(text):
            raise DataError(f"{where}: {key} offsets outside the text")
        return Span(v["start"], v["end"], text[v["start"] : v["end"]])

    return Quote(s, e, text[s:e], q.get("kind", "direct"), span("cue"), span("source"),
                 q.get("speaker"), None, q.get("stance"))


def _quotes(docs, labelled_only: bool):
    """(text, Quote, record) for each quote of ``docs`` ((where, doc) pairs); only those with a
    stance when ``labelled_only``."""
    for where, doc in docs:
        text = doc["text"]
        for k, q in enumerate(doc.get("quotes", [])):
            if not labelled_only or q.get("stance") is not None:
                yield text, quote_from_dict(text, q, f"{where} quote {k + 1}"), q


def read_examples(docs) -> list[tuple[tuple[str, str], str]]:
    """((content, context), label) for every quote with a stance."""
    return [(stance_input(text, quote), str(q["stance"]))
            for text, quote, q in _quotes(docs, labelled_only=True)]


def read_unlabelled(docs) -> list[tuple[tuple[str, str], None]]:
    """(pair, None) for every quote, stance or not, and for each sentence of a quotation of
    several (the inputs ``Stance(by_sentence=True)`` reads): the teacher labels them."""
    out: list[tuple[tuple[str, str], None]] = []
    for text, quote, _ in _quotes(docs, labelled_only=False):
        out.append((stance_input(text, quote), None))
        out += [(stance_input(text, s), None) for s in quote_sentences(quote)]
    return out


def teacher_probs(path: str, pairs: list[tuple[str, str]], labels: list[str]) -> np.ndarray:
    """The teacher's label distribution for each pair; its labels must be the data's, in order."""
    from nlpkit.stance import Stance

    teacher = Stance(path, cue_prior=False)
    if teacher.labels != labels:
        raise DataError(f"teacher {path}: labels {teacher.labels} differ from the data's {labels}")
    return teacher.scores(pairs)


def read_jsonl(path: Path):
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                raise DataError(f"{path}:{lineno}: record has no string 'text'")
            yield f"{path}:{lineno}", doc


def corpus_docs(folder: Path, shared: Path, validation: bool):
    """Documents of one side of the fixed split. Some texts exist in two corpora (NEREL copies
    of Collection5): a training copy of a validation text is dropped."""
    from training.ner_data import fingerprint
    from training.quote_corpus import is_validation, join, load_annotations

    recs = load_annotations(folder)
    docs = list(join(recs, shared))
    val_prints = {fingerprint(d["text"]) for d in docs if is_validation(d["id"])}
    seen: set[str] = set()
    for doc in docs:
        fp = fingerprint(doc["text"])
        if is_validation(doc["id"]) != validation or (not validation and fp in val_prints):
            continue
        if fp in seen:
            continue
        seen.add(fp)
        yield doc["id"], doc


def _identity_pooler(model, base: str) -> None:
    """A base without a pooler (multilingual-e5 has none) gets an identity pooler, so the
    classifier starts from the [CLS] state instead of a random projection of it."""
    from safetensors import safe_open

    pooler = getattr(model.base_model, "pooler", None)
    weights = Path(base) / "model.safetensors"
    if pooler is None or not weights.exists():
        return
    with safe_open(str(weights), "pt") as fh:
        if any(k.endswith("pooler.dense.weight") for k in fh.keys()):
            return
    with torch.no_grad():
        pooler.dense.weight.copy_(torch.eye(pooler.dense.weight.shape[0]))
        pooler.dense.bias.zero_()


def train(cfg: TrainConfig, train_ex, val_ex, history_extra: dict) -> dict:
    from transformers import (
        AutoModelForSequenceClassification,
        AutoModelForTokenClassification,
        AutoTokenizer,
        DataCollatorWithPadding,
        Trainer,
        TrainingArguments,
    )

    if not train_ex:
        raise DataError("empty training set: no quote has a stance label")
    set_seed(cfg.seed)
    labels = sorted({lab for _, lab in train_ex if lab is not None})
    unknown = {lab for _, lab in val_ex} - set(labels)
    if unknown:
        raise DataError(f"validation labels {sorted(unknown)} do not occur in training data")
    cfg.labels = labels
    lab2id = {lab: i for i, lab in enumerate(labels)}
    soft = None
    if cfg.teacher:  # the teacher reads every training input once, before training
        soft = teacher_probs(cfg.teacher, [pair for pair, _ in train_ex], labels)

    tok = AutoTokenizer.from_pretrained(cfg.base)
    mean = cfg.readout == "mean"
    auto = AutoModelForTokenClassification if mean else AutoModelForSequenceClassification
    model = auto.from_pretrained(
        cfg.base, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=lab2id,
        dtype=torch.float32, ignore_mismatched_sizes=True)  # a trained base may have other labels
    if mean:
        model.config.nlpkit_readout = "mean"  # read by nlpkit.modelio.load_sequence_model
    if cfg.freeze_embeddings:
        model.base_model.embeddings.word_embeddings.weight.requires_grad_(False)
    if not mean:
        _identity_pooler(model, cfg.base)

    def encode(examples, targets=None):
        out = []
        for k, ((a, b), lab) in enumerate(examples):
            enc = tok(a, b, truncation="longest_first", max_length=cfg.max_length)
            item = {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"],
                    "labels": UNLABELLED if lab is None else lab2id[lab]}
            if targets is not None:
                item["soft"] = targets[k].tolist()
            out.append(item)
        return out

    pad = DataCollatorWithPadding(tok)

    def collate(features):
        batch = pad([{k: v for k, v in f.items() if k != "soft"} for f in features])
        if all("soft" in f for f in features):
            batch["soft"] = torch.tensor([f["soft"] for f in features])
        return batch

    from transformers.modeling_outputs import SequenceClassifierOutput

    counts = Counter(lab for _, lab in train_ex if lab is not None)
    n_gold = sum(counts.values())
    weights = torch.tensor([n_gold / (len(labels) * counts[lab]) for lab in labels]) ** 0.5

    class _Trainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
            gold = inputs.pop("labels")
            target = inputs.pop("soft", None)
            logits = sequence_logits(model, inputs)
            out = SequenceClassifierOutput(logits=logits)
            has = gold >= 0
            loss = torch.nn.functional.cross_entropy(
                logits[has].float(), gold[has], weight=weights.to(logits.device)) \
                if bool(has.any()) else None
            if target is not None:
                temp, w = cfg.distill_temperature, cfg.distill_weight
                # the teacher's probabilities are logits up to a constant once logged
                kd = soft_kl(logits.float(), torch.log(target.clamp_min(1e-8)), temp)
                loss = kd if loss is None else (1 - w) * loss + w * kd
            assert loss is not None, "a batch without gold labels needs a teacher"
            return (loss, out) if return_outputs else loss

    def metrics(pred):
        from sklearn.metrics import f1_score

        logits, gold = pred
        return {"macro_f1": f1_score(gold, logits.argmax(-1), average="macro", zero_division=0)}

    args = TrainingArguments(
        output_dir=cfg.run_dir, per_device_train_batch_size=cfg.batch_size,
        learning_rate=cfg.learning_rate, weight_decay=cfg.weight_decay,
        num_train_epochs=cfg.epochs, max_steps=cfg.max_steps,
        warmup_steps=int(cfg.warmup_ratio * cfg.epochs * max(1, len(train_ex) // cfg.batch_size)),
        eval_strategy="epoch" if val_ex else "no", save_strategy="steps",
        save_steps=cfg.save_steps, save_total_limit=2, logging_steps=20, seed=cfg.seed,
        report_to=[], use_cpu=not torch.cuda.is_available(), disable_tqdm=True,
        remove_unused_columns=False)  # keeps the teacher's distributions ("soft") in batches
    trainer = _Trainer(model=model, args=args, train_dataset=encode(train_ex, soft),
                       eval_dataset=encode(val_ex) or None,
                       data_collator=collate, compute_metrics=metrics)
    import time

    t0 = time.time()
    trainer.train(resume_from_checkpoint=_last_checkpoint(cfg.run_dir))
    out = Path(cfg.output)
    out.mkdir(parents=True, exist_ok=True)
    trainer.model.half().save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    from dataclasses import asdict

    from nlpkit.card import describe_base

    history = {"config": asdict(cfg), "train_examples": n_gold,
               "unlabelled_examples": len(train_ex) - n_gold,
               "val_examples": len(val_ex), "train_seconds": round(time.time() - t0, 1),
               "class_counts": dict(counts), "class_weights": dict(zip(labels,
                                                                       weights.tolist())),
               **describe_base(cfg.base), **history_extra}
    (out / "training_run.json").write_text(json.dumps(history, indent=2, ensure_ascii=False),
                                           encoding="utf-8")
    return history


def per_class(gold: list[str], pred: list[str]) -> dict:
    labels = sorted(set(gold) | set(pred))
    out = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = {"precision": round(pr, 4), "recall": round(rc, 4),
                    "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0,
                    "support": tp + fn}
    out["macro"] = {"f1": round(float(np.mean([out[lab]["f1"] for lab in labels])), 4)}
    return out


def main(argv: list[str] | None = None) -> None:
    args, cfg = parse_train_args("Train nlpkit's stance classifier", "training/configs/stance.json",
                                 argv, distill=True)
    if args.unlabeled and not cfg.teacher:
        raise SystemExit("--unlabeled needs a teacher (config 'teacher' or --teacher)")
    if args.train:
        train_docs = list(read_jsonl(args.train))
        val_docs = list(read_jsonl(args.val)) if args.val else []
        data = str(args.train.name)
    else:
        train_docs = list(corpus_docs(args.corpus, args.shared, False))
        val_docs = list(corpus_docs(args.corpus, args.shared, True))
        data = "nlpkit quote corpus (data/quotes), fixed split by document id"
    for path in args.add:  # e.g. the check set's dev halves (data/check)
        train_docs += read_jsonl(path)
        data += f" + {path.as_posix()}"
    train_ex, val_ex = read_examples(train_docs), read_examples(val_docs)
    unlabelled: list = []
    for path in args.unlabeled:
        unlabelled += read_unlabelled(read_jsonl(path))
        data += f"; unlabelled quotes of {path.as_posix()} labelled by the teacher"
    print(f"{len(train_ex)} training quotes, {len(val_ex)} validation quotes, "
          f"{len(unlabelled)} unlabelled; labels {dict(Counter(lab for _, lab in train_ex))}")
    train_ex = train_ex + unlabelled  # type: ignore[operator]
    history = train(cfg, train_ex, val_ex, {"task": "stance", "data": data,
                                            "train_docs": len(train_docs),
                                            "val_docs": len(val_docs)})
    if cfg.lexical:  # see nlpkit.lexical; needs scikit-learn (pip install -e ".[train]")
        from training.train_lexical import attach

        history["lexical"] = attach(cfg.output, train_ex, val_ex)
    if val_ex:
        from nlpkit.stance import Stance

        clf = Stance(cfg.output)
        probs = clf.scores([pair for pair, _ in val_ex])
        pred = [clf.labels[int(p.argmax())] for p in probs]
        figures = per_class([lab for _, lab in val_ex], pred)
        history["val_per_class"] = figures
        Path(cfg.output, "training_run.json").write_text(
            json.dumps(history, indent=2, ensure_ascii=False), encoding="utf-8")
        print(json.dumps(figures, indent=2))
        from nlpkit.card import write_card

        write_card(cfg.output, "stance", history, figures,
                   None if args.train else "model_cards")


if __name__ == "__main__":
    main()

"""Shared training loop for word-level token classification (NER, quote spans).

Labels sit on the first sub-token of each word; the other sub-tokens get -100 so the loss and the
metrics see one decision per word (the transformers ``run_ner.py`` convention).
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from nlpkit.windows import encode_words, make_windows


@dataclass
class TrainConfig:
    base: str = "build/base-e5-l4"
    output: str = "build/ner"
    run_dir: str = "runs/ner"
    labels: list[str] = field(default_factory=list)
    max_length: int = 256
    stride: int = 64
    epochs: float = 4.0
    batch_size: int = 16
    learning_rate: float = 1e-4
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    freeze_embeddings: bool = True
    # freeze the embeddings and the first n encoder layers: a tagger trained from another
    # task's model (``base``: the NER folder) then shares those layers with it, and nlpkit runs
    # them once for both tasks (nlpkit.tagger.WordTagger.share_trunk)
    freeze_layers: int = 0
    seed: int = 13
    max_steps: int = -1
    save_steps: int = 100
    class_weights: dict[str, float] | None = None
    readout: str = "cls"  # sequence classifiers: "cls" ([CLS] pooler) or "mean" (mean of tokens)
    oversample: dict[str, int] | None = None  # NER: repeat training docs of a source n times
    names_only: bool = False  # NER: drop gold PER/ORG/LOC spans that are not names (guidelines)
    augment_names: int = 0  # NER: name-substituted copies of the training docs (ner_augment)
    lexical: bool = False  # stance: fit the TF-IDF companion (nlpkit.lexical) after training
    # distillation: a trained token classifier (same labels, same vocabulary) whose softened
    # word-level distributions the student also learns, on the gold windows and on unlabelled
    # ones (train_ner --unlabeled); loss = (1 - w) * gold CE + w * T² * KL(teacher ‖ student)
    teacher: str | None = None
    distill_weight: float = 0.5
    distill_temperature: float = 2.0
    # for a student of the teacher's depth and width (a pruned copy, training.prune_ffn): the
    # weight of each layer's hidden states matching the teacher's (relative squared error)
    distill_hidden: float = 0.0

    @classmethod
    def from_file(cls, path: str | os.PathLike, **overrides) -> TrainConfig:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"{path}: unknown config keys {sorted(unknown)}")
        return cls(**data)


def parse_train_args(description: str, config: str, argv: list[str] | None,
                     corpus: bool = True, distill: bool = False):
    """The command line every training script shares; returns ``(args, config)``."""
    import argparse

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--config", type=Path, default=Path(config))
    if corpus:
        ap.add_argument("--corpus", type=Path, default=Path("data/quotes"))
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--train", type=Path, help="gold JSONL (guidelines format) instead")
    ap.add_argument("--val", type=Path)
    ap.add_argument("--add", type=Path, action="append", default=[],
                    help="gold JSONL (guidelines format, texts included) added to the training "
                         "data; repeat to add more (stance)")
    if distill:
        ap.add_argument("--unlabeled", type=Path, action="append", default=[],
                        help="unlabelled texts (.txt, one per line, or JSONL with 'text') that "
                             "the teacher labels for distillation; repeat to add more")
        ap.add_argument("--teacher", help="a trained model whose outputs the new one learns too")
    ap.add_argument("--base")
    ap.add_argument("--output")
    ap.add_argument("--run-dir")
    ap.add_argument("--epochs", type=float)
    ap.add_argument("--max-steps", type=int)
    ap.add_argument("--seed", type=int)
    args = ap.parse_args(argv)
    cfg = TrainConfig.from_file(args.config, base=args.base, output=args.output,
                                run_dir=args.run_dir, epochs=args.epochs,
                                max_steps=args.max_steps, seed=args.seed,
                                teacher=getattr(args, "teacher", None))
    return args, cfg


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def labels_from_tags(tag_lists: Sequence[Sequence[str]]) -> list[str]:
    """BIO label list from the data: ``O`` first, then ``B-X``/``I-X`` for each type, sorted."""
    types = sorted({t[2:] for tags in tag_lists for t in tags if t != "O"})
    if not types:
        raise ValueError("the training data has no labelled spans")
    return ["O"] + [f"{p}-{t}" for t in types for p in ("B", "I")]


UNLABELLED = -1  # a word with no gold label: only the teacher's distribution trains it


def build_examples(tokenizer, docs_words: Sequence[Sequence[str]],
                   docs_tags: Sequence[Sequence[str] | None], label2id: dict[str, int],
                   max_length: int, stride: int) -> list[dict]:
    """Windows with word-level labels; a document whose tags are None is unlabelled text
    (its words get ``UNLABELLED``, for distillation)."""
    tokenizer.model_max_length = 1 << 30  # windows are made below, never truncated
    examples = []
    for d, (words, tags) in enumerate(zip(docs_words, docs_tags)):
        if tags is None:
            ids, word_ids = encode_words(tokenizer, words)
            for w in make_windows(d, ids, word_ids, tokenizer.cls_token_id,
                                  tokenizer.sep_token_id, max_length, stride):
                examples.append({"input_ids": w.input_ids,
                                 "labels": [UNLABELLED if i >= 0 else -100
                                            for i in w.word_index]})
            continue
        if len(words) != len(tags):
            raise ValueError(f"document {d}: {len(words)} words but {len(tags)} tags")
        unknown = set(tags) - set(label2id)
        if unknown:
            raise ValueError(f"document {d}: unknown labels {sorted(unknown)}")
        ids, word_ids = encode_words(tokenizer, words)
        for w in make_windows(d, ids, word_ids, tokenizer.cls_token_id, tokenizer.sep_token_id,
                              max_length, stride):
            labels = [label2id[tags[i]] if i >= 0 else -100 for i in w.word_index]
            examples.append({"input_ids": w.input_ids, "labels": labels})
    return examples


def train_token_classifier(cfg: TrainConfig, train_ex: list[dict], val_ex: list[dict],
                           tokenizer, card_extra: dict | None = None):
    """Fine-tune ``cfg.base`` and save a self-contained folder to ``cfg.output``."""
    from transformers import (
        AutoModelForTokenClassification,
        DataCollatorForTokenClassification,
        Trainer,
        TrainingArguments,
    )

    from training.metrics import seqeval_report

    if not train_ex:
        raise ValueError("empty training set: no windows were built from the data")
    set_seed(cfg.seed)
    labels = cfg.labels
    id2label = dict(enumerate(labels))
    model = AutoModelForTokenClassification.from_pretrained(
        cfg.base, num_labels=len(labels), id2label=id2label,
        label2id={v: k for k, v in id2label.items()}, dtype=torch.float32,
        ignore_mismatched_sizes=True,  # a base with another task's head gets a new one
    )
    if cfg.freeze_embeddings:
        model.base_model.embeddings.word_embeddings.weight.requires_grad_(False)
    if cfg.freeze_layers:
        model.base_model.embeddings.requires_grad_(False)
        for layer in model.base_model.encoder.layer[: cfg.freeze_layers]:
            layer.requires_grad_(False)

    def compute_metrics(pred):
        logits, gold = pred
        preds = logits.argmax(-1)
        y_true, y_pred = [], []
        for p_row, g_row in zip(preds, gold):
            keep = g_row != -100
            y_true.append([labels[i] for i in g_row[keep]])
            y_pred.append([labels[i] for i in p_row[keep]])
        return seqeval_report(y_true, y_pred, flat=True)

    weights = None
    if cfg.class_weights:
        weights = torch.tensor([cfg.class_weights.get(lab, 1.0) for lab in labels])
    teacher = load_teacher(cfg.teacher, labels) if cfg.teacher else None

    class _Trainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
            gold = inputs.pop("labels")
            hidden = teacher is not None and cfg.distill_hidden > 0 and model.training
            out = model(**inputs, output_hidden_states=True) if hidden else model(**inputs)
            logits = out.logits.float()
            known = gold.masked_fill(gold < 0, -100)
            loss = (torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), known.reshape(-1),
                weight=None if weights is None else weights.to(logits.device), ignore_index=-100)
                if bool((known != -100).any()) else logits.sum() * 0.0)
            if teacher is not None:
                loss = distill_loss(loss, logits, gold, teacher, inputs, cfg,
                                    out.hidden_states if hidden else None)
            return (loss, out) if return_outputs else loss

    steps_per_epoch = math.ceil(len(train_ex) / cfg.batch_size)
    args = TrainingArguments(
        output_dir=cfg.run_dir, per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=32, learning_rate=cfg.learning_rate,
        weight_decay=cfg.weight_decay, warmup_steps=int(cfg.warmup_ratio * steps_per_epoch
                                                        * cfg.epochs),
        num_train_epochs=cfg.epochs, max_steps=cfg.max_steps, lr_scheduler_type="linear",
        eval_strategy="epoch" if val_ex else "no", save_strategy="steps",
        save_steps=cfg.save_steps, save_total_limit=2, logging_steps=20, seed=cfg.seed,
        report_to=[], train_sampling_strategy="group_by_length", dataloader_num_workers=0,
        use_cpu=not torch.cuda.is_available(), bf16=torch.cuda.is_available(),
        disable_tqdm=True,
    )
    trainer = _Trainer(model=model, args=args, train_dataset=train_ex,
                       eval_dataset=val_ex or None,
                       data_collator=DataCollatorForTokenClassification(tokenizer),
                       compute_metrics=compute_metrics)
    last = _last_checkpoint(cfg.run_dir)
    t0 = time.time()
    trainer.train(resume_from_checkpoint=last)
    elapsed = time.time() - t0
    metrics = trainer.evaluate() if val_ex else {}
    out = Path(cfg.output)
    out.mkdir(parents=True, exist_ok=True)
    model = trainer.model.half()
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    from nlpkit.card import describe_base

    history = {"config": asdict(cfg), "train_windows": len(train_ex), "val_windows": len(val_ex),
               "train_seconds": round(elapsed, 1), "window_metrics": metrics,
               "resumed_from": last, **describe_base(cfg.base), **(card_extra or {})}
    (out / "training_run.json").write_text(json.dumps(history, indent=2, ensure_ascii=False),
                                           encoding="utf-8")
    return model, history


def load_teacher(path: str, labels: Sequence[str]):
    """The frozen teacher of a distillation run; its labels must be the student's, in order."""
    from transformers import AutoModelForTokenClassification

    teacher = AutoModelForTokenClassification.from_pretrained(path, dtype=torch.float32)
    theirs = [teacher.config.id2label[i] for i in range(teacher.config.num_labels)]
    if theirs != list(labels):
        raise ValueError(f"teacher {path}: labels {theirs} differ from the data's {list(labels)}")
    return teacher.eval().requires_grad_(False)


def soft_kl(student: torch.Tensor, teacher: torch.Tensor, temp: float) -> torch.Tensor:
    """T²·KL(teacher ‖ student) between logits softened by ``temp``, averaged over rows (the
    distillation term of token and stance training alike)."""
    return torch.nn.functional.kl_div(
        torch.log_softmax(student / temp, -1), torch.log_softmax(teacher / temp, -1),
        log_target=True, reduction="batchmean") * temp * temp


def distill_loss(gold_loss: torch.Tensor, logits: torch.Tensor, gold: torch.Tensor, teacher,
                 inputs: dict, cfg: TrainConfig, hidden: tuple | None = None) -> torch.Tensor:
    """Mix the gold loss with T²·KL(teacher ‖ student) on every word's first sub-token, plus,
    given the student's ``hidden`` states, ``cfg.distill_hidden`` times their relative squared
    error against the teacher's, layer by layer, over the real tokens."""
    if next(teacher.parameters()).device != logits.device:
        teacher.to(logits.device)
    with torch.no_grad():
        t_out = teacher(**inputs, output_hidden_states=hidden is not None)
        t_logits = t_out.logits.float()
    words = gold != -100
    temp, w = cfg.distill_temperature, cfg.distill_weight
    kd = soft_kl(logits[words], t_logits[words], temp)
    has_gold = bool((gold >= 0).any())
    loss = (1 - w) * gold_loss + w * kd if has_gold else kd
    if hidden is not None:
        if len(hidden) != len(t_out.hidden_states) or hidden[-1].shape != t_out.hidden_states[-1].shape:
            raise ValueError("distill_hidden needs a student of the teacher's depth and width")
        real = inputs["attention_mask"].bool()
        err = [((s.float() - t.float())[real].pow(2).sum() / t.float()[real].pow(2).sum())
               for s, t in zip(hidden[1:], t_out.hidden_states[1:])]
        loss = loss + cfg.distill_hidden * torch.stack(err).mean()
    return loss


def _last_checkpoint(run_dir: str) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    if not os.path.isdir(run_dir):
        return None
    return get_last_checkpoint(run_dir)

"""Tiny, randomly initialised BERT models built in code: every test runs offline in seconds."""

from __future__ import annotations

import string
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NER_LABELS = ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PER", "I-PER"]
CHARS = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюя" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя".upper()
         + string.ascii_letters + string.digits + string.punctuation + "«»—–…„“")


def tiny_tokenizer():
    from training.build_base import make_tokenizer

    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581"]
    for c in CHARS:
        pieces += [c, "\u2581" + c]
    pieces += ["\u2581по", "\u2581словам", "\u2581заявил", "<mask>"]
    return make_tokenizer(pieces, [0.0] * 4 + [-1.0] * (len(pieces) - 4), 3)


def tiny_config(num_labels: int | None = None, labels: list[str] | None = None, vocab: int = 0):
    from transformers import BertConfig

    kw = {}
    if labels:
        kw = {"id2label": dict(enumerate(labels)),
              "label2id": {lab: i for i, lab in enumerate(labels)}, "num_labels": len(labels)}
    return BertConfig(vocab_size=vocab, hidden_size=32, num_hidden_layers=2,
                      num_attention_heads=2, intermediate_size=37, max_position_embeddings=128,
                      pad_token_id=1, **kw)


def save_tiny(path: Path, kind: str = "token", labels: list[str] | None = None) -> Path:
    from transformers import (
        AutoModelForSequenceClassification,
        AutoModelForTokenClassification,
        BertModel,
    )

    torch.manual_seed(0)
    tok = tiny_tokenizer()
    cfg = tiny_config(labels=labels, vocab=len(tok))
    model = {"token": AutoModelForTokenClassification.from_config,
             "sequence": AutoModelForSequenceClassification.from_config,
             "base": BertModel}[kind](cfg)
    model.save_pretrained(path, safe_serialization=True)
    tok.save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def tiny_ner(tmp_path_factory) -> Path:
    return save_tiny(tmp_path_factory.mktemp("ner"), "token", NER_LABELS)


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    return save_tiny(tmp_path_factory.mktemp("base"), "base")


@pytest.fixture(scope="session")
def tiny_stance(tmp_path_factory) -> Path:
    return save_tiny(tmp_path_factory.mktemp("stance"), "sequence",
                     ["denial", "neutral", "protest", "reassurance"])


@pytest.fixture(scope="session")
def tiny_quotes(tmp_path_factory) -> Path:
    from nlpkit.quotes import QUOTE_TAGS

    labels = ["O"] + [f"{p}-{t}" for t in QUOTE_TAGS for p in ("B", "I")]
    return save_tiny(tmp_path_factory.mktemp("quotes"), "token", labels)

"""Shared trunk: a quote tagger trained on the NER model's frozen layers takes their states from
the NER pass, with the predictions it would give running alone."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nlpkit.tagger import WordTagger
from nlpkit.text import words
from nlpkit.trunk import shared_layers
from tests.conftest import tiny_tokenizer

TEXTS = ["Министр заявил, что «всё будет хорошо». " * 30,
         "Короткий текст без цитат.",
         "По словам Ивана Петрова, завод закроют. Он добавил: «Мы не сдадимся». " * 12]


def _quote_model_from(ner_dir, out_dir, shared: int):
    """The NER model with a new head and its layers after ``shared`` changed (as training
    with ``freeze_layers=shared`` leaves them)."""
    from transformers import AutoModelForTokenClassification

    from nlpkit.quotes import QUOTE_TAGS

    labels = ["O"] + [f"{p}-{t}" for t in QUOTE_TAGS for p in ("B", "I")]
    model = AutoModelForTokenClassification.from_pretrained(
        ner_dir, num_labels=len(labels), id2label=dict(enumerate(labels)),
        label2id={lab: i for i, lab in enumerate(labels)}, ignore_mismatched_sizes=True)
    torch.manual_seed(1)
    with torch.no_grad():
        for layer in model.base_model.encoder.layer[shared:]:
            for p in layer.parameters():
                p.add_(torch.randn_like(p) * 0.05)
    model.save_pretrained(out_dir, safe_serialization=True)
    tiny_tokenizer().save_pretrained(out_dir)
    return out_dir


def _docs():
    return [[t[s:e] for s, e in words(t)] for t in TEXTS]


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_shared_layers_give_the_predictions_of_the_model_alone(tiny_ner, tmp_path, precision):
    quotes_dir = _quote_model_from(tiny_ner, tmp_path / "quotes", shared=1)
    ner = WordTagger(tiny_ner, "cpu", precision=precision)
    alone = WordTagger(quotes_dir, "cpu", precision=precision)
    shared = WordTagger(quotes_dir, "cpu", precision=precision)
    assert shared.share_trunk(ner) == 1
    docs = _docs()
    needed = [[w.startswith(("заявил", "словам", "добавил")) for w in ws] for ws in docs]
    ner_before = WordTagger(tiny_ner, "cpu", precision=precision).predict(docs)
    ner_out = ner.predict(docs)
    assert ner.encode(docs) and len(ner.encode(docs)) > len(docs)  # several windows per doc
    assert [t for t, _ in ner_out] == [t for t, _ in ner_before]  # NER is unchanged
    got = shared.predict(docs, needed)
    assert ner._kept is None  # the states were handed over once and released
    want = alone.predict(docs, needed)
    assert [t for t, _ in got] == [t for t, _ in want]
    tol = 1e-4 if precision == "fp32" else 2e-2
    for (_, a), (_, b) in zip(got, want):
        assert np.allclose(a, b, atol=tol)


def test_other_texts_are_run_in_full(tiny_ner, tmp_path):
    quotes_dir = _quote_model_from(tiny_ner, tmp_path / "quotes", shared=1)
    ner, shared = WordTagger(tiny_ner, "cpu"), WordTagger(quotes_dir, "cpu")
    alone = WordTagger(quotes_dir, "cpu")
    shared.share_trunk(ner)
    docs = _docs()
    ner.predict(docs[:1])  # the NER pass saw other documents
    assert [t for t, _ in shared.predict(docs)] == [t for t, _ in alone.predict(docs)]


def test_models_with_other_layers_share_nothing(tiny_ner, tmp_path):
    from transformers import AutoModelForTokenClassification

    a = AutoModelForTokenClassification.from_pretrained(tiny_ner)
    b = AutoModelForTokenClassification.from_pretrained(
        _quote_model_from(tiny_ner, tmp_path / "q0", shared=0))
    assert shared_layers(a, b) == 0  # every layer changed
    c = AutoModelForTokenClassification.from_pretrained(
        _quote_model_from(tiny_ner, tmp_path / "q1", shared=1))
    assert shared_layers(a, c) == 1
    alone = WordTagger(tmp_path / "q0", "cpu")
    assert alone.share_trunk(WordTagger(tiny_ner, "cpu")) == 0 and alone.partner is None


def test_the_pipeline_shares_when_the_models_allow(tiny_ner, tmp_path):
    import nlpkit

    quotes_dir = _quote_model_from(tiny_ner, tmp_path / "quotes", shared=1)
    nlp = nlpkit.load(tasks=["ner", "quotes"], ner=tiny_ner, quotes=quotes_dir, device="cpu")
    assert nlp.quotes.tagger.shared == 1 and nlp.ner.tagger.trunk == 1
    plain = nlpkit.load(tasks=["ner", "quotes"], ner=tiny_ner, quotes=quotes_dir, device="cpu")
    plain.quotes.tagger.unshare()
    assert plain.ner.tagger.trunk == 0
    a = [d.to_dict() for d in nlp.pipe(TEXTS, batch_size=2)]
    b = [d.to_dict() for d in plain.pipe(TEXTS, batch_size=2)]
    assert a == b


def test_the_pipeline_splits_each_document_into_words_once(tiny_ner, tmp_path, monkeypatch):
    import nlpkit
    import nlpkit.ner
    import nlpkit.pipeline
    import nlpkit.quotes
    from nlpkit.text import split_words

    quotes_dir = _quote_model_from(tiny_ner, tmp_path / "quotes", shared=1)
    nlp = nlpkit.load(tasks=["ner", "quotes"], ner=tiny_ner, quotes=quotes_dir, device="cpu")
    alone = [nlp.quotes([t], nlp.ner([t]))[0] for t in TEXTS]  # each task splits by itself
    calls = []
    monkeypatch.setattr(nlpkit.pipeline, "split_words",
                        lambda t: calls.append(t) or split_words(t))

    def refused(_):
        raise AssertionError("a task split a document the pipeline had split")

    monkeypatch.setattr(nlpkit.ner, "split_words", refused)
    monkeypatch.setattr(nlpkit.quotes, "split_words", refused)
    docs = list(nlp.pipe(TEXTS, batch_size=2))
    assert calls == list(TEXTS)
    assert [list(d.quotes) for d in docs] == alone


def test_the_split_forward_matches_the_model_under_autocast(tiny_ner):
    from transformers import AutoModelForTokenClassification

    from nlpkit.trunk import embed, forward_split

    model = AutoModelForTokenClassification.from_pretrained(tiny_ner).eval()
    ids = torch.tensor([[0, 10, 11, 12, 2], [0, 13, 2, 1, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
        want = model(input_ids=ids, attention_mask=mask).logits.float()
        half = forward_split(model, embed(model, ids), mask, 0, 1, head=False)
        got = forward_split(model, half, mask, 1).float()
    keep = mask.bool()
    assert torch.allclose(want[keep], got[keep], atol=5e-2)
